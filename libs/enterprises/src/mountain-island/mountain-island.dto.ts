import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PageQuery } from '@ff/core';
import { findRegion } from '@ff/regions';
import type { MountainIslandCounty } from './mountain-island-county.entity';

export class MountainIslandCountyDto {
  @ApiProperty({
    description: '认定依据（文件名称及文号）',
    example: '《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》',
  })
  @IsString()
  @Length(2, 300)
  source: string;
}

export class MountainIslandListQuery extends PageQuery {}

export class MountainIslandCountyView {
  @ApiProperty({ example: '330127' }) regionCode: string;
  @ApiProperty({ example: '淳安县' }) regionName: string;
  @ApiProperty({ example: '330100', nullable: true, type: String }) cityCode: string | null;
  @ApiProperty({ example: '杭州市', nullable: true, type: String }) cityName: string | null;
  @ApiProperty({ description: '认定依据（文件名称及文号）' }) source: string;
  @ApiProperty({ format: 'date-time', description: '最后修改时间（UTC）' }) updatedAt: Date;
}

export function toMountainIslandView(c: MountainIslandCounty): MountainIslandCountyView {
  const region = findRegion(c.regionCode);
  const city = region?.parent ? findRegion(region.parent) : undefined;
  return {
    regionCode: c.regionCode,
    regionName: c.name,
    cityCode: city?.code ?? null,
    cityName: city?.name ?? null,
    source: c.source,
    updatedAt: c.updatedAt,
  };
}
