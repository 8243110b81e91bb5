import { TIER_CODES, TierCode, tierRank } from '../catalog/catalog.types';
import { RuleSet, findRuleSet, tierScope } from '../catalog/rule-sets';
import type { ScoringResult } from './scoring.aggregator';
import type { ScoringPolicy } from './scoring.policy';

/** How one tier fares on the expert scores restricted to that tier's scope. */
export interface TierSupport {
  tier: TierCode;
  /** Mean over the tier's elements of the mean of their domains, over the tier's sub-domains only. */
  total: number;
  threshold: number;
  /** Red lines (mandatory clauses scored 0 by the panel) inside the tier's sub-domains. */
  redLines: number;
  supported: boolean;
}

const SCORE_EPSILON = 1e-9;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Each tier up to the one applied for, judged on the panel's stored sub-domain scores restricted
 * to that tier's scope (its sub-domains, their domains and elements, averaged as the aggregator
 * does), against that tier's pass mark, with no red line inside the scope. A tier whose scope
 * holds a sub-domain the panel did not score is not supported (nothing to judge it by).
 */
export function tierSupport(
  result: Pick<ScoringResult, 'subdomains' | 'redLines'>,
  applied: TierCode,
  policy: Pick<ScoringPolicy, 'thresholds'>,
  ruleSetVersion?: string,
): TierSupport[] {
  const ruleSet: RuleSet | undefined = findRuleSet(ruleSetVersion);
  if (!ruleSet) throw new Error(`unknown rule set ${ruleSetVersion}`);
  const scores = new Map(result.subdomains.map((s) => [s.no, s]));
  return TIER_CODES.filter((t) => tierRank(t) <= tierRank(applied)).map((tier) => {
    const scope = tierScope(ruleSet, tier);
    const threshold = policy.thresholds[tier];
    const inScope = new Set(scope.subdomains);
    const redLines = result.redLines.filter((r) => inScope.has(r.subdomainNo)).length;
    if (scope.subdomains.some((no) => !scores.has(no)))
      return { tier, total: 0, threshold, redLines, supported: false };
    const domainScores = new Map(
      scope.domains.map((code) => [
        code,
        mean(scope.subdomains.filter((no) => scores.get(no)!.domain === code).map((no) => scores.get(no)!.score)),
      ]),
    );
    const elements = ruleSet.elements
      .map((e) => e.domains.filter((d) => domainScores.has(d)).map((d) => domainScores.get(d)!))
      .filter((parts) => parts.length > 0)
      .map(mean);
    const total = mean(elements);
    return { tier, total, threshold, redLines, supported: redLines === 0 && total >= threshold - SCORE_EPSILON };
  });
}

/** The highest tier, up to the applied one, that the scores support (see `tierSupport`), or null. */
export function highestSupportedTier(
  result: Pick<ScoringResult, 'subdomains' | 'redLines'>,
  applied: TierCode,
  policy: Pick<ScoringPolicy, 'thresholds'>,
  ruleSetVersion?: string,
): TierCode | null {
  const fit = tierSupport(result, applied, policy, ruleSetVersion).filter((s) => s.supported);
  return fit.length ? fit[fit.length - 1].tier : null;
}
