import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { normalizeText } from '@ff/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export const ONSITE_CONCLUSIONS = ['confirmed', 'partially_confirmed', 'not_confirmed'] as const;
export const ONSITE_CONCLUSION_NAMES: Record<(typeof ONSITE_CONCLUSIONS)[number], string> = {
  confirmed: '核查属实',
  partially_confirmed: '部分属实',
  not_confirmed: '核查不属实',
};

export class ScheduleOnsiteDto {
  @ApiProperty() @IsUUID('4') applicationId: string;
  @ApiProperty({ example: '2026-12-10', description: '核查日期（北京时间）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  scheduledOn: string;
  @ApiProperty({ type: [String], description: '核查组专家（专家库编号）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsUUID('4', { each: true })
  expertIds: string[];
}

export class FindingDto {
  @ApiProperty({ example: 'sd01.ws.a' }) @IsString() @Length(1, 40) clauseId: string;
  @ApiProperty({ description: '现场核实是否满足' }) @IsBoolean() met: boolean;
  @ApiPropertyOptional({ description: '核查发现' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  finding?: string;
}

export class FindingsDto {
  @ApiProperty({ type: [FindingDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings: FindingDto[];
}

export class ConcludeOnsiteDto {
  @ApiProperty({ enum: ONSITE_CONCLUSIONS }) @IsIn(ONSITE_CONCLUSIONS) conclusion: string;
  @ApiProperty({ description: '核查结论说明' }) @Transform(trim) @IsString() @Length(5, 5000) summary: string;
}

export class OnsiteView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: '暂缓待核查的认定意见' }) decisionId: string;
  @ApiProperty() scheduledOn: string;
  @ApiProperty({ type: [String] }) expertIds: string[];
  @ApiProperty({ enum: ['scheduled', 'concluded'] }) status: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '逐条核查发现' })
  findings: object[];
  @ApiPropertyOptional({ type: String, nullable: true, enum: ONSITE_CONCLUSIONS }) conclusion: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) summary: string | null;
}
