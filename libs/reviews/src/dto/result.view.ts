import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESULT_BASES, RESULT_BASIS_NAMES, type ResultBasis, resultOnBasis } from '../calibration';
import type { ReviewResult } from '../entities/review-result.entity';

export class ResultView {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({
    enum: ['divergent', 'reconciling', 'final'],
    description: 'divergent 有分歧待处理 / reconciling 重评中 / final 最终',
  })
  status: string;
  @ApiProperty({ description: '计算次数（重评后递增）' }) generation: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '规则库评分汇总：子域、能力域、要素、总分、红线、分歧子域、建议结论',
  })
  result: object;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '按专家宽严度校准后的同一汇总',
  })
  adjusted: object | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '分数所支持的最高层级' }) highestTier:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '校准后分数所支持的最高层级' })
  adjustedHighestTier: string | null;
  @ApiProperty({
    enum: RESULT_BASES,
    description: '遴选决定与评审报告采用的评分（按轮次策略；校准结果缺失时为原始评分）',
  })
  basis: string;
  @ApiProperty({ description: '原始评分 / 宽严度校准后评分' }) basisName: string;
  @ApiProperty({ enum: ['pass', 'fail'] }) recommendation: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '分歧处理：重评或接受及理由',
  })
  resolution: object | null;
  @ApiProperty({ type: String, format: 'date-time' }) computedAt: Date;
  @ApiProperty() version: number;
}

/** A stored result with the reading the round's policy makes decisions use. */
export const toResultView = (r: ReviewResult, policy: ResultBasis): ResultView => {
  const { basis } = resultOnBasis(r, policy);
  return {
    ...r,
    adjustedHighestTier: r.adjustedHighestTier ?? null,
    basis,
    basisName: RESULT_BASIS_NAMES[basis],
  };
};

export class CalibrationView {
  @ApiProperty({ enum: RESULT_BASES, description: '本轮遴选决定采用的评分' }) basis: string;
  @ApiProperty({ description: '原始评分 / 宽严度校准后评分' }) basisName: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '每位专家的宽严度（与专家组均值的平均偏差）',
  })
  experts: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '原始与校准后的总分、建议结论，及决定所用的评分',
  })
  results: object[];
}
