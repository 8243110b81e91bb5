import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NestedObject } from '@ff/core';

import { MAX_EVIDENCE_PER_CLAUSE, NARRATIVE_MAX } from './limits';

export class DimensionClaimDto {
  @ApiProperty({ description: '是否声明具备该项' })
  @IsBoolean()
  claimed: boolean;

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, description: '情况说明' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  narrative?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '佐证材料编号（须为本申报上传的材料）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CLAUSE)
  @IsUUID('4', { each: true })
  evidenceIds?: string[];
}

/** Table 15 for the application's construction type; a dimension given replaces the stored one. */
export class ConstructionClaimsDto {
  @ApiPropertyOptional({ type: DimensionClaimDto, description: '基础要求（如：是否为链主型企业）' })
  @IsOptional()
  @NestedObject(() => DimensionClaimDto)
  basicRequirement?: DimensionClaimDto;

  @ApiPropertyOptional({ type: DimensionClaimDto, description: '核心能力' })
  @IsOptional()
  @NestedObject(() => DimensionClaimDto)
  coreCapability?: DimensionClaimDto;

  @ApiPropertyOptional({ type: DimensionClaimDto, description: '新技术新模式' })
  @IsOptional()
  @NestedObject(() => DimensionClaimDto)
  newTechModel?: DimensionClaimDto;
}
