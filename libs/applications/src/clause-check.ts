import { ErrorDetail, validationFailed } from '@ff/core';
import {
  INDUSTRY_NAMES,
  IndustryMode,
  TIER_NAMES,
  TierCode,
  describeClause,
  getRuleSet,
  listRuleSetVersions,
  tierRank,
} from '@ff/rules';

/**
 * Which clauses an application may declare, by the same rule the pre-check applies: a clause of
 * its batch's rule set, of the target tier or a lower one (lower-tier declarations support a lower
 * designation), and not of the other industry mode.
 */
export function clauseProblem(
  clauseId: string,
  ctx: { ruleSetVersion: string; tier: string; industryMode: string },
): { code: string; message: string } | null {
  const entry = getRuleSet(ctx.ruleSetVersion).clauseById.get(clauseId);
  if (!entry) return { code: 'unknown_clause', message: `条款编号“${clauseId}”不存在` };
  // Named only when there is a problem: an import checks every row of a workbook here.
  const name = () => describeClause(entry.subdomain, entry.clause);
  if (tierRank(entry.tier) > tierRank(ctx.tier as TierCode)) {
    return {
      code: 'clause_not_in_tier',
      message: `${name()}（${clauseId}）属于“${TIER_NAMES[entry.tier]}”的要求，高于本次申报层级“${TIER_NAMES[ctx.tier as TierCode]}”`,
    };
  }
  if (entry.clause.industry && entry.clause.industry !== ctx.industryMode) {
    return {
      code: 'clause_other_industry',
      message: `${name()}（${clauseId}）仅适用于${INDUSTRY_NAMES[entry.clause.industry]}，本企业为${INDUSTRY_NAMES[ctx.industryMode as IndustryMode]}`,
    };
  }
  return null;
}

export function clauseErrors(
  clauseIds: { field: string; clauseId: string }[],
  ctx: { ruleSetVersion: string; tier: string; industryMode: string },
): ErrorDetail[] {
  return clauseIds.flatMap(({ field, clauseId }) => {
    const problem = clauseProblem(clauseId, ctx);
    return problem ? [{ field, ...problem }] : [];
  });
}

/** Every clause id the application may declare (see `clauseProblem`). */
const declarable = new Map<string, ReadonlySet<string>>();

export function declarableClauseIds(ruleSetVersion: string, tier: string, industryMode: string): ReadonlySet<string> {
  const key = `${ruleSetVersion}|${tier}|${industryMode}`;
  const cached = declarable.get(key);
  if (cached) return cached;
  const ids = new Set<string>();
  for (const id of getRuleSet(ruleSetVersion).clauseById.keys()) {
    if (!clauseProblem(id, { ruleSetVersion, tier, industryMode })) ids.add(id);
  }
  declarable.set(key, ids);
  return ids;
}

const FUTURE_FACTORY = 'future_factory';

/** A construction type is declared by future-factory applications only. */
export function assertConstructionType(tier: string, constructionType: string | null) {
  if (constructionType && tier !== FUTURE_FACTORY) {
    throw validationFailed([
      {
        field: 'constructionType',
        code: 'construction_type_not_applicable',
        message: '建设类型仅适用于未来工厂，其他层级请勿填写',
      },
    ]);
  }
}

/** Leaving future_factory drops the construction type; it means nothing for the other tiers. */
export const keepsConstructionType = (tier: string) => tier === FUTURE_FACTORY;

/** The most clauses any application may declare, over every rule set, tier and industry mode. */
export function maxDeclarableClauses(): number {
  return Math.max(
    ...listRuleSetVersions().flatMap((v) =>
      (['discrete', 'process'] as const).map((m) => declarableClauseIds(v, 'future_factory', m).size),
    ),
  );
}
