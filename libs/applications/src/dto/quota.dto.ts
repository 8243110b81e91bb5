import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '@ff/core';
import { TIER_CODES, type TierCode } from '@ff/rules';

export class SetQuotaDto {
  @ApiProperty({ description: '市级或区县级行政区划代码（区县名额限制该区县的县级推荐）', example: '330100' })
  @Matches(/^\d{6}$/)
  regionCode: string;

  @ApiProperty({ enum: TIER_CODES, description: '申报层级' })
  @IsIn(TIER_CODES)
  tier: TierCode;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: '推荐名额；null 取消名额（不限）',
    example: 3,
  })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10000)
  quota: number | null;
}

export class QuotaListQuery extends PageQuery {}

export class RankedListQuery {
  @ApiProperty({ enum: TIER_CODES, description: '申报层级' })
  @IsIn(TIER_CODES)
  tier: TierCode;
}

export class StatisticsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: '按地区筛选：市级代码含其下辖区县（只在本人辖区内）',
    example: '330100',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  regionCode?: string;
}

export class QuotaView {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ example: '330100' }) regionCode: string;
  @ApiProperty({ example: '杭州市' }) regionName: string;
  @ApiProperty({ enum: ['city', 'county'], description: 'city 限市级推荐 / county 限县级推荐' }) level: string;
  @ApiProperty({ example: '市级推荐' }) levelName: string;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty({ example: '省级智能工厂' }) tierName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '推荐名额；null 为已取消（不限）' }) quota:
    number | null;
  @ApiProperty({ type: 'integer', description: '当前有效推荐数' }) recommended: number;
}

export class StatusCountView {
  @ApiProperty() status: string;
  @ApiProperty({ example: '市级已推荐' }) statusName: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class TierRecommendationView {
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty({ example: '省级智能工厂' }) tierName: string;
  @ApiProperty({ type: 'integer', description: '本地区（本级）有效推荐数' }) recommended: number;
  @ApiProperty({ type: 'integer', nullable: true, description: '本地区名额；未设置为 null' }) quota: number | null;
}

export class RegionStatisticsView {
  @ApiProperty({ example: '330100' }) regionCode: string;
  @ApiProperty({ example: '杭州市' }) regionName: string;
  @ApiProperty({ enum: ['city', 'county'] }) level: string;
  @ApiProperty({ example: '市级' }) levelName: string;
  @ApiProperty({ type: String, nullable: true, description: '区县所属的市', example: '330100' }) cityCode:
    string | null;
  @ApiProperty({ type: 'integer', description: '申报总数' }) total: number;
  @ApiProperty({ type: [StatusCountView], description: '按状态的申报数（只列出现的状态）' })
  byStatus: StatusCountView[];
  @ApiProperty({
    type: [TierRecommendationView],
    description: '各层级本地区推荐数与名额（市：市级推荐；区县：县级推荐）',
  })
  recommendations: TierRecommendationView[];
  @ApiProperty({ type: 'integer', description: '已完成形式审查的提交次数' }) prechecked: number;
  @ApiProperty({ type: 'integer', description: '其中通过的次数' }) precheckPassed: number;
  @ApiProperty({ type: Number, nullable: true, description: '形式审查通过率（0–1）；无提交为 null' })
  precheckPassRate: number | null;
}
