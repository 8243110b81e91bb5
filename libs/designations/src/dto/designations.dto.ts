import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery, normalizeText } from '@ff/core';
import { TIER_CODES } from '@ff/rules';
import { DECISION_OUTCOMES, DECISION_REASON_CODES, REVOCATION_REASONS } from '../designation-policy';
import { DECISION_STATUSES } from '../decision.state-machine';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export class ProposeDecisionDto {
  @ApiProperty({ description: '申报' }) @IsUUID('4') applicationId: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, description: '认定意见' }) @IsIn(DECISION_OUTCOMES) outcome: string;
  @ApiPropertyOptional({ enum: TIER_CODES, description: '降级认定的层级，或培育库的培育目标层级' })
  @IsOptional()
  @IsIn(TIER_CODES)
  decisionTier?: string;
  @ApiProperty({ enum: DECISION_REASON_CODES, description: '理由代码' })
  @IsIn(DECISION_REASON_CODES)
  reasonCode: string;
  @ApiPropertyOptional({ description: '补充说明' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class BulkProposeDto {
  @ApiProperty({ type: [String], description: '参评申报（来自筛选后的结果列表）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  applicationIds: string[];
  @ApiProperty({ enum: DECISION_OUTCOMES }) @IsIn(DECISION_OUTCOMES) outcome: string;
  @ApiPropertyOptional({ enum: TIER_CODES }) @IsOptional() @IsIn(TIER_CODES) decisionTier?: string;
  @ApiProperty({ enum: DECISION_REASON_CODES }) @IsIn(DECISION_REASON_CODES) reasonCode: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(0, 2000) comment?: string;
}

export class BulkConfirmDto {
  @ApiProperty({ type: [String], description: '待确认的认定意见' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('4', { each: true })
  decisionIds: string[];
}

export class ListDecisionsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') batchId?: string;
  @ApiPropertyOptional({ enum: DECISION_STATUSES }) @IsOptional() @IsIn(DECISION_STATUSES) status?: string;
}

export class CandidatesQuery extends PageQuery {
  @ApiProperty() @IsUUID('4') batchId: string;
  @ApiPropertyOptional({ enum: ['pass', 'fail'], description: '评审建议结论' })
  @IsOptional()
  @IsIn(['pass', 'fail'])
  recommendation?: string;
  @ApiPropertyOptional({ description: '仅列出尚无认定意见的' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  undecided?: boolean;
}

export class DecisionView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() batchId: string;
  @ApiProperty({ description: '所依据的评审结果' }) resultId: string;
  @ApiProperty({ enum: TIER_CODES }) appliedTier: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: string;
  @ApiProperty() outcomeName: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: TIER_CODES }) tier: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) tierName: string | null;
  @ApiProperty() reasonCode: string;
  @ApiProperty() reasonName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ enum: DECISION_STATUSES }) status: string;
  @ApiProperty() statusName: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '被本意见修改的原意见' })
  supersedesId: string | null;
  @ApiProperty() proposedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) proposedAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) confirmedBy: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
  @ApiProperty() version: number;
}

export class CandidateView {
  @ApiProperty() applicationId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: TIER_CODES }) appliedTier: string;
  @ApiProperty() resultId: string;
  @ApiProperty() total: number;
  @ApiProperty({ enum: ['pass', 'fail'] }) recommendation: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: '专家评分所支持的最高层级' })
  highestSupportedTier: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionStatus: string | null;
}

