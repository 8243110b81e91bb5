import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSTRUCTION_TYPE_CODES, ELIGIBILITY_FINDING_CODES, FINDING_CODES, TIER_CODES } from '@ff/rules';

/*
 * The rules library's pre-check report as documented classes: the same shape `evaluateSubmission`
 * returns, for the stored pre-check, the draft dry run and the stateless /rules/evaluate.
 */

export class FindingView {
  @ApiProperty({
    enum: [...Object.keys(FINDING_CODES), ...Object.keys(ELIGIBILITY_FINDING_CODES)],
    description: '稳定的发现代码（eligibility.* 为申报条件）',
  })
  code: string;
  @ApiProperty({ enum: ['error', 'warning'], description: 'error 须整改（退回），warning 提示' }) severity: string;
  @ApiProperty({ example: '错误' }) severityName: string;
  @ApiProperty({ description: '中文说明' }) message: string;
  @ApiPropertyOptional({ description: '申报内容中的位置，如 declarations[3].status' }) path?: string;
  @ApiPropertyOptional({ description: '条款编号', example: 'sd01.ws.a' }) clauseId?: string;
  @ApiPropertyOptional({ type: 'integer', description: '能力子域序号' }) subdomainNo?: number;
}

export class ReportSummaryView {
  @ApiProperty({ type: 'integer' }) errors: number;
  @ApiProperty({ type: 'integer' }) warnings: number;
  @ApiProperty({ type: 'integer', description: '必选条款数' }) mandatoryClauses: number;
  @ApiProperty({ type: 'integer', description: '满足要求的必选条款数' }) satisfiedMandatory: number;
  @ApiProperty({ type: 'integer', description: '已填写的条款数' }) declaredClauses: number;
}

export class ClauseResultView {
  @ApiProperty({ example: 'sd01.ws.a' }) id: string;
  @ApiProperty({ example: 'a' }) label: string;
  @ApiProperty({ enum: ['mandatory', 'recommended'], description: 'mandatory 应 / recommended 宜' }) obligation: string;
  @ApiProperty({ example: '应' }) obligationName: string;
  @ApiProperty({
    type: String,
    enum: ['met', 'partial', 'not_met'],
    nullable: true,
    description: '自评结论；未填写为 null',
  })
  status: string | null;
  @ApiProperty({ type: String, nullable: true, example: '满足' }) statusName: string | null;
  @ApiProperty({ description: '按本批次策略是否满足（结论、佐证、说明字数）' }) satisfied: boolean;
}

export class SubdomainResultView {
  @ApiProperty({ type: 'integer' }) no: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: [ClauseResultView] }) clauses: ClauseResultView[];
  @ApiProperty({ type: 'integer' }) errors: number;
  @ApiProperty({ type: 'integer' }) warnings: number;
}

export class DimensionAssessmentView {
  @ApiProperty({ enum: ['basicRequirement', 'coreCapability', 'newTechModel'] }) dimension: string;
  @ApiProperty({ example: '基础要求' }) dimensionName: string;
  @ApiProperty({ enum: ['met', 'not_met', 'unknown'] }) outcome: string;
  @ApiProperty({ example: '满足' }) outcomeName: string;
  @ApiProperty({ description: '表15 要求原文' }) requirement: string;
  @ApiProperty({ description: '判断理由（中文）' }) reason: string;
}

export class TypeAssessmentView {
  @ApiProperty({ enum: CONSTRUCTION_TYPE_CODES }) code: string;
  @ApiProperty({ example: '协同共生链主型' }) name: string;
  @ApiProperty({ enum: ['fit', 'partial', 'not_fit', 'undetermined'] }) verdict: string;
  @ApiProperty({ example: '符合' }) verdictName: string;
  @ApiProperty({ type: [DimensionAssessmentView] }) dimensions: DimensionAssessmentView[];
}

