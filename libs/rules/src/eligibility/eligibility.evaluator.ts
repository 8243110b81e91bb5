import { TIER_CODES, TIER_NAMES, TierCode } from '../catalog/catalog.types';
import { shown } from '../display';
import { Finding, finding } from '../precheck/findings';
import type { PrecheckReport } from '../precheck/precheck.evaluator';
import {
  CREDIT_RATINGS,
  CREDIT_RATING_NAMES,
  CreditRating,
  EligibilityPolicy,
  TierEligibility,
  creditRank,
} from './eligibility.policy';

/** One declared fact with the evidence (references) that shows it. */
export interface EligibilityFact<T> {
  value: T;
  evidence: string[];
}

/** What the applicant declares about itself for the notice's 申报条件. */
export interface EligibilityFacts {
  /** 数字化水平 from the province's evaluation. */
  digitalLevel?: EligibilityFact<number>;
  /** Software + hardware investment in the notice's window, 万元, buildings excluded. */
  investment?: EligibilityFact<number>;
  creditRating?: EligibilityFact<CreditRating>;
  /** Whether there was any violation in the look-back period, and what. */
  violations?: EligibilityFact<boolean> & { description: string };
  independentLegalPerson?: EligibilityFact<boolean>;
  /** The project's completion or production date, YYYY-MM-DD. */
  completionDate?: EligibilityFact<string>;
}

export const ELIGIBILITY_FACT_KEYS = [
  'digitalLevel',
  'investment',
  'creditRating',
  'violations',
  'independentLegalPerson',
  'completionDate',
] as const;
export type EligibilityFactKey = (typeof ELIGIBILITY_FACT_KEYS)[number];

export const ELIGIBILITY_FACT_NAMES: Record<EligibilityFactKey, string> = {
  digitalLevel: '数字化水平',
  investment: '软硬件投资额',
  creditRating: '信用等级',
  violations: '违法违规情况',
  independentLegalPerson: '是否独立法人',
  completionDate: '项目建成（投产）日期',
};

export interface EligibilityContext {
  /** The tier applied for. */
  tier: TierCode;
  /** The applicant's county is a 山区海岛县 (lowered investment bars apply). */
  mountainIsland: boolean;
}

