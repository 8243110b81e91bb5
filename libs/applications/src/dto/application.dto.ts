import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@ff/core';
import { APPLICATION_STATUSES, ApplicationStatus } from '../application.state-machine';

export const TIER_CODES = ['workshop', 'smart_factory', 'future_factory'] as const;
export const CONSTRUCTION_TYPE_CODES = [
  'innovation_pioneer',
  'cluster_flagship',
  'chain_leader',
  'platform_transformer',
] as const;
export const CLAUSE_STATUSES = ['met', 'partial', 'not_met'] as const;
export const NARRATIVE_MAX = 5000;
export const MAX_EVIDENCE_PER_CLAUSE = 50;
export const MAX_DECLARATIONS = 500;

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
}

export class DeclarationBody {
  @ApiProperty({ enum: CLAUSE_STATUSES, description: '自评结论：met 满足 / partial 部分满足 / not_met 不满足' })
  @IsIn(CLAUSE_STATUSES)
  status: (typeof CLAUSE_STATUSES)[number];

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, description: '情况说明' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  narrative?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '佐证材料编号（须为本申报上传的材料）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CLAUSE)
  @IsUUID('4', { each: true })
  evidenceIds?: string[];
}

export class DeclarationDto extends DeclarationBody {
  @ApiProperty({ description: '条款编号（取自规则库）', example: 'sd01.workshop.a' })
  @IsString()
  @MaxLength(100)
  clauseId: string;
}

export class SaveSelfAssessmentDto {
  @ApiProperty({ type: [DeclarationDto], description: '全部条款的自评；整体替换当前草稿' })
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

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, description: '按状态筛选' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ description: '按地区筛选（省/市/区县行政区划代码，含下辖地区）', example: '330100' })
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
}
