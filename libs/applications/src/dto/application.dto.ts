import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NestedObject, PageQuery, toList } from '@ff/core';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.state-machine';
import { maxDeclarableClauses } from '../clause-check';
import { ConstructionClaimsDto } from './construction-claims.dto';
import { EligibilityFactsDto } from './eligibility-facts.dto';
import { MAX_EVIDENCE_PER_CLAUSE, NARRATIVE_MAX } from './limits';
import { MAX_VENDORS, VENDOR_DESCRIPTION_MAX, VENDOR_NAME_MAX } from '../vendors';

export const TIER_CODES = ['workshop', 'smart_factory', 'future_factory'] as const;
export const CONSTRUCTION_TYPE_CODES = [
  'innovation_pioneer',
  'cluster_flagship',
  'chain_leader',
  'platform_transformer',
] as const;
export const CLAUSE_STATUSES = ['met', 'partial', 'not_met'] as const;
export { MAX_EVIDENCE_PER_CLAUSE, NARRATIVE_MAX };
/** Every clause one application may declare (its tier's and the lower tiers', of its industry), in the largest case. */
export const MAX_DECLARATIONS = maxDeclarableClauses();
export const APPLICATION_SORTS = [
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'enterpriseName',
  '-enterpriseName',
  'status',
  '-status',
  'cityRank',
  '-cityRank',
  'countyRank',
  '-countyRank',
] as const;

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid', description: '申报批次编号' })
  @IsUUID('4')
  batchId: string;

  @ApiProperty({
    enum: TIER_CODES,
    description: '申报层级：workshop 数字化车间 / smart_factory 智能工厂 / future_factory 未来工厂',
  })
  @IsIn(TIER_CODES)
  tier: (typeof TIER_CODES)[number];

  @ApiPropertyOptional({ enum: CONSTRUCTION_TYPE_CODES, description: '建设类型（仅未来工厂，提交时必填）' })
  @IsOptional()
  @IsIn(CONSTRUCTION_TYPE_CODES)
  constructionType?: (typeof CONSTRUCTION_TYPE_CODES)[number];
}

/** One vendor / 数字化服务商 the applicant declares (see vendors.ts). */
export class VendorDto {
  @ApiProperty({ description: '服务商的统一社会信用代码（18 位，校验码须正确）', example: '91330106MA2XXXXXXQ' })
  @IsString()
  @MaxLength(30)
  creditCode: string;

  @ApiProperty({ description: '服务商名称', maxLength: VENDOR_NAME_MAX })
  @IsString()
  @MaxLength(VENDOR_NAME_MAX)
  name: string;

