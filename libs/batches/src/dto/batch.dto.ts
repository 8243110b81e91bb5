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
import { NestedObject } from '@ff/core';
import { TIER_CODES, type TierCode } from '@ff/rules';

export class PanelSizesDto {
  @ApiProperty({ description: '省级数字化车间每个能力子域的专家人数', default: 3 })
  @IsInt()
  @Min(1)
  @Max(15)
  workshop: number;

  @ApiProperty({ description: '省级智能工厂每个能力子域的专家人数', default: 5 })
  @IsInt()
  @Min(1)
  @Max(15)
  smart_factory: number;

  @ApiProperty({ description: '未来工厂每个能力子域的专家人数', default: 7 })
  @IsInt()
  @Min(1)
  @Max(15)
  future_factory: number;
}

export class PrecheckPolicyDto {
  @ApiProperty({ description: '自评说明最少字数', default: 20 })
  @IsInt()
  @Min(0)
  @Max(2000)
  minNarrativeLength: number;

  @ApiProperty({ description: '必选条款（应）是否必须附佐证材料', default: true })
  @IsIn([true, false])
  requireEvidenceForMandatory: boolean;

  @ApiProperty({ description: '推荐条款（宜）是否必须附佐证材料', default: false })
  @IsIn([true, false])
  requireEvidenceForRecommended: boolean;

  @ApiProperty({ description: '必选条款自评为“部分满足”是否视为满足', default: true })
  @IsIn([true, false])
  partialCountsAsMet: boolean;
}

export class TierThresholdsDto {
  @ApiProperty() @IsNumber() @Min(0) @Max(1) workshop: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1) smart_factory: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(1) future_factory: number;
}

export class ScoringPolicyDto {
  @ApiProperty({ description: '各等级通过分数线（0–1）', type: TierThresholdsDto })
  @NestedObject(() => TierThresholdsDto)
  thresholds: TierThresholdsDto;

  @ApiProperty({ description: '专家人数达到该值时去掉最高分和最低分', default: 5 })
  @IsInt()
  @Min(3)
  @Max(15)
  trimFromPanelSize: number;

  @ApiProperty({ description: '同一能力子域专家评分极差超过该值时标记分歧', default: 0.5 })
  @IsNumber()
  @Min(0)
  @Max(1)
  divergenceThreshold: number;
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

  @ApiProperty({ description: '申报开始时间（ISO 8601，带时区，如 2026-03-01T09:00:00+08:00）' })
  @IsISO8601({ strict: true })
  submissionOpensAt: string;

  @ApiProperty({ description: '申报截止时间（ISO 8601，带时区）' })
  @IsISO8601({ strict: true })
  submissionClosesAt: string;

  @ApiPropertyOptional({ type: PrecheckPolicyDto, description: '形式审查策略，缺省为默认策略' })
  @IsOptional()
  @NestedObject(() => PrecheckPolicyDto)
  precheckPolicy?: PrecheckPolicyDto;

  @ApiPropertyOptional({ type: ScoringPolicyDto, description: '评分策略，缺省为默认策略' })
  @IsOptional()
  @NestedObject(() => ScoringPolicyDto)
  scoringPolicy?: ScoringPolicyDto;

  @ApiPropertyOptional({ type: PanelSizesDto, description: '各等级评审专家人数' })
  @IsOptional()
  @NestedObject(() => PanelSizesDto)
  panelSizes?: PanelSizesDto;
}

export class UpdateBatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 100) title?: string;

  @ApiPropertyOptional({ enum: TIER_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TIER_CODES, { each: true })
  tiers?: TierCode[];

  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) submissionOpensAt?: string;

  @ApiPropertyOptional({ description: '批次开放后仍可延长截止时间' })
  @IsOptional()
  @IsISO8601({ strict: true })
  submissionClosesAt?: string;

  @ApiPropertyOptional({ type: PrecheckPolicyDto })
  @IsOptional()
  @NestedObject(() => PrecheckPolicyDto)
  precheckPolicy?: PrecheckPolicyDto;

  @ApiPropertyOptional({ type: ScoringPolicyDto })
  @IsOptional()
  @NestedObject(() => ScoringPolicyDto)
  scoringPolicy?: ScoringPolicyDto;

  @ApiPropertyOptional({ type: PanelSizesDto })
  @IsOptional()
  @NestedObject(() => PanelSizesDto)
  panelSizes?: PanelSizesDto;
}
