import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NestedObject } from '@ff/core';
import { CREDIT_RATINGS, type CreditRating } from '@ff/rules';
import { MAX_EVIDENCE_PER_CLAUSE, NARRATIVE_MAX } from './limits';

/** Evidence ids of a fact (files uploaded to this application). */
abstract class FactEvidenceDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: '佐证材料编号（须为本申报上传的材料）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE_PER_CLAUSE)
  @IsUUID('4', { each: true })
  evidenceIds?: string[];
}

export class DigitalLevelFactDto extends FactEvidenceDto {
  @ApiProperty({ description: '数字化水平（省企业数字化水平评估结果，0–5）', example: 2.5 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(5)
  value: number;
}

export class InvestmentFactDto extends FactEvidenceDto {
  @ApiProperty({ description: '通知规定期间内的软硬件投资额（万元，不含土地、厂房）', example: 2600 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(10000000)
  value: number;
}

export class CreditRatingFactDto extends FactEvidenceDto {
  @ApiProperty({ enum: CREDIT_RATINGS, description: '信用等级：poor 较差 / medium 中等 / good 良好 / excellent 优秀' })
  @IsIn(CREDIT_RATINGS)
  value: CreditRating;
}

export class ViolationsFactDto extends FactEvidenceDto {
  @ApiProperty({ description: '回溯期内是否存在违法违规情况' })
  @IsBoolean()
  value: boolean;

  @ApiPropertyOptional({ maxLength: NARRATIVE_MAX, description: '违法违规情况说明（存在时必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(NARRATIVE_MAX)
  description?: string;
}

export class IndependentLegalPersonFactDto extends FactEvidenceDto {
  @ApiProperty({ description: '申报主体是否为独立法人' })
  @IsBoolean()
  value: boolean;
}

export class CompletionDateFactDto extends FactEvidenceDto {
  @ApiProperty({ description: '项目建成（投产）日期，YYYY-MM-DD', example: '2025-06-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  value: string;
}

/** 申报条件事项; a fact given replaces the stored one, null removes it, one left out is kept. */
export class EligibilityFactsDto {
  @ApiPropertyOptional({ type: DigitalLevelFactDto, nullable: true, description: '数字化水平' })
  @IsOptional()
  @NestedObject(() => DigitalLevelFactDto)
  digitalLevel?: DigitalLevelFactDto | null;

  @ApiPropertyOptional({ type: InvestmentFactDto, nullable: true, description: '软硬件投资额（万元）' })
  @IsOptional()
  @NestedObject(() => InvestmentFactDto)
  investment?: InvestmentFactDto | null;

  @ApiPropertyOptional({ type: CreditRatingFactDto, nullable: true, description: '信用等级' })
  @IsOptional()
  @NestedObject(() => CreditRatingFactDto)
  creditRating?: CreditRatingFactDto | null;

  @ApiPropertyOptional({ type: ViolationsFactDto, nullable: true, description: '违法违规情况' })
  @IsOptional()
  @NestedObject(() => ViolationsFactDto)
  violations?: ViolationsFactDto | null;

  @ApiPropertyOptional({ type: IndependentLegalPersonFactDto, nullable: true, description: '是否独立法人' })
  @IsOptional()
  @NestedObject(() => IndependentLegalPersonFactDto)
  independentLegalPerson?: IndependentLegalPersonFactDto | null;

  @ApiPropertyOptional({ type: CompletionDateFactDto, nullable: true, description: '项目建成（投产）日期' })
  @IsOptional()
  @NestedObject(() => CompletionDateFactDto)
  completionDate?: CompletionDateFactDto | null;
}
