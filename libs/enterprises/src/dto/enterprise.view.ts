import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { findRegion, cityOf } from '@ff/regions';
import { INDUSTRY_NAMES } from '@ff/rules';
import type { Enterprise, IndustryMode } from '../entities/enterprise.entity';

export class EnterpriseProfileView {
  @ApiPropertyOptional({ description: '是否行业龙头企业' }) industryLeader?: boolean;
  @ApiPropertyOptional({ description: '是否产业集群重点企业' }) clusterKeyEnterprise?: boolean;
  @ApiPropertyOptional({ description: '是否链主型企业' }) chainLeader?: boolean;
  @ApiPropertyOptional({ description: '是否服务型、平台型制造企业或总部经济型企业' }) serviceOrPlatformOrHq?: boolean;
}

/** An enterprise as the API shows it, its county and city named. */
export class EnterpriseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '企业名称', example: '浙江某某智能装备有限公司' }) name: string;
  @ApiProperty({ description: '统一社会信用代码', example: '91330106MA2B2C3D4W' }) creditCode: string;
  @ApiProperty({ description: '所在区县行政区划代码', example: '330106' }) regionCode: string;
  @ApiProperty({ type: String, nullable: true, description: '所在区县名称', example: '西湖区' })
  regionName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所在市行政区划代码', example: '330100' })
  cityCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: '所在市名称', example: '杭州市' })
  cityName: string | null;
  @ApiProperty({ enum: ['discrete', 'process'], description: '行业类型' }) industryMode: IndustryMode;
  @ApiProperty({ description: '行业类型（中文）', example: '离散行业' }) industryModeName: string;
  @ApiProperty({ type: EnterpriseProfileView, description: '表15 基础要求事实（未声明的不出现）' })
  profile: EnterpriseProfileView;
  @ApiProperty({ type: String, nullable: true, description: '联系人' }) contactName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '联系电话' }) contactPhone: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '登记人' }) createdBy: string | null;
  @ApiProperty({ format: 'date-time', description: '登记时间（UTC）' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', description: '最后修改时间（UTC）' }) updatedAt: Date;
  @ApiProperty({ type: 'integer', description: '版本号（每次修改加一）' }) version: number;
}

export function toEnterpriseView(e: Enterprise): EnterpriseView {
  const city = cityOf(e.regionCode);
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: findRegion(e.regionCode)?.name ?? null,
    cityCode: city?.code ?? null,
    cityName: city?.name ?? null,
    industryMode: e.industryMode,
    industryModeName: INDUSTRY_NAMES[e.industryMode],
    profile: { ...(e.profile ?? {}) },
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: e.version,
  };
}

export class RegionView {
  @ApiProperty({ description: '行政区划代码', example: '330106' }) code: string;
  @ApiProperty({ description: '名称', example: '西湖区' }) name: string;
  @ApiProperty({ enum: ['province', 'city', 'county'], description: '层级' }) level: 'province' | 'city' | 'county';
  @ApiProperty({ description: '层级（中文）', example: '区县级' }) levelName: string;
  @ApiPropertyOptional({ description: '上级行政区划代码（省无）', example: '330100' }) parent?: string;
}
