import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { NestedObject, PageQuery, toList } from '@ff/core';
import { CREDIT_RATINGS, TIER_CODES, type CreditRating, type TierCode } from '@ff/rules';

export class PanelSizesDto {
  @ApiPropertyOptional({ type: 'integer', description: '省级数字化车间每个能力子域的专家人数', default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  workshop?: number;

  @ApiPropertyOptional({ type: 'integer', description: '省级智能工厂每个能力子域的专家人数', default: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  smart_factory?: number;

  @ApiPropertyOptional({ type: 'integer', description: '未来工厂每个能力子域的专家人数', default: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  future_factory?: number;
}

export class PrecheckPolicyDto {
  @ApiPropertyOptional({ type: 'integer', description: '自评说明最少字数', default: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2000)
  minNarrativeLength?: number;

  @ApiPropertyOptional({ description: '必选条款（应）是否必须附佐证材料', default: true })
  @IsOptional()
  @IsIn([true, false])
  requireEvidenceForMandatory?: boolean;

  @ApiPropertyOptional({ description: '推荐条款（宜）是否必须附佐证材料', default: false })
  @IsOptional()
  @IsIn([true, false])
  requireEvidenceForRecommended?: boolean;

  @ApiPropertyOptional({ description: '必选条款自评为“部分满足”是否视为满足', default: true })
  @IsOptional()
  @IsIn([true, false])
  partialCountsAsMet?: boolean;
}

export class TierThresholdsDto {
  @ApiPropertyOptional({ description: '省级数字化车间通过分数线', example: 0.6 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  workshop?: number;

  @ApiPropertyOptional({ description: '省级智能工厂通过分数线', example: 0.7 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  smart_factory?: number;

  @ApiPropertyOptional({ description: '未来工厂通过分数线', example: 0.8 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  future_factory?: number;
}

export class ScoringPolicyDto {
  @ApiPropertyOptional({ description: '各等级通过分数线（0–1）', type: TierThresholdsDto })
  @IsOptional()
  @NestedObject(() => TierThresholdsDto)
  thresholds?: TierThresholdsDto;

  @ApiPropertyOptional({ type: 'integer', description: '专家人数达到该值时去掉最高分和最低分', default: 5 })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(15)
  trimFromPanelSize?: number;

  @ApiPropertyOptional({ description: '同一能力子域专家评分极差超过该值时标记分歧', default: 0.5 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  divergenceThreshold?: number;
}

/** One tier's thresholds; a field given as null is not checked, a field left out keeps its value. */
export class TierEligibilityDto {
  @ApiPropertyOptional({ nullable: true, description: '数字化水平最低值（null 为不检查）', example: 2.0 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10)
  minDigitalLevel?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    description: '软硬件投资最低额（万元，不含土地厂房；null 为不检查）',
    example: 2000,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10000000)
  minInvestment?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    description: '山区海岛县的软硬件投资最低额（万元；null 为不降低）',
    example: 1500,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10000000)
  minInvestmentReduced?: number | null;

  @ApiPropertyOptional({
    enum: CREDIT_RATINGS,
    nullable: true,
    description: '最低信用等级（该等级及以上）：poor 较差 / medium 中等 / good 良好 / excellent 优秀；null 为不检查',
  })
  @IsOptional()
  @IsIn(CREDIT_RATINGS)
  minCreditRating?: CreditRating | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: '违法违规情况回溯年数（null 为不检查）',
    example: 2,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  violationLookbackYears?: number | null;

  @ApiPropertyOptional({ description: '是否要求独立法人' })
  @IsOptional()
  @IsIn([true, false])
  requireIndependentLegalPerson?: boolean;

  @ApiPropertyOptional({ description: '是否须填写项目建成（投产）日期' })
  @IsOptional()
  @IsIn([true, false])
  requireCompletionDate?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: '项目最迟建成（投产）日期（YYYY-MM-DD；null 为不检查）',
    example: '2025-12-31',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  completedOnOrBefore?: string | null;
}

export class TierEligibilitiesDto {
  @ApiPropertyOptional({ type: TierEligibilityDto, description: '省级数字化车间' })
  @IsOptional()
  @NestedObject(() => TierEligibilityDto)
  workshop?: TierEligibilityDto;

  @ApiPropertyOptional({ type: TierEligibilityDto, description: '省级智能工厂' })
  @IsOptional()
  @NestedObject(() => TierEligibilityDto)
  smart_factory?: TierEligibilityDto;

  @ApiPropertyOptional({ type: TierEligibilityDto, description: '未来工厂' })
  @IsOptional()
  @NestedObject(() => TierEligibilityDto)
  future_factory?: TierEligibilityDto;
}

export class EligibilityPolicyDto {
  @ApiPropertyOptional({ description: '依据的通知文号', example: '浙经信产数〔2025〕174号' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  notice?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '投资统计年限（年，仅用于提示）', example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  investmentWindowYears?: number | null;

  @ApiPropertyOptional({ description: '申报条件事项是否须附佐证材料（声明无违法违规除外）', default: true })
  @IsOptional()
  @IsIn([true, false])
  requireEvidence?: boolean;

  @ApiPropertyOptional({ type: TierEligibilitiesDto, description: '各等级的申报条件门槛' })
  @IsOptional()
  @NestedObject(() => TierEligibilitiesDto)
  tierThresholds?: TierEligibilitiesDto;
}

export class CreateBatchDto {
  @ApiProperty({ description: '批次编号，如 2026-1', example: '2026-1' })
  @IsString()
  @Matches(/^[0-9A-Za-z][0-9A-Za-z_-]{1,31}$/)
  code: string;

  @ApiProperty({ description: '批次名称', example: '2026年度第一批未来工厂申报' })
  @IsString()
  @Length(2, 100)
  title: string;

  @ApiPropertyOptional({ description: '规则版本（创建后固定），缺省为当前版本' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  ruleSetVersion?: string;

  @ApiProperty({ enum: TIER_CODES, isArray: true, description: '受理的申报等级' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TIER_CODES, { each: true })
  tiers: TierCode[];

  @ApiProperty({ description: '申报开始时间（ISO 8601，带时区）', example: '2026-03-01T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  submissionOpensAt: string;

  @ApiProperty({ description: '申报截止时间（ISO 8601，带时区）', example: '2026-04-30T17:00:00+08:00' })
  @IsISO8601({ strict: true })
  submissionClosesAt: string;

  @ApiPropertyOptional({ type: PrecheckPolicyDto, description: '形式审查策略；只给部分项时其余取默认值' })
  @IsOptional()
  @NestedObject(() => PrecheckPolicyDto)
  precheckPolicy?: PrecheckPolicyDto;

  @ApiPropertyOptional({ type: ScoringPolicyDto, description: '评分策略；只给部分项时其余取默认值' })
  @IsOptional()
  @NestedObject(() => ScoringPolicyDto)
  scoringPolicy?: ScoringPolicyDto;

  @ApiPropertyOptional({ type: PanelSizesDto, description: '各等级评审专家人数；只给部分项时其余取默认值' })
  @IsOptional()
  @NestedObject(() => PanelSizesDto)
  panelSizes?: PanelSizesDto;

  @ApiPropertyOptional({
    type: EligibilityPolicyDto,
    description: '申报条件（年度通知的门槛）；只给部分项时其余取默认值（浙经信产数〔2025〕174号）',
  })
  @IsOptional()
  @NestedObject(() => EligibilityPolicyDto)
  eligibilityPolicy?: EligibilityPolicyDto;
}

export class UpdateBatchDto {
  @ApiPropertyOptional({ description: '批次名称' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  title?: string;

  @ApiPropertyOptional({ enum: TIER_CODES, isArray: true, description: '受理的申报等级' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TIER_CODES, { each: true })
  tiers?: TierCode[];

  @ApiPropertyOptional({ description: '申报开始时间（ISO 8601，带时区）', example: '2026-03-01T09:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionOpensAt?: string;

  @ApiPropertyOptional({ description: '批次开放后仍可延长截止时间' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionClosesAt?: string;

  @ApiPropertyOptional({ type: PrecheckPolicyDto, description: '形式审查策略（只改给出的项）' })
  @IsOptional()
  @NestedObject(() => PrecheckPolicyDto)
  precheckPolicy?: PrecheckPolicyDto;

  @ApiPropertyOptional({ type: ScoringPolicyDto, description: '评分策略（只改给出的项）' })
  @IsOptional()
  @NestedObject(() => ScoringPolicyDto)
  scoringPolicy?: ScoringPolicyDto;

  @ApiPropertyOptional({ type: PanelSizesDto, description: '各等级评审专家人数（只改给出的项）' })
  @IsOptional()
  @NestedObject(() => PanelSizesDto)
  panelSizes?: PanelSizesDto;

  @ApiPropertyOptional({ type: EligibilityPolicyDto, description: '申报条件（只改给出的项；每个等级只改给出的门槛）' })
  @IsOptional()
  @NestedObject(() => EligibilityPolicyDto)
  eligibilityPolicy?: EligibilityPolicyDto;
}

export const BATCH_STATUSES = ['draft', 'open', 'closed'] as const;
export const BATCH_SORTS = [
  'submissionOpensAt',
  '-submissionOpensAt',
  'submissionClosesAt',
  '-submissionClosesAt',
  'createdAt',
  '-createdAt',
  'code',
  '-code',
] as const;

export class BatchListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: BATCH_STATUSES,
    isArray: true,
    description: '按状态筛选，可多选（重复参数或逗号分隔）；非省级主管部门看不到未开放的批次',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(BATCH_STATUSES, { each: true })
  status?: (typeof BATCH_STATUSES)[number][];

  @ApiPropertyOptional({ enum: BATCH_SORTS, default: '-submissionOpensAt', description: '排序：字段名，前加“-”为倒序' })
  @IsOptional()
  @IsIn(BATCH_SORTS)
  sort?: (typeof BATCH_SORTS)[number];
}
