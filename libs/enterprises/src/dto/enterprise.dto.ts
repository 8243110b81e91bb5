import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { NestedObject, PageQuery, normalizeText } from '@ff/core';

export const ENTERPRISE_SORTS = ['createdAt', '-createdAt', 'name', '-name', 'regionCode', '-regionCode'] as const;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export class EnterpriseProfileDto {
  @ApiPropertyOptional({ description: '是否行业龙头企业（表15 创新突破领航型 基础要求）' })
  @IsOptional()
  @IsBoolean()
  industryLeader?: boolean;

  @ApiPropertyOptional({ description: '是否产业集群重点企业（集群示范头雁型）' })
  @IsOptional()
  @IsBoolean()
  clusterKeyEnterprise?: boolean;

  @ApiPropertyOptional({ description: '是否链主型企业（协同共生链主型）' })
  @IsOptional()
  @IsBoolean()
  chainLeader?: boolean;

  @ApiPropertyOptional({ description: '是否服务型制造企业、平台型制造企业或总部经济型企业（业态变革平台型）' })
  @IsOptional()
  @IsBoolean()
  serviceOrPlatformOrHq?: boolean;
}

export class CreateEnterpriseDto {
  @ApiProperty({ description: '企业名称（全角字符与多余空格会被规范化）', example: '浙江某某智能装备有限公司' })
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  name: string;

  @ApiProperty({ description: '统一社会信用代码（18位，GB 32100-2015 校验）', example: '91330106MA2B2C3D4W' })
  @IsString()
  @MaxLength(40)
  creditCode: string;

  @ApiProperty({ description: '所在区县行政区划代码（浙江省区县级）', example: '330106' })
  @IsString()
  @MaxLength(20)
  regionCode: string;

  @ApiProperty({ enum: ['discrete', 'process'], description: '行业类型：discrete 离散行业 / process 流程行业' })
  @IsIn(['discrete', 'process'])
  industryMode: 'discrete' | 'process';

  @ApiPropertyOptional({ type: EnterpriseProfileDto, description: '表15 基础要求事实' })
  @IsOptional()
  @NestedObject(() => EnterpriseProfileDto)
  profile?: EnterpriseProfileDto;

  @ApiPropertyOptional({ description: '联系人' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  contactName?: string;

  @ApiPropertyOptional({ description: '联系电话' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+\- ]{5,20}$/)
  contactPhone?: string;
}

export class UpdateEnterpriseDto extends PartialType(CreateEnterpriseDto) {}

export class EnterpriseListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: '按地区筛选：浙江省、市或区县行政区划代码（市级代码含其下辖区县）',
    example: '330100',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_SORTS, default: '-createdAt', description: '排序：字段名，前加“-”为倒序' })
  @IsOptional()
  @IsIn(ENTERPRISE_SORTS)
  sort?: (typeof ENTERPRISE_SORTS)[number];

  @ApiPropertyOptional({ description: '按企业名称或统一社会信用代码搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