  @ApiPropertyOptional({ description: '所提供服务的简述', maxLength: VENDOR_DESCRIPTION_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(VENDOR_DESCRIPTION_MAX)
  serviceDescription?: string;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional({ enum: TIER_CODES, description: '申报层级（仅草稿或已退回时可改）' })
  @IsOptional()
  @IsIn(TIER_CODES)
  tier?: (typeof TIER_CODES)[number];

  @ApiPropertyOptional({
    enum: CONSTRUCTION_TYPE_CODES,
    nullable: true,
    description: '建设类型（仅未来工厂）；传 null 清除',
  })
  @IsOptional()
  @IsIn([...CONSTRUCTION_TYPE_CODES, null])
  constructionType?: (typeof CONSTRUCTION_TYPE_CODES)[number] | null;

  @ApiPropertyOptional({
    type: ConstructionClaimsDto,
    description: '表15 建设类型声明（仅未来工厂）：给出的维度替换原值，未给出的保留；改建设类型时清空',
  })
  @IsOptional()
  @NestedObject(() => ConstructionClaimsDto)
  constructionClaims?: ConstructionClaimsDto;

  @ApiPropertyOptional({
    type: EligibilityFactsDto,
    description:
      '申报条件事项（数字化水平、投资额、信用等级、违法违规、独立法人、建成日期）：给出的事项替换原值，null 删除，未给出的保留',
  })
  @IsOptional()
  @NestedObject(() => EligibilityFactsDto)
  eligibilityFacts?: EligibilityFactsDto;

  @ApiPropertyOptional({
    type: [VendorDto],
    maxItems: MAX_VENDORS,
    description:
      '本企业的供应商/数字化服务商：整体替换原列表，传 [] 清空；评审分配时，任职于其中任一单位的专家回避（服务商回避）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_VENDORS)
  @ValidateNested({ each: true })
  @Type(() => VendorDto)
  vendors?: VendorDto[];
}

/** One clause's answer. Shared by the bulk save, the one-clause save and /rules/evaluate. */
export class DeclarationDto {
  @ApiProperty({ description: '条款编号（取自规则库）', example: 'sd01.ws.a' })
  @IsString()
  @MaxLength(100)
  clauseId: string;

  @ApiProperty({ enum: CLAUSE_STATUSES, description: '自评结论：met 满足 / partial 部分满足 / not_met 不满足' })
  @IsIn(CLAUSE_STATUSES)
  status: (typeof CLAUSE_STATUSES)[number];

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, description: '情况说明' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  narrative?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_EVIDENCE_PER_CLAUSE,
    description: '佐证材料编号（须为本申报上传的材料）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CLAUSE)
  @IsUUID('4', { each: true })
  evidenceIds?: string[];
}

/**
 * Saving one clause merges: a field given replaces the stored one, a field left out keeps it, so
 * a status change never erases the narrative or the evidence. A clause saved for the first time
 * needs a status.
 */
export class SaveClauseDto {
  @ApiPropertyOptional({ enum: CLAUSE_STATUSES, description: '自评结论；首次保存该条款时必填' })
  @IsOptional()
  @IsIn(CLAUSE_STATUSES)
  status?: (typeof CLAUSE_STATUSES)[number];

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, description: '情况说明；不传则保留原值，传空字符串清空' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  narrative?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_EVIDENCE_PER_CLAUSE,
    description: '佐证材料编号；不传则保留原值，传 [] 清空',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CLAUSE)
  @IsUUID('4', { each: true })
  evidenceIds?: string[];
}

export class SaveSelfAssessmentDto {
  @ApiProperty({
    type: [DeclarationDto],
    maxItems: MAX_DECLARATIONS,
    description: '全部条款的自评；整体替换当前草稿（未列出的条款被清除）',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DECLARATIONS)
  @ValidateNested({ each: true })
  @Type(() => DeclarationDto)
  declarations: DeclarationDto[];
}

export class RecommendationDto {
  @ApiProperty({ enum: ['recommend', 'return'], description: 'recommend 推荐 / return 退回企业' })
  @IsIn(['recommend', 'return'])
  decision: 'recommend' | 'return';

  @ApiPropertyOptional({ maxLength: 2000, description: '意见；退回时必填（至少5个字），企业可见' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: '推荐时的优先顺序（1 为最优先）；缺省排在本单位同批次同层级推荐名单末尾，给出时其后的顺延',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  rank?: number;
}

export class RecommendationRankDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: '新的优先顺序（1 为最优先），其余推荐依次调整' })
  @IsInt()
  @Min(1)
  @Max(10000)
  rank: number;
}

export class WithdrawRecommendationDto {
  @ApiProperty({ maxLength: 500, description: '撤回推荐的理由（至少5个字）' })
  @IsString()
  @Length(5, 500)
  reason: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: 500, description: '撤回原因' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '按批次筛选' })
  @IsOptional()
  @IsUUID('4')
  batchId?: string;

  @ApiPropertyOptional({ enum: TIER_CODES, description: '按层级筛选' })
  @IsOptional()
  @IsIn(TIER_CODES)
  tier?: (typeof TIER_CODES)[number];

  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    isArray: true,
    description: '按状态筛选，可多选（重复参数或逗号分隔）',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(APPLICATION_STATUSES, { each: true })
  status?: ApplicationStatus[];

  @ApiPropertyOptional({
    type: Boolean,
    description:
      '仅列出待我办理的申报：县级推荐单位为“形式审查通过”的，市级推荐单位为“县级已推荐”的（其他角色无此筛选）',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  waitingForMe?: boolean;

  @ApiPropertyOptional({ enum: APPLICATION_SORTS, default: '-updatedAt', description: '排序：字段名，前加“-”为倒序' })
  @IsOptional()
  @IsIn(APPLICATION_SORTS)
  sort?: (typeof APPLICATION_SORTS)[number];

  @ApiPropertyOptional({
    description: '按地区筛选：浙江省、市或区县行政区划代码（市级代码含其下辖区县）',
    example: '330100',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional({ maxLength: 100, description: '企业名称或统一社会信用代码（模糊匹配）' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: '仅列出市级推荐优先顺序在前 N 位的申报（如 3 为每个市的前三名）',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  maxCityRank?: number;
}
