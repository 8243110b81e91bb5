import { ApiProperty } from '@nestjs/swagger';
import { CREDIT_RATINGS, TIER_CODES, TIER_NAMES, type CreditRating, type TierCode } from '@ff/rules';
import type { Batch, BatchStatus } from '../entities/batch.entity';
import { BATCH_STATUS_NAMES } from '../batches.errors';

/** Open and now inside its window: what an enterprise needs to create, edit or submit an application. */
export const isAcceptingSubmissions = (b: Batch, now: Date = new Date()): boolean =>
  b.status === 'open' && now >= b.submissionOpensAt && now <= b.submissionClosesAt;

export class PrecheckPolicyView {
  @ApiProperty() version: string;
  @ApiProperty({ type: 'integer', description: '自评说明最少字数' }) minNarrativeLength: number;
  @ApiProperty({ description: '必选条款（应）是否必须附佐证材料' }) requireEvidenceForMandatory: boolean;
  @ApiProperty({ description: '推荐条款（宜）是否必须附佐证材料' }) requireEvidenceForRecommended: boolean;
  @ApiProperty({ description: '必选条款“部分满足”是否视为满足' }) partialCountsAsMet: boolean;
}

export class ScoreLevelView {
  @ApiProperty({ description: '分值' }) value: number;
  @ApiProperty({ description: '中文含义', example: '全部满足' }) label: string;
}

export class ScoringWeightsView {
  @ApiProperty() mandatory: number;
  @ApiProperty() recommended: number;
}

export class TierNumbersView {
  @ApiProperty() workshop: number;
  @ApiProperty() smart_factory: number;
  @ApiProperty() future_factory: number;
}

export class ScoringPolicyView {
  @ApiProperty() version: string;
  @ApiProperty({ type: [ScoreLevelView], description: '专家可给的条款分值' }) scale: ScoreLevelView[];
  @ApiProperty({ type: ScoringWeightsView }) weights: ScoringWeightsView;
  @ApiProperty({ type: 'integer' }) trimFromPanelSize: number;
  @ApiProperty() divergenceThreshold: number;
  @ApiProperty({ type: TierNumbersView, description: '各等级通过分数线（0–1）' }) thresholds: TierNumbersView;
}

export class TierEligibilityView {
  @ApiProperty({ nullable: true, type: Number, description: '数字化水平最低值（null 为不检查）' })
  minDigitalLevel: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '软硬件投资最低额（万元，不含土地厂房）' })
  minInvestment: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '山区海岛县的软硬件投资最低额（万元）' })
  minInvestmentReduced: number | null;
  @ApiProperty({ enum: CREDIT_RATINGS, nullable: true, description: '最低信用等级' })
  minCreditRating: CreditRating | null;
  @ApiProperty({ type: 'integer', nullable: true, description: '违法违规情况回溯年数' })
  violationLookbackYears: number | null;
  @ApiProperty({ description: '是否要求独立法人' }) requireIndependentLegalPerson: boolean;
  @ApiProperty({ description: '是否须填写项目建成（投产）日期' }) requireCompletionDate: boolean;
  @ApiProperty({ nullable: true, type: String, description: '项目最迟建成（投产）日期' })
  completedOnOrBefore: string | null;
}

export class TierEligibilitiesView {
  @ApiProperty({ type: TierEligibilityView }) workshop: TierEligibilityView;
  @ApiProperty({ type: TierEligibilityView }) smart_factory: TierEligibilityView;
  @ApiProperty({ type: TierEligibilityView }) future_factory: TierEligibilityView;
}

export class EligibilityPolicyView {
  @ApiProperty() version: string;
  @ApiProperty({ description: '依据的通知文号' }) notice: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '投资统计年限（年）' })
  investmentWindowYears: number | null;
  @ApiProperty({ description: '申报条件事项是否须附佐证材料' }) requireEvidence: boolean;
  @ApiProperty({ type: TierEligibilitiesView }) tiers: TierEligibilitiesView;
}

export class BatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-1' }) code: string;
  @ApiProperty({ example: '2026年度第一批未来工厂申报' }) title: string;
  @ApiProperty({ description: '固定的规则版本', example: 'zj-ff-2025.1' }) ruleSetVersion: string;
  @ApiProperty({ enum: TIER_CODES, isArray: true, description: '受理的申报层级' }) tiers: TierCode[];
  @ApiProperty({ type: [String], description: '受理的申报层级（中文）', example: ['未来工厂'] }) tierNames: string[];
  @ApiProperty({ format: 'date-time', description: '申报开始时间（UTC）' }) submissionOpensAt: Date;
  @ApiProperty({ format: 'date-time', description: '申报截止时间（UTC）' }) submissionClosesAt: Date;
  @ApiProperty({ enum: ['draft', 'open', 'closed'], description: '状态' }) status: BatchStatus;
  @ApiProperty({ description: '状态（中文）', example: '申报中' }) statusName: string;
  @ApiProperty({ description: '此刻是否受理申报（已开放且在申报时间内）：企业能否创建、修改、提交申报' })
  acceptingSubmissions: boolean;
  @ApiProperty({ type: PrecheckPolicyView }) precheckPolicy: PrecheckPolicyView;
  @ApiProperty({ type: ScoringPolicyView }) scoringPolicy: ScoringPolicyView;
  @ApiProperty({ type: TierNumbersView, description: '各等级每个能力子域的评审专家人数' }) panelSizes: TierNumbersView;
  @ApiProperty({ type: EligibilityPolicyView, description: '申报条件（年度通知的门槛）' })
  eligibilityPolicy: EligibilityPolicyView;
  @ApiProperty({ format: 'date-time', description: '创建时间（UTC）' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', description: '最后修改时间（UTC）' }) updatedAt: Date;
  @ApiProperty({ type: 'integer' }) version: number;
}

export function toBatchView(b: Batch, now: Date = new Date()): BatchView {
  return {
    id: b.id,
    code: b.code,
    title: b.title,
    ruleSetVersion: b.ruleSetVersion,
    tiers: b.tiers,
    tierNames: b.tiers.map((t) => TIER_NAMES[t]),
    submissionOpensAt: b.submissionOpensAt,
    submissionClosesAt: b.submissionClosesAt,
    status: b.status,
    statusName: BATCH_STATUS_NAMES[b.status],
    acceptingSubmissions: isAcceptingSubmissions(b, now),
    precheckPolicy: b.precheckPolicy,
    scoringPolicy: b.scoringPolicy,
    panelSizes: b.panelSizes,
    eligibilityPolicy: b.eligibilityPolicy,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    version: b.version,
  };
}
