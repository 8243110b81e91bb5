import type { TierCode } from '../catalog/catalog.types';

/**
 * The hard eligibility thresholds of the provincial notice a batch follows (申报条件), as data.
 * Stored with each batch like the pre-check policy; `null` means the notice sets no bar for that
 * tier and the threshold is not checked. Nothing in the evaluation is specific to one year.
 */

/** Credit ratings in ascending order (浙江省公共信用评价的等级). */
export const CREDIT_RATINGS = ['poor', 'medium', 'good', 'excellent'] as const;
export type CreditRating = (typeof CREDIT_RATINGS)[number];
export const CREDIT_RATING_NAMES: Record<CreditRating, string> = {
  poor: '较差',
  medium: '中等',
  good: '良好',
  excellent: '优秀',
};
export const creditRank = (r: CreditRating): number => CREDIT_RATINGS.indexOf(r);

export interface TierEligibility {
  /** Lowest 数字化水平 (the province's enterprise digitalisation evaluation, e.g. 2.0–4.0). */
  minDigitalLevel: number | null;
  /** Lowest software + hardware investment in the notice's window, 万元, buildings excluded. */
  minInvestment: number | null;
  /** The same bar for an enterprise in a 山区海岛县; null = no reduction (minInvestment applies). */
  minInvestmentReduced: number | null;
  /** Lowest credit rating accepted (that rating or better). */
  minCreditRating: CreditRating | null;
  /** A violation declared for the last N years refuses the application; null = not checked. */
  violationLookbackYears: number | null;
  /** The applicant must be an independent legal person. */
  requireIndependentLegalPerson: boolean;
  /** The project's completion or production date must be declared. */
  requireCompletionDate: boolean;
  /** The project must be complete (or producing) on or before this date (YYYY-MM-DD); null = not checked. */
  completedOnOrBefore: string | null;
}

export interface EligibilityPolicy {
  version: string;
  /** The notice the values come from, quoted in the report. */
  notice: string;
  /** The investment window the notice sets, in years (only quoted in messages). */
  investmentWindowYears: number | null;
  /** Each declared fact must cite evidence (a declaration of “no violation” needs none). */
  requireEvidence: boolean;
  tiers: Record<TierCode, TierEligibility>;
}

const common = {
  minCreditRating: 'good',
  violationLookbackYears: 2,
  requireIndependentLegalPerson: true,
  requireCompletionDate: true,
  completedOnOrBefore: null,
} as const;

/**
 * 浙经信产数〔2025〕174号 as given in issue 12: 数字化水平 ≥ 2.0 (车间, 智能工厂) / ≥ 3.0 (未来工厂);
 * five-year investment ≥ 2,000万 (车间) / 4,000万 (智能工厂), 1,500万 / 3,000万 in 山区海岛县;
 * credit 良好 or better; no violations in the last two years. The notice's investment bar for 未来工厂
 * is not given there, so it is left unset (not checked) rather than invented; so is a completion
 * deadline. An independent legal person is required at every tier.
 */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = {
  version: 'eligibility-2025-174',
  notice: '浙经信产数〔2025〕174号',
  investmentWindowYears: 5,
  requireEvidence: true,
  tiers: {
    workshop: { ...common, minDigitalLevel: 2.0, minInvestment: 2000, minInvestmentReduced: 1500 },
    smart_factory: { ...common, minDigitalLevel: 2.0, minInvestment: 4000, minInvestmentReduced: 3000 },
    future_factory: { ...common, minDigitalLevel: 3.0, minInvestment: null, minInvestmentReduced: null },
  },
};

/**
 * A policy that checks nothing: what batches created before eligibility rules existed carry, so
 * applications already under way are judged as they were.
 */
export const NO_ELIGIBILITY_POLICY: EligibilityPolicy = {
  version: 'eligibility-none',
  notice: '',
  investmentWindowYears: null,
  requireEvidence: false,
  tiers: Object.fromEntries(
    (['workshop', 'smart_factory', 'future_factory'] as const).map((t) => [
      t,
      {
        minDigitalLevel: null,
        minInvestment: null,
        minInvestmentReduced: null,
        minCreditRating: null,
        violationLookbackYears: null,
        requireIndependentLegalPerson: false,
        requireCompletionDate: false,
        completedOnOrBefore: null,
      },
    ]),
  ) as Record<TierCode, TierEligibility>,
};

/** A partial policy (from an official's edit) merged tier by tier onto a base. */
export function mergeEligibilityPolicy(
  base: EligibilityPolicy,
  patch?: Partial<Omit<EligibilityPolicy, 'tiers'>> & { tiers?: Partial<Record<TierCode, Partial<TierEligibility>>> },
): EligibilityPolicy {
  if (!patch) return base;
  const { tiers, ...rest } = patch;
  const out: EligibilityPolicy = { ...base, ...rest, tiers: { ...base.tiers } };
  for (const [tier, t] of Object.entries(tiers ?? {}) as [TierCode, Partial<TierEligibility>][]) {
    out.tiers[tier] = { ...base.tiers[tier], ...t };
  }
  return out;
}