export interface EligibilityReport {
  policyVersion: string;
  notice: string;
  tier: TierCode;
  mountainIsland: boolean;
  /** Every threshold of the tier applied for is met (missing facts and evidence count as not met). */
  passed: boolean;
  findings: Finding[];
  /** The tiers whose thresholds the facts meet, ascending. */
  supportedTiers: TierCode[];
  /** The highest of them, whatever the tier applied for; null when none. */
  highestSupportedTier: TierCode | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const VALUE_CHECKS: Record<EligibilityFactKey, { ok: (v: unknown) => boolean; expected: string }> = {
  digitalLevel: { ok: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, expected: '不小于0的数值' },
  investment: { ok: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, expected: '不小于0的金额（万元）' },
  creditRating: {
    ok: (v) => CREDIT_RATINGS.includes(v as CreditRating),
    expected: CREDIT_RATINGS.map((r) => `${r}（${CREDIT_RATING_NAMES[r]}）`).join('、'),
  },
  violations: { ok: (v) => typeof v === 'boolean', expected: 'true 或 false' },
  independentLegalPerson: { ok: (v) => typeof v === 'boolean', expected: 'true 或 false' },
  completionDate: { ok: isDate, expected: '日期（YYYY-MM-DD）' },
};

/** Reads the facts leniently: a malformed fact becomes a `submission.invalid` finding and counts as missing. */
function readFacts(raw: unknown, findings: Finding[]): EligibilityFacts {
  const facts: Record<string, unknown> = {};
  if (raw === undefined || raw === null) return facts;
  if (!isObject(raw)) {
    findings.push(finding('submission.invalid', 'eligibility 应为对象', { path: 'eligibility' }));
    return facts;
  }
  for (const key of ELIGIBILITY_FACT_KEYS) {
    const f = raw[key];
    if (f === undefined || f === null) continue;
    const path = `eligibility.${key}`;
    const evidence = isObject(f) ? (f.evidence ?? []) : undefined;
    if (
      !isObject(f) ||
      !VALUE_CHECKS[key].ok(f.value) ||
      !Array.isArray(evidence) ||
      !evidence.every((e) => typeof e === 'string')
    ) {
      findings.push(
        finding(
          'submission.invalid',
          `${path} 应为 { value: ${VALUE_CHECKS[key].expected}, evidence: 佐证编号数组 }，收到 ${shown(f)}`,
          { path },
        ),
      );
      continue;
    }
    facts[key] = {
      value: f.value,
      evidence,
      ...(key === 'violations' ? { description: typeof f.description === 'string' ? f.description : '' } : {}),
    };
  }
  return facts as EligibilityFacts;
}

const level = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

/** Which facts a tier's thresholds read (a fact no threshold reads is not required). */
function usedFacts(t: TierEligibility, mountainIsland: boolean): Record<EligibilityFactKey, boolean> {
  return {
    digitalLevel: t.minDigitalLevel !== null,
    investment: investmentBar(t, mountainIsland) !== null,
    creditRating: t.minCreditRating !== null,
    violations: t.violationLookbackYears !== null,
    independentLegalPerson: t.requireIndependentLegalPerson,
    completionDate: t.requireCompletionDate || t.completedOnOrBefore !== null,
  };
}

function investmentBar(t: TierEligibility, mountainIsland: boolean): number | null {
  return mountainIsland && t.minInvestmentReduced !== null ? t.minInvestmentReduced : t.minInvestment;
}

/** The findings of the facts against one tier's thresholds. */
function checkTier(
  facts: EligibilityFacts,
  policy: EligibilityPolicy,
  tier: TierCode,
  mountainIsland: boolean,
): Finding[] {
  const t = policy.tiers[tier];
  const out: Finding[] = [];
  const tierName = `“${TIER_NAMES[tier]}”`;
  const used = usedFacts(t, mountainIsland);
  const bar = investmentBar(t, mountainIsland);
  const window = policy.investmentWindowYears ? `近${policy.investmentWindowYears}年` : '规定期间内';
  const reduced = mountainIsland && t.minInvestmentReduced !== null ? '（山区海岛县标准）' : '';
  const requirement: Record<EligibilityFactKey, () => string> = {
    digitalLevel: () => `数字化水平须不低于${level(t.minDigitalLevel!)}`,
    investment: () => `${window}软硬件投资（不含土地、厂房）须不低于${bar}万元${reduced}`,
    creditRating: () => `信用等级须为“${CREDIT_RATING_NAMES[t.minCreditRating!]}”及以上`,
    violations: () => `近${t.violationLookbackYears}年内须无违法违规情况`,
    independentLegalPerson: () => '申报主体须为独立法人',
    completionDate: () =>
      t.completedOnOrBefore ? `项目须于${t.completedOnOrBefore}前（含）建成或投产` : '须填写项目建成（投产）日期',
  };
  for (const key of ELIGIBILITY_FACT_KEYS) {
    if (!used[key]) continue;
    const path = `eligibility.${key}`;
    const fact = facts[key];
    if (!fact) {
      out.push(
        finding(
          'eligibility.fact_missing',
          `未填写“${ELIGIBILITY_FACT_NAMES[key]}”（申报${tierName}：${requirement[key]()}）`,
          { path },
        ),
      );
      continue;
    }
    const noViolation = key === 'violations' && fact.value === false;
    if (policy.requireEvidence && fact.evidence.length === 0 && !noViolation) {
      out.push(finding('eligibility.evidence_missing', `“${ELIGIBILITY_FACT_NAMES[key]}”未上传佐证材料`, { path }));
    }
  }
  const { digitalLevel, investment, creditRating, violations, independentLegalPerson, completionDate } = facts;
  if (used.digitalLevel && digitalLevel && digitalLevel.value < t.minDigitalLevel!) {
    out.push(
      finding(
        'eligibility.digital_level_below',
        `申报${tierName}${requirement.digitalLevel()}，申报值为${level(digitalLevel.value)}`,
        { path: 'eligibility.digitalLevel' },
      ),
    );
  }
  if (used.investment && investment && investment.value < bar!) {
    out.push(
      finding(
        'eligibility.investment_below',
        `申报${tierName}${requirement.investment()}，申报值为${investment.value}万元`,
        { path: 'eligibility.investment' },
      ),
    );
  }
  if (used.creditRating && creditRating && creditRank(creditRating.value) < creditRank(t.minCreditRating!)) {
    out.push(
      finding(
        'eligibility.credit_below',
        `申报${tierName}${requirement.creditRating()}，申报为“${CREDIT_RATING_NAMES[creditRating.value]}”`,
        { path: 'eligibility.creditRating' },
      ),
    );
  }
  if (used.violations && violations?.value === true) {
    const what = violations.description.trim() ? `：${violations.description.trim()}` : '';
    out.push(
      finding('eligibility.violation', `${requirement.violations()}，申报存在违法违规情况${what}`, {
        path: 'eligibility.violations',
      }),
    );
  }
  if (used.independentLegalPerson && independentLegalPerson?.value === false) {
    out.push(
      finding('eligibility.not_independent', `${requirement.independentLegalPerson()}，申报为非独立法人`, {
        path: 'eligibility.independentLegalPerson',
      }),
    );
  }
  if (t.completedOnOrBefore && completionDate && completionDate.value > t.completedOnOrBefore) {
    out.push(
      finding(
        'eligibility.completion_late',
        `申报${tierName}${requirement.completionDate()}，申报日期为${completionDate.value}`,
        { path: 'eligibility.completionDate' },
      ),
    );
  }
  return out;
}

/**
 * The applicant's facts against the thresholds of the batch's notice: findings for the tier applied
 * for (stable codes, Chinese messages quoting the bar and the declared value) and the tiers the
 * facts would support. Pure and deterministic; malformed facts never throw.
 */
export function evaluateEligibility(
  input: unknown,
  policy: EligibilityPolicy,
  ctx: EligibilityContext,
): EligibilityReport {
  const findings: Finding[] = [];
  const facts = readFacts(input, findings);
  findings.push(...checkTier(facts, policy, ctx.tier, ctx.mountainIsland));
  const supportedTiers = TIER_CODES.filter((tier) => checkTier(facts, policy, tier, ctx.mountainIsland).length === 0);
  return {
    policyVersion: policy.version,
    notice: policy.notice,
    tier: ctx.tier,
    mountainIsland: ctx.mountainIsland,
    passed: !findings.some((f) => f.severity === 'error'),
    findings,
    supportedTiers,
    highestSupportedTier: supportedTiers.at(-1) ?? null,
  };
}

/** The pre-check report with the eligibility findings added: one verdict over both. */
export function withEligibility(
  report: PrecheckReport,
  eligibility: EligibilityReport,
): PrecheckReport & { eligibility: EligibilityReport } {
  const findings = [...report.findings, ...eligibility.findings];
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ...report,
    findings,
    verdict: errors === 0 ? 'pass' : 'return',
    summary: { ...report.summary, errors, warnings: findings.length - errors },
    eligibility,
  };
}