export class CalendarDto {
  @ApiProperty({
    description: '所依据的国务院办公厅通知（含文号）',
    example: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕1号）',
  })
  @Transform(trim)
  @IsString()
  @Length(10, 200)
  notice: string;
  @ApiProperty({ type: [String], description: '放假日期（YYYY-MM-DD）', example: ['2027-01-01'] })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  holidays: string[];
  @ApiProperty({ type: [String], description: '调休上班的周末日期（YYYY-MM-DD）', example: ['2027-01-02'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  workingWeekends: string[];
}

export class CalendarView {
  @ApiProperty() year: number;
  @ApiProperty() notice: string;
  @ApiProperty({ type: [String] }) holidays: string[];
  @ApiProperty({ type: [String] }) workingWeekends: string[];
  @ApiProperty({ enum: ['builtin', 'admin'], description: 'builtin 系统内置 / admin 管理员录入' }) source: string;
}

export class WorkingDaysQuery {
  @ApiProperty({ example: '2025-09-29', description: '起始日期（当日为工作日则计入）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  start: string;
  @ApiProperty({ example: 5 }) @Type(() => Number) @IsInt() @Min(1) @Max(60) days: number;
}

export class WorkingDaysView {
  @ApiProperty({ description: '第 N 个工作日' }) date: string;
  @ApiProperty({ type: [Number], description: '无节假日数据、按周一至周五计算的年份' }) yearsWithoutData: number[];
  @ApiPropertyOptional({ type: String, nullable: true }) warning: string | null;
}

export class BanYearsDto {
  @ApiProperty() @IsInt() @Min(0) @Max(10) failed_re_review: number;
  @ApiProperty() @IsInt() @Min(0) @Max(10) fraud: number;
  @ApiProperty() @IsInt() @Min(0) @Max(10) closure: number;
  @ApiProperty() @IsInt() @Min(0) @Max(10) voluntary: number;
}

export class DesignationPolicyDto {
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(30) publicityWorkingDays: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(10) validityYears: number;
  @ApiProperty({ type: BanYearsDto }) @ValidateNested() @Type(() => BanYearsDto) banYears: BanYearsDto;
  @ApiPropertyOptional({
    example: 6,
    minimum: 1,
    maximum: 24,
    description: '有效期届满前多少个月内的认定列入复核（缺省保留原值，默认 6）',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  reReviewWindowMonths?: number;
}

export class DesignationPolicyView {
  @ApiProperty() batchId: string;
  @ApiProperty() publicityWorkingDays: number;
  @ApiProperty() validityYears: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: '撤销原因 → 限制申报年数' })
  banYears: Record<string, number>;
  @ApiProperty({ description: '有效期届满前多少个月内的认定列入复核' }) reReviewWindowMonths: number;
  @ApiProperty({ description: '是否为默认值（批次未设置）' }) isDefault: boolean;
}

export class PublishDto {
  @ApiProperty() @IsUUID('4') batchId: string;
  @ApiPropertyOptional({ type: [String], description: '仅公示这些已确认的认定意见（缺省为本批次全部）' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('4', { each: true })
  decisionIds?: string[];
  @ApiPropertyOptional({ description: '公示工作日数（缺省为批次策略，默认 5）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  workingDays?: number;
}

export class PublicityView {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty() workingDays: number;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: '公示截止（最后一个工作日北京时间 24:00）' })
  endsAt: Date;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ type: [Number] }) yearsWithoutData: number[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '节假日数据缺失的提示' }) warning: string | null;
  @ApiProperty() entryCount: number;
}

export class ListPublicitiesQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') batchId?: string;
}

export class PublicPublicityView {
  @ApiProperty() id: string;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: Date;
  @ApiProperty({ description: '是否仍在公示期内（可提出异议）' }) open: boolean;
}

export class PublicEntryView {
  @ApiProperty({ description: '公示条目（提出异议时引用）' }) id: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty() tierName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) constructionType: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) constructionTypeName: string | null;
}

export class ObjectionDto {
  @ApiProperty({ description: '异议人真实姓名', example: '张三' }) @Transform(trim) @IsString() objectorName: string;
  @ApiProperty({ description: '异议人所在单位', example: '杭州某机械有限公司' })
  @Transform(trim)
  @IsString()
  organisation: string;
  @ApiProperty({ description: '联系电话或电子邮箱', example: '0571-88886666' })
  @Transform(trim)
  @IsString()
  contact: string;
  @ApiProperty({
    description: '异议的事实与理由（20至5000字）',
    example: '该企业申报的智能产线本年度尚未投产，与公示的建设水平不符，请予核查。',
  })
  @Transform(trim)
  @IsString()
  statement: string;
}

export class ObjectionReceiptView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt: Date;
  @ApiProperty() message: string;
  @ApiProperty({
    description: '上传附件用的一次性凭证（请求头 X-Objection-Token），仅此一次返回，公示期内有效',
  })
  attachmentToken: string;
}