export class ClassificationView {
  @ApiProperty({ type: [TypeAssessmentView] }) types: TypeAssessmentView[];
  @ApiProperty({ enum: CONSTRUCTION_TYPE_CODES, isArray: true, description: '最符合的建设类型' }) bestFit: string[];
  @ApiProperty({ type: [String], example: ['协同共生链主型'], description: 'bestFit 的名称，顺序相同' })
  bestFitNames: string[];
  @ApiProperty({ type: String, enum: CONSTRUCTION_TYPE_CODES, nullable: true }) declaredType: string | null;
  @ApiProperty({ type: String, nullable: true, example: '协同共生链主型' }) declaredTypeName: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '所选类型是否符合；事实不全时为 null' })
  declaredSupported: boolean | null;
}

export class EligibilityReportView {
  @ApiProperty({ example: 'eligibility-2025-174' }) policyVersion: string;
  @ApiProperty({ description: '依据的通知文号', example: '浙经信产数〔2025〕174号' }) notice: string;
  @ApiProperty({ enum: TIER_CODES, description: '申报层级' }) tier: string;
  @ApiProperty({ example: '省级数字化车间' }) tierName: string;
  @ApiProperty({ description: '提交时所在区县是否为山区海岛县（适用降低的投资门槛）' }) mountainIsland: boolean;
  @ApiProperty({ description: '申报层级的全部申报条件是否满足' }) passed: boolean;
  @ApiProperty({ type: [FindingView] }) findings: FindingView[];
  @ApiProperty({ enum: TIER_CODES, isArray: true, description: '申报条件事项可支持的层级' }) supportedTiers: string[];
  @ApiProperty({ type: [String], description: 'supportedTiers 的名称，顺序相同' }) supportedTierNames: string[];
  @ApiProperty({ type: String, enum: TIER_CODES, nullable: true, description: '申报条件事项可支持的最高层级' })
  highestSupportedTier: string | null;
  @ApiProperty({ type: String, nullable: true }) highestSupportedTierName: string | null;
}

export class PrecheckReportView {
  @ApiProperty({ type: String, nullable: true, example: 'zj-ff-2025.1' }) ruleSetVersion: string | null;
  @ApiProperty({ example: 'precheck-default-1' }) policyVersion: string;
  @ApiProperty({ type: String, enum: TIER_CODES, nullable: true }) tier: string | null;
  @ApiProperty({ type: String, nullable: true, example: '省级数字化车间' }) tierName: string | null;
  @ApiProperty({ type: String, enum: ['discrete', 'process'], nullable: true }) industry: string | null;
  @ApiProperty({ type: String, nullable: true, example: '离散行业' }) industryName: string | null;
  @ApiProperty({ enum: ['pass', 'return'], description: 'pass 通过 / return 退回' }) verdict: string;
  @ApiProperty({ example: '通过' }) verdictName: string;
  @ApiProperty({ type: [FindingView] }) findings: FindingView[];
  @ApiProperty({ type: ReportSummaryView }) summary: ReportSummaryView;
  @ApiProperty({ type: [SubdomainResultView] }) subdomains: SubdomainResultView[];
  @ApiProperty({ type: String, enum: TIER_CODES, nullable: true, description: '自评可支持的最高层级' })
  highestSupportedTier: string | null;
  @ApiProperty({ type: String, nullable: true }) highestSupportedTierName: string | null;
  @ApiProperty({ type: ClassificationView, nullable: true, description: '表15 建设类型判断（仅未来工厂）' })
  constructionType: ClassificationView | null;
  @ApiPropertyOptional({
    type: EligibilityReportView,
    description: '申报条件（年度通知门槛）的审查；/rules/evaluate 不含',
  })
  eligibility?: EligibilityReportView;
}

/** The current submission's pre-check: its state and, once done, the report. */
export class PrecheckResultView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '尚未提交为 null' }) submissionId:
    string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '第几次提交' }) seq: number | null;
  @ApiProperty({ type: String, nullable: true, description: '提交快照的 SHA-256' }) contentHash: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'UTC' }) submittedAt: Date | null;
  @ApiProperty({ enum: ['not_submitted', 'pending', 'passed', 'returned'] }) precheckStatus: string;
  @ApiProperty({ example: '形式审查通过' }) precheckStatusName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'UTC' }) precheckedAt: Date | null;
  @ApiProperty({ type: PrecheckReportView, nullable: true, description: '形式审查完成后才有' })
  report: PrecheckReportView | null;
}
