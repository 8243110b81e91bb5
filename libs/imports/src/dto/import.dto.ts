import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery, toList } from '@ff/core';
import { TIER_CODES } from '@ff/rules';

export class ListImportsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '申报批次' })
  @IsOptional()
  @IsUUID()
  batchId?: string;
}

export class ImportTemplateQuery {
  @ApiPropertyOptional({
    type: [String],
    description: '预填条款行的企业统一社会信用代码（多个用逗号分隔，最多 200 个）',
    example: ['91330106MA2B2C3D4W'],
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  creditCodes?: string[];

  @ApiPropertyOptional({ enum: TIER_CODES, description: '预填企业的申报层级（未在本批次申报的企业按此预填）' })
  @IsOptional()
  @IsIn(TIER_CODES)
  tier?: (typeof TIER_CODES)[number];

  @ApiPropertyOptional({ enum: ['discrete', 'process'], description: '未登记企业预填时的行业类型（缺省离散行业）' })
  @IsOptional()
  @IsIn(['discrete', 'process'])
  industryMode?: 'discrete' | 'process';
}

export class CommitImportDto {
  @ApiPropertyOptional({
    description:
      '为 true 时，在同一事务中代为提交本次导入创建或更新的全部申报（仅草稿或已退回的申报），提交后排队形式审查',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}
