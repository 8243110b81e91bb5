import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ConstructionClaimsDto, DeclarationDto, MAX_DECLARATIONS } from '@ff/applications';
import { NestedObject } from '@ff/core';
import { EnterpriseProfileDto } from '@ff/enterprises';
import { CONSTRUCTION_TYPE_CODES, TIER_CODES } from '@ff/rules';

/**
 * A submission to try against the rules without storing anything. The field names are the
 * application API's (industryMode, evidenceIds, constructionClaims), so a portal sends the same
 * shapes here as to its application.
 */
export class EvaluateSubmissionDto {
  @ApiPropertyOptional({ description: '规则版本，缺省为当前版本', example: 'zj-ff-2025.1' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ruleSetVersion?: string;

  @ApiProperty({ enum: TIER_CODES, description: '申报层级' })
  @IsIn(TIER_CODES)
  tier: (typeof TIER_CODES)[number];

  @ApiProperty({ enum: ['discrete', 'process'], description: '行业类型：discrete 离散行业 / process 流程行业' })
  @IsIn(['discrete', 'process'])
  industryMode: 'discrete' | 'process';

  @ApiPropertyOptional({ enum: CONSTRUCTION_TYPE_CODES, description: '建设类型（未来工厂必填）' })
  @IsOptional()
  @IsIn(CONSTRUCTION_TYPE_CODES)
  constructionType?: (typeof CONSTRUCTION_TYPE_CODES)[number];

  @ApiPropertyOptional({ type: EnterpriseProfileDto, description: '企业基础要求事实（表15），同企业登记' })
  @IsOptional()
  @NestedObject(() => EnterpriseProfileDto)
  profile?: EnterpriseProfileDto;

  @ApiPropertyOptional({ type: ConstructionClaimsDto, description: '表15 建设类型声明，同申报的 constructionClaims' })
  @IsOptional()
  @NestedObject(() => ConstructionClaimsDto)
  constructionClaims?: ConstructionClaimsDto;

  @ApiProperty({ type: [DeclarationDto], description: '逐条自评，同整体保存自评的 declarations' })
  @IsArray()
  @ArrayMaxSize(MAX_DECLARATIONS)
  @ValidateNested({ each: true })
  @Type(() => DeclarationDto)
  declarations: DeclarationDto[];
}
