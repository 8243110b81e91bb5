import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NestedObject, PageQuery, normalizeText, toList } from '@ff/core';
import { RESULT_BASES, type ResultBasis } from '../calibration';
import { ROUND_KINDS, type RoundKind } from '../entities/review-round.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export class RoundPanelSizesDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @IsInt() @Min(1) @Max(9) workshop?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @IsInt() @Min(1) @Max(9) smart_factory?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @IsInt() @Min(1) @Max(9) future_factory?: number;
}

export class ConflictPolicyDto {
  @ApiPropertyOptional({ description: '同单位回避' }) @IsOptional() @IsBoolean() sameEmployer?: boolean;
  @ApiPropertyOptional({ description: '利害关系回避' }) @IsOptional() @IsBoolean() declaredRelationship?: boolean;
  @ApiPropertyOptional({ description: '服务商回避' }) @IsOptional() @IsBoolean() applicantVendor?: boolean;
  @ApiPropertyOptional({ enum: ['off', 'county', 'city'], description: '本地回避范围' })
  @IsOptional()
  @IsIn(['off', 'county', 'city'])
  localAvoidance?: 'off' | 'county' | 'city';
  @ApiPropertyOptional({ description: '轮换回避（上一轮评过同一企业）' }) @IsOptional() @IsBoolean() rotation?: boolean;
  @ApiPropertyOptional({ enum: [1, 2], description: '同一任务专家至少来自几个单位' })
  @IsOptional()
  @IsIn([1, 2])
  minDistinctEmployers?: 1 | 2;
}

export class CreateRoundDto {
  @ApiProperty({ description: '申报批次' }) @IsUUID('4') batchId: string;

  @ApiProperty({ example: '2026年第一轮专家评审' })
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  title: string;

  @ApiPropertyOptional({ type: [String], description: '参评申报（缺省为本批次全部“市级已推荐”申报）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  applicationIds?: string[];

  @ApiPropertyOptional({ type: RoundPanelSizesDto, description: '每个任务的专家人数（缺省取批次 panelSizes）' })
  @IsOptional()
  @NestedObject(() => RoundPanelSizesDto)
  panelSizes?: RoundPanelSizesDto;

  @ApiProperty({ description: '建议完成时间（软期限，带时区）', example: '2026-12-10T18:00:00+08:00' })
  @IsISO8601({ strict: true })
  dueAt: string;

  @ApiProperty({ description: '截止时间（硬期限，带时区）', example: '2026-12-15T18:00:00+08:00' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({ type: [Number], description: '在建议完成时间前多少小时提醒（缺省 [72, 24]）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(24 * 60, { each: true })
  reminderHours?: number[];

  @ApiPropertyOptional({ description: '发布后多少小时内须接受任务，否则改派（缺省 48）', minimum: 1, maximum: 720 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  acceptWithinHours?: number;

  @ApiPropertyOptional({ type: ConflictPolicyDto, description: '回避规则（缺省全部启用，本地回避到区县）' })
  @IsOptional()
  @NestedObject(() => ConflictPolicyDto)
  conflictPolicy?: ConflictPolicyDto;

  @ApiPropertyOptional({
    enum: RESULT_BASES,
    description: '遴选决定与评审报告采用的评分：raw 原始评分（缺省）/ severity_adjusted 宽严度校准后评分',
  })
  @IsOptional()
  @IsIn(RESULT_BASES)
  resultBasis?: ResultBasis;
}

export class ResultBasisDto {
  @ApiProperty({
    enum: RESULT_BASES,
    description: '遴选决定与评审报告采用的评分：raw 原始评分 / severity_adjusted 宽严度校准后评分',
  })
  @IsIn(RESULT_BASES)
  resultBasis: ResultBasis;
}

/** A round's settings apart from what it reviews (shared by initial and re-review rounds). */
export type RoundSettings = Omit<CreateRoundDto, 'applicationIds'>;

export class AdjustmentDto {
  @ApiProperty({ enum: ['add', 'remove', 'swap'], description: 'add 补充 / remove 移除 / swap 替换' })
  @IsIn(['add', 'remove', 'swap'])
  op: 'add' | 'remove' | 'swap';

  @ApiProperty({ description: '申报编号' }) @IsUUID('4') applicationId: string;

  @ApiProperty({ description: '能力域代码' }) @IsString() @MaxLength(64) domain: string;

  @ApiPropertyOptional({ description: 'remove / swap：移除的专家' }) @IsOptional() @IsUUID('4') removeExpertId?: string;

  @ApiPropertyOptional({ description: 'add / swap：加入的专家' }) @IsOptional() @IsUUID('4') addExpertId?: string;

  @ApiPropertyOptional({ description: '强制分配理由（该专家存在回避情形或超出上限时必填）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(5, 500)
  overrideReason?: string;

  @ApiProperty({ description: '所依据的预览版本（防止覆盖他人的调整）' }) @IsInt() @Min(1) run: number;
}

export class ManualConflictDto {
  @ApiProperty() @IsUUID('4') expertId: string;
  @ApiProperty({ description: '企业编号' }) @IsUUID('4') enterpriseId: string;
  @ApiProperty({ description: '回避理由' }) @Transform(trim) @IsString() @Length(5, 500) reason: string;
}

export class PublishRoundDto {
  @ApiProperty({ description: '发布的预览版本' }) @IsInt() @Min(1) run: number;

  @ApiPropertyOptional({
    description: '确认在仍有未分配席位时发布（未分配席位及其原因记入轮次与审计日志）；默认否，有未分配席位时拒绝发布',
  })
  @IsOptional()
  @IsBoolean()
  allowUnfilled?: boolean;

  @ApiPropertyOptional({ description: '未满员发布的理由（allowUnfilled 为 true 且有未分配席位时必填，5–500 字）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(5, 500)
  unfilledReason?: string;
}

export class ReasonDto {
  @ApiProperty({ description: '理由（不少于 5 个字）' }) @Transform(trim) @IsString() @Length(5, 1000) reason: string;
}

export const ROUND_STATUSES = ['draft', 'published', 'closed'] as const;
export const ROUND_SORTS = ['createdAt', '-createdAt', 'dueAt', '-dueAt', 'title', '-title'] as const;

export class ListRoundsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '申报批次' }) @IsOptional() @IsUUID('4') batchId?: string;

  @ApiPropertyOptional({
    enum: ROUND_STATUSES,
    isArray: true,
    description: '按状态筛选，可多选（重复参数或逗号分隔）',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(ROUND_STATUSES, { each: true })
  status?: (typeof ROUND_STATUSES)[number][];

  @ApiPropertyOptional({ enum: ROUND_KINDS, description: '轮次类型：认定评审或复核评审' })
  @IsOptional()
  @IsIn(ROUND_KINDS)
  kind?: RoundKind;

  @ApiPropertyOptional({ enum: ROUND_SORTS, default: '-createdAt', description: '排序：字段名，前加“-”为倒序' })
  @IsOptional()
  @IsIn(ROUND_SORTS)
  sort?: (typeof ROUND_SORTS)[number];
}
