import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery, normalizeText } from '@ff/core';
import { RELATIONSHIP_KINDS } from '../assignment';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ExpertiseDto {
  @ApiProperty({ description: '能力域代码（规则库目录中的 domain code）', example: 'system_assurance' })
  @IsString()
  @MaxLength(64)
  domain: string;

  @ApiProperty({ enum: ['primary', 'secondary'], description: 'primary 主要 / secondary 次要' })
  @IsIn(['primary', 'secondary'])
  level: 'primary' | 'secondary';
}

export class UnavailablePeriodDto {
  @ApiProperty({ example: '2026-12-01', description: '起始日期（含）' })
  @Matches(DATE)
  from: string;

  @ApiProperty({ example: '2026-12-10', description: '结束日期（含）' })
  @Matches(DATE)
  to: string;

  @ApiPropertyOptional({ description: '原因' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class RelationshipDto {
  @ApiProperty({ description: '相关企业的统一社会信用代码' })
  @IsString()
  @MaxLength(40)
  creditCode: string;

  @ApiProperty({
    enum: RELATIONSHIP_KINDS,
    description:
      '关系：employer 任职 / former_employer 曾任职 / vendor 供应商或数字化服务商 / diagnosis_service 提供过诊断服务 / relative 亲属 / other 其他',
  })
  @IsIn(RELATIONSHIP_KINDS)
  kind: (typeof RELATIONSHIP_KINDS)[number];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2020-01-01', description: '起始日期' })
  @IsOptional()
  @Matches(DATE)
  from?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2023-06-30', description: '结束日期；空为仍在持续' })
  @IsOptional()
  @Matches(DATE)
  to?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  note?: string;
}

/** What officials manage: identity at work, expertise, cap. */
export class ExpertProfileDto {
  @ApiProperty({ example: '张三' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiProperty({ example: '正高级工程师' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  title: string;

  @ApiPropertyOptional({ description: '电子邮箱（配置 SMTP 时用于邮件通知）' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiProperty({ example: '浙江大学' })
  @Transform(trim)
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiPropertyOptional({ description: '工作单位统一社会信用代码（有则必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  employerCreditCode?: string;

  @ApiPropertyOptional({ description: '所属集团（如母公司统一社会信用代码）：同集团视为同单位回避' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  employerGroup?: string;

  @ApiProperty({ example: '330106', description: '工作地行政区划代码（浙江省市级或区县级）' })
  @IsString()
  @MaxLength(20)
  regionCode: string;

  @ApiProperty({ type: [ExpertiseDto], description: '擅长能力域（至少一个）' })
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ExpertiseDto)
  expertise: ExpertiseDto[];

  @ApiPropertyOptional({ enum: ['discrete', 'process'], isArray: true, description: '行业经验' })
  @IsOptional()
  @IsArray()
  @IsIn(['discrete', 'process'], { each: true })
  industryModes?: ('discrete' | 'process')[];

  @ApiPropertyOptional({ type: [String], description: '行业标签' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 500, description: '每轮评审任务上限' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  maxTasksPerRound?: number;
}

export class CreateExpertDto extends ExpertProfileDto {
  @ApiProperty({ description: '专家登录用户名（3至64位字母、数字、下划线、点或连字符）' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/)
  username: string;
}

export class UpdateExpertDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 50) name?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 50) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(2, 100) employerName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(40) employerCreditCode?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  employerGroup?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) regionCode?: string;

  @ApiPropertyOptional({ type: [ExpertiseDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => ExpertiseDto)
  expertise?: ExpertiseDto[];

  @ApiPropertyOptional({ enum: ['discrete', 'process'], isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(['discrete', 'process'], { each: true })
  industryModes?: ('discrete' | 'process')[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @IsInt() @Min(1) @Max(500) maxTasksPerRound?: number;

  @ApiPropertyOptional({ description: '启用 / 停用' }) @IsOptional() @IsBoolean() active?: boolean;
}

/** What the expert keeps up to date itself: availability and declared relationships (whole lists). */
export class ExpertSelfUpdateDto {
  @ApiPropertyOptional({ type: [UnavailablePeriodDto], description: '不可参评时段（整表替换）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UnavailablePeriodDto)
  unavailable?: UnavailablePeriodDto[];

  @ApiPropertyOptional({ type: [RelationshipDto], description: '申报的利害关系（整表替换）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RelationshipDto)
  relationships?: RelationshipDto[];

  @ApiPropertyOptional({ description: '电子邮箱' }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

export class ListExpertsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '能力域代码' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  domain?: string;

  @ApiPropertyOptional({ description: '按姓名或单位搜索' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '启用状态' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}