export class ObjectionAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['objector', 'official'], description: 'objector 异议人上传 / official 核查人员上传' })
  source: string;
  @ApiProperty() size: number;
  @ApiProperty() mediaType: string;
}

export class ObjectionView {
  @ApiProperty() id: string;
  @ApiProperty() entryId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() objectorName: string;
  @ApiProperty() organisation: string;
  @ApiProperty() contact: string;
  @ApiProperty() statement: string;
  @ApiProperty({ enum: ['open', 'dismissed', 'upheld'] }) status: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) notes: object[];
  @ApiProperty({ type: [ObjectionAttachmentView] }) attachments: ObjectionAttachmentView[];
  @ApiPropertyOptional({ type: String, nullable: true }) resolutionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ObjectionNoteDto {
  @ApiProperty({ description: '调查记录' }) @Transform(trim) @IsString() @Length(2, 2000) note: string;
}

export class MaterialRequestDto {
  @ApiProperty({ description: '请企业补充的材料及要求（企业看不到异议人信息）' })
  @Transform(trim)
  @IsString()
  @Length(5, 2000)
  materialRequest: string;
}

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['dismissed', 'upheld'], description: 'dismissed 不成立 / upheld 成立（须修改认定意见）' })
  @IsIn(['dismissed', 'upheld'])
  resolution: string;
  @ApiProperty({ description: '处理理由' }) @Transform(trim) @IsString() @Length(5, 2000) resolutionReason: string;
}

export class RevokeDto {
  @ApiProperty({ enum: REVOCATION_REASONS }) @IsIn(REVOCATION_REASONS) revocationReason: string;
  @ApiProperty({ description: '撤销说明' }) @Transform(trim) @IsString() @Length(5, 2000) revocationNote: string;
}

export class ListDesignationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') batchId?: string;
  @ApiPropertyOptional({ enum: TIER_CODES }) @IsOptional() @IsIn(TIER_CODES) tier?: string;
}

export class VerifyQuery {
  @ApiProperty({ example: 'ZJFF-2026-1-FF-0001' }) @IsString() @Length(1, 80) certificateNumber: string;
  @ApiProperty({ example: 'K7M2Q9XA', description: '证书上印制的校验码' })
  @IsString()
  @Length(1, 20)
  verificationCode: string;
}

export class DesignationView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() decisionId: string;
  @ApiProperty() batchId: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty() tierName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) constructionType: string | null;
  @ApiProperty() certificateNumber: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validUntil: string;
  @ApiProperty({ enum: ['active', 'under_re_review', 'revoked', 'expired'] }) status: string;
  @ApiProperty() statusName: string;
  @ApiProperty({ type: String, format: 'date-time' }) issuedAt: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) revocationReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '最近一次复核评审轮次（经轮次复核的认定）' })
  reReviewRoundId: string | null;
}

export class PublicDesignationView {
  @ApiProperty() certificateNumber: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ enum: TIER_CODES }) tier: string;
  @ApiProperty() tierName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) constructionType: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) constructionTypeName: string | null;
  @ApiProperty() validFrom: string;
  @ApiProperty() validUntil: string;
  @ApiProperty({ enum: ['active', 'under_re_review', 'revoked', 'expired'] }) status: string;
  @ApiProperty() statusName: string;
}

export class StartReReviewDto {
  @ApiProperty({ description: '复核说明（如有效期届满前复核）' })
  @Transform(trim)
  @IsString()
  @Length(5, 2000)
  reReviewNote: string;
}

export class CompleteReReviewDto {
  @ApiProperty({ description: '复核是否通过；未通过即以“复核未通过”撤销认定并限制申报' }) @IsBoolean() passed: boolean;
  @ApiProperty({ description: '复核结论说明' }) @Transform(trim) @IsString() @Length(5, 2000) reReviewNote: string;
}
