import type { TierCode } from '@ff/rules';

/**
 * The vocabulary of decisions and designations, as data: outcomes, the coded reasons each outcome
 * accepts, revocation reasons, and a batch's designation policy with its defaults.
 */
export const DECISION_OUTCOMES = [
  'designate_applied',
  'designate_lower',
  'cultivation_pool',
  'defer_onsite',
  'reject',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_OUTCOME_NAMES: Record<DecisionOutcome, string> = {
  designate_applied: '按申报层级认定',
  designate_lower: '降级认定',
  cultivation_pool: '纳入培育库',
  defer_onsite: '暂缓，待现场核查',
  reject: '不予认定',
};

/** Outcomes that are published (公示) and become designations. */
export const DESIGNATING_OUTCOMES: readonly DecisionOutcome[] = ['designate_applied', 'designate_lower'];

export const DECISION_REASONS: Record<string, { name: string; outcomes: readonly DecisionOutcome[] }> = {
  meets_applied_tier: { name: '专家评分达到申报层级通过线，无否决项', outcomes: ['designate_applied'] },
  meets_lower_tier_only: { name: '专家评分仅达到较低层级通过线', outcomes: ['designate_lower'] },
  objection_upheld: { name: '公示异议经核实成立，修改认定意见', outcomes: DECISION_OUTCOMES },
  close_to_threshold: { name: '接近通过线，纳入培育', outcomes: ['cultivation_pool'] },
  red_line_to_remedy: { name: '存在必选条款未满足，整改后再申报', outcomes: ['cultivation_pool', 'reject'] },
  evidence_needs_verification: { name: '佐证材料需现场核实', outcomes: ['defer_onsite'] },
  divergent_panel: { name: '专家意见分歧较大，需现场核查', outcomes: ['defer_onsite'] },
  below_threshold: { name: '专家评分未达到通过线', outcomes: ['reject'] },
  ineligible: { name: '不符合申报条件', outcomes: ['reject'] },
};
export const DECISION_REASON_CODES = Object.keys(DECISION_REASONS);

export const REVOCATION_REASONS = ['failed_re_review', 'fraud', 'closure', 'voluntary'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
export const REVOCATION_REASON_NAMES: Record<RevocationReason, string> = {
  failed_re_review: '复核未通过',
  fraud: '弄虚作假',
  closure: '企业关停或注销',
  voluntary: '企业主动申请撤销',
};

export interface DesignationPolicy {
  /** Length of the 公示 window in working days. */
  publicityWorkingDays: number;
  /** Validity of a designation in whole years from the day it is made. */
  validityYears: number;
  /** Years an enterprise may not apply again after a revocation, by reason (0 = no ban). */
  banYears: Record<RevocationReason, number>;
  /**
   * A designation falls due for re-review (复核) when its validity ends within this many months:
   * a re-review round over a batch takes the active designations whose last valid day is at most
   * this far from today (expired ones included).
   */
  reReviewWindowMonths: number;
}

export const DEFAULT_DESIGNATION_POLICY: DesignationPolicy = {
  publicityWorkingDays: 5,
  validityYears: 3,
  banYears: { failed_re_review: 2, fraud: 3, closure: 0, voluntary: 0 },
  reReviewWindowMonths: 6,
};

/** Certificate number tier codes: ZJFF-<batch code>-<WS|SF|FF>-<serial, 4 digits>. */
export const CERTIFICATE_TIER_CODES: Record<TierCode, string> = {
  workshop: 'WS',
  smart_factory: 'SF',
  future_factory: 'FF',
};

export const certificateNumber = (batchCode: string, tier: TierCode, serial: number): string =>
  `ZJFF-${batchCode}-${CERTIFICATE_TIER_CODES[tier]}-${String(serial).padStart(4, '0')}`;

/** At most this many objections per client address per hour. */
export const OBJECTIONS_PER_HOUR = 5;
