import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery, normalizeText } from '@ff/core';
import { BAN_SOURCES, BAN_SOURCE_NAMES, BanSource } from '../reapplication-bans';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export class CreateBanDto {
  @ApiProperty({ description: '被限制申报的企业' }) @IsUUID('4') enterpriseId: string;
  @ApiProperty({ description: '限制理由（不少于 5 个字）', example: '提供虚假材料，经核查属实' })
  @Transform(trim)
  @IsString()
  @Length(5, 500)
  banReason: string;
  @ApiProperty({ description: '限制截止日期（含当日，北京时间）', example: '2028-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endsOn: string;
}

export class LiftBanDto {
  @ApiProperty({ description: '解除理由（不少于 5 个字）', example: '经复议撤销原处理决定' })
  @Transform(trim)
  @IsString()
  @Length(5, 500)
  liftReason: string;
}

export class ListBansQuery extends PageQuery {
  @ApiPropertyOptional({ description: '企业' }) @IsOptional() @IsUUID('4') enterpriseId?: string;
  @ApiPropertyOptional({ description: '仅列出仍在限制期内且未解除的' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @Type(() => Boolean)
  @IsBoolean()
  inForce?: boolean;
}

export class BanView {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ enum: BAN_SOURCES, description: 'revocation 撤销认定 / official 省级主管部门录入' }) source: BanSource;
  @ApiProperty() sourceName: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '来源的认定（撤销认定时）' })
  designationId: string | null;
  @ApiProperty({ example: '2026-11-26' }) startsOn: string;
  @ApiProperty({ example: '2028-11-25' }) endsOn: string;
  @ApiProperty({ description: '今日是否在限制期内且未解除' }) inForce: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) liftedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) liftReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export { BAN_SOURCE_NAMES };
