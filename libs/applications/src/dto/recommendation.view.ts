import { ApiProperty } from '@nestjs/swagger';
import { TIER_CODES } from '@ff/rules';

export class RankedRecommendationView {
  @ApiProperty({ format: 'uuid' }) recommendationId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'integer', description: '优先顺序（1 为最优先）' }) rank: number;
  @ApiProperty({ description: '推荐理由（推荐时的意见）' }) reason: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ description: '企业所在区县代码', example: '330106' }) enterpriseRegionCode: string;
  @ApiProperty({ format: 'date-time', description: '推荐时间（UTC）' }) recommendedAt: Date;
}

/** One recommender's ranked list of a batch and tier, with its quota. */
export class RankedListView {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ description: '推荐单位的行政区划代码', example: '330100' }) regionCode: string;
  @ApiProperty({ example: '杭州市' }) regionName: string;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty({ example: '省级智能工厂' }) tierName: string;
  @ApiProperty({ enum: ['county', 'city'] }) level: 'county' | 'city';
  @ApiProperty({ example: '市级推荐' }) levelName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '推荐名额；未设置为 null（不限）' }) quota:
    number | null;
  @ApiProperty({ type: 'integer', description: '当前有效推荐数' }) count: number;
  @ApiProperty({ type: [RankedRecommendationView] }) items: RankedRecommendationView[];
}
