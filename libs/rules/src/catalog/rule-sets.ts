import { ZJ_FF_2025 } from './zj-ff-2025.data';
import {
  Clause,
  ConstructionTypeCode,
  IndustryMode,
  RuleSetData,
  SubDomain,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
} from './catalog.types';

/**
 * A rule set with its lookup tables built once. Evaluations pin a version, so a later document
 * becomes a new entry here without changing any earlier evaluation.
 */
export interface RuleSet extends RuleSetData {
  clauseById: ReadonlyMap<string, { clause: Clause; subdomain: SubDomain; tier: TierCode }>;
  subdomainByNo: ReadonlyMap<number, SubDomain>;
  constructionTypeCodes: ReadonlySet<ConstructionTypeCode>;
}

const DATA: RuleSetData[] = [ZJ_FF_2025];
export const CURRENT_RULE_SET_VERSION = ZJ_FF_2025.version;

const built = new Map<string, RuleSet>();

function build(data: RuleSetData): RuleSet {
  const clauseById = new Map<string, { clause: Clause; subdomain: SubDomain; tier: TierCode }>();
  for (const subdomain of data.subdomains) {
    for (const tier of TIER_CODES) {
      for (const clause of subdomain.requirements[tier] ?? []) clauseById.set(clause.id, { clause, subdomain, tier });
    }
  }
  return {
    ...data,
    clauseById,
    subdomainByNo: new Map(data.subdomains.map((s) => [s.no, s])),
    constructionTypeCodes: new Set(data.constructionTypes.map((c) => c.code)),
  };
}

export const listRuleSetVersions = (): string[] => DATA.map((d) => d.version);

/** The rule set of a version; undefined for an unknown one (callers turn that into a finding or a 400). */
export function findRuleSet(version: string = CURRENT_RULE_SET_VERSION): RuleSet | undefined {
  let ruleSet = built.get(version);
  if (!ruleSet) {
    const data = DATA.find((d) => d.version === version);
    if (!data) return undefined;
    ruleSet = build(data);
    built.set(version, ruleSet);
  }
  return ruleSet;
}

export function getRuleSet(version: string = CURRENT_RULE_SET_VERSION): RuleSet {
  const ruleSet = findRuleSet(version);
  if (!ruleSet) throw new Error(`unknown rule set version ${version}`);
  return ruleSet;
}

/** The clauses an enterprise of `industry` must address at `tier`, in catalog order. */
export function clausesFor(
  ruleSet: RuleSet,
  tier: TierCode,
  industry: IndustryMode,
): Array<{ clause: Clause; subdomain: SubDomain }> {
  const out: Array<{ clause: Clause; subdomain: SubDomain }> = [];
  for (const subdomain of ruleSet.subdomains) {
    for (const clause of subdomain.requirements[tier] ?? []) {
      if (clause.industry === null || clause.industry === industry) out.push({ clause, subdomain });
    }
  }
  return out;
}

/** Domains and sub-domains a tier requires, derived from the `/` cells. */
export function tierScope(ruleSet: RuleSet, tier: TierCode): { domains: string[]; subdomains: number[] } {
  const subdomains = ruleSet.subdomains.filter((s) => s.requirements[tier] !== null);
  const domains = ruleSet.domains.map((d) => d.code).filter((code) => subdomains.some((s) => s.domain === code));
  return { domains, subdomains: subdomains.map((s) => s.no) };
}

/** `能力子域“1.新一代信息技术”条款 a）` — how messages name a clause. */
export function describeClause(subdomain: SubDomain, clause: Clause): string {
  return `能力子域“${subdomain.no}.${subdomain.name}”${clause.label ? `条款 ${clause.label}）` : '要求'}`;
}

/** The export contract served by `GET /api/v1/rules/catalog` and `npm run -s catalog:export`. */
export function exportCatalog(version?: string) {
  const rs = getRuleSet(version);
  const strip = (c: Clause) => ({
    id: c.id,
    label: c.label,
    obligation: c.obligation,
    industry: c.industry,
    text: c.text,
  });
  return {
    version: rs.version,
    tiers: TIER_CODES.map((code) => {
      const scope = tierScope(rs, code);
      return { code, name: TIER_NAMES[code], domains: scope.domains.length, subdomains: scope.subdomains.length };
    }),
    elements: rs.elements.map((e) => ({ code: e.code, name: e.name, domains: [...e.domains] })),
    domains: rs.domains.map((d) => ({
      code: d.code,
      name: d.name,
      element: d.element,
      subdomains: rs.subdomains.filter((s) => s.domain === d.code).map((s) => s.no),
    })),
    subdomains: rs.subdomains.map((s) => ({
      no: s.no,
      name: s.name,
      domain: s.domain,
      requirements: Object.fromEntries(TIER_CODES.map((t) => [t, s.requirements[t]?.map(strip) ?? null])) as Record<
        TierCode,
        ReturnType<typeof strip>[] | null
      >,
    })),
    constructionTypes: rs.constructionTypes.map((c) => ({ ...c })),
  };
}
