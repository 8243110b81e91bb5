import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { normalizeText } from '@ff/core';
import { CreateRoundDto, RoundView } from '@ff/reviews';
import { RE_REVIEW_OUTCOMES } from '../re-review-outcome';
import { DesignationView } from './designations.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

/** A re-review round: the review round's settings, over designations due instead of applications. */
export class OpenReReviewRoundDto extends OmitType(CreateRoundDto, ['applicationIds'] as const) {
  @ApiPropertyOptional({
    type: [String],
    description: '复核的认定（缺省为本批次中有效期在复核窗口内届满的全部有效认定；所选认定也须在窗口内）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  designationIds?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 24,
    description: '有效期届满前多少个月内的认定列入复核（缺省为批次认定策略，默认 6）',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  reReviewWindowMonths?: number;
}

export class ReReviewRoundView {
  @ApiProperty({ type: RoundView, description: '复核评审轮次（分配、发布、进度、结果沿用评审轮次的接口）' })
  round: RoundView;
  @ApiProperty({ description: '列入复核的截止日期：有效期在此日及之前届满的认定' }) dueBy: string;
  @ApiProperty({ type: [DesignationView], description: '转为“复核中”的认定' }) designations: DesignationView[];
}

export class ProposeReReviewOutcomeDto {
  @ApiProperty({ description: '复核中的认定' }) @IsUUID('4') designationId: string;
  @ApiProperty({ enum: RE_REVIEW_OUTCOMES, description: 'maintained 维持认定 / failed 复核未通过' })
  @IsIn(RE_REVIEW_OUTCOMES)
  reReviewOutcome: string;
  @ApiProperty({ description: '复核结论说明' }) @Transform(trim) @IsString() @Length(5, 2000) reReviewNote: string;
}

export class ReReviewOutcomeView {
  @ApiProperty() id: string;
  @ApiProperty() designationId: string;
  @ApiProperty({ description: '复核评审轮次' }) roundId: string;
  @ApiProperty({ description: '所依据的复核评审结果' }) resultId: string;
  @ApiProperty({ enum: RE_REVIEW_OUTCOMES }) reReviewOutcome: string;
  @ApiProperty() reReviewOutcomeName: string;
  @ApiProperty() reReviewNote: string;
  @ApiProperty({ enum: ['proposed', 'confirmed'] }) status: string;
  @ApiProperty() statusName: string;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) proposedAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) confirmedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
  @ApiProperty() version: number;
}

/** What the round's result says about one designation. */
export class ReReviewResultSummaryView {
  @ApiProperty() resultId: string;
  @ApiProperty({ description: '总分' }) total: number;
  @ApiProperty({ enum: ['pass', 'fail'], description: '按申报层级通过线的建议结论' }) recommendation: string;
  @ApiProperty({ description: '评分是否支持维持认定层级（该层级范围内达到通过线且无否决项）' })
  supportsTier: boolean;
}

export class ReReviewItemView {
  @ApiProperty({ type: DesignationView }) designation: DesignationView;
  @ApiPropertyOptional({
    type: ReReviewResultSummaryView,
    nullable: true,
    description: '本轮已定稿的评审结果（尚未定稿为 null）',
  })
  result: ReReviewResultSummaryView | null;
  @ApiPropertyOptional({ type: ReReviewOutcomeView, nullable: true, description: '本轮的复核结论' })
  outcome: ReReviewOutcomeView | null;
}
