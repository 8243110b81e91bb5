import {
  CONSTRUCTION_TYPE_CODES,
  Clause,
  ConstructionTypeCode,
  INDUSTRY_NAMES,
  IndustryMode,
  SubDomain,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
  tierRank,
} from '../catalog/catalog.types';
import { RuleSet, describeClause, findRuleSet } from '../catalog/rule-sets';
import {
  CapabilityClaims,
  ClassificationResult,
  DimensionClaim,
  EnterpriseProfile,
  PROFILE_FACT_OF,
  classifyConstructionType,
} from '../classification/construction-type.classifier';
import { Finding, finding } from './findings';
import { DEFAULT_PRECHECK_POLICY, PrecheckPolicy } from './precheck.policy';
import { shown } from '../display';

export const CLAUSE_STATUSES = ['met', 'partial', 'not_met'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];
export const CLAUSE_STATUS_NAMES: Record<ClauseStatus, string> = {
  met: '满足',
  partial: '部分满足',
  not_met: '不满足',
};

export const PRECHECK_VERDICT_NAMES: Record<PrecheckReport['verdict'], string> = { pass: '通过', return: '退回' };

export interface Declaration {
  clauseId: string;
  status: ClauseStatus;
  narrative: string;
  evidence: string[];
}

/** What an enterprise submits for 形式审查; `evaluateSubmission` accepts anything and checks this shape itself. */
export interface Submission {
  ruleSetVersion?: string;
  tier: TierCode;
  industry: IndustryMode;
  profile?: EnterpriseProfile;
  constructionType?: ConstructionTypeCode | null;
  /** 核心能力 / 新技术新模式 claims per construction type (table 15). */
  constructionEvidence?: CapabilityClaims;
  /** Clauses of the target tier; clauses of lower tiers may be added to support a lower designation. */
  declarations: Declaration[];
}

export interface ClauseResult {
  id: string;
  label: string;
  obligation: Clause['obligation'];
  status: ClauseStatus | null;
  /** Declared in a way the policy accepts (status, evidence, narrative). */
  satisfied: boolean;
}

export interface SubdomainResult {
  no: number;
  name: string;
  clauses: ClauseResult[];
  errors: number;
  warnings: number;
}

export interface PrecheckReport {
  ruleSetVersion: string | null;
  policyVersion: string;
  tier: TierCode | null;
  industry: IndustryMode | null;
  verdict: 'pass' | 'return';
  findings: Finding[];
  summary: {
    errors: number;
    warnings: number;
    mandatoryClauses: number;
    satisfiedMandatory: number;
    declaredClauses: number;
  };
  subdomains: SubdomainResult[];
  /**
   * The highest tier, up to the target, all of whose applicable mandatory clauses are declared
   * satisfied; null when none is. Lower tiers count only through declarations of their own clauses.
   */
  highestSupportedTier: TierCode | null;
  constructionType: ClassificationResult | null;
}

type Applicable = { clause: Clause; subdomain: SubDomain }[];
const applicableMemo = new WeakMap<RuleSet, Map<string, Applicable>>();

/** The clauses of a tier for an industry, computed once per rule set. */
function applicable(ruleSet: RuleSet, tier: TierCode, industry: IndustryMode): Applicable {
  let byKey = applicableMemo.get(ruleSet);
  if (!byKey) applicableMemo.set(ruleSet, (byKey = new Map()));
  const key = `${tier}|${industry}`;
  let list = byKey.get(key);
  if (!list) {
    list = [];
    for (const subdomain of ruleSet.subdomains) {
      for (const clause of subdomain.requirements[tier] ?? []) {
        if (clause.industry === null || clause.industry === industry) list.push({ clause, subdomain });
      }
    }
    byKey.set(key, list);
  }
  return list;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const invalid = (path: string, message: string) => finding('submission.invalid', message, { path });

function satisfies(clause: Clause, d: Declaration, policy: PrecheckPolicy): boolean {
  if (d.status === 'not_met') return false;
  if (clause.obligation === 'mandatory' && d.status === 'partial' && !policy.partialCountsAsMet) return false;
  const needsEvidence =
    clause.obligation === 'mandatory' ? policy.requireEvidenceForMandatory : policy.requireEvidenceForRecommended;
  if (needsEvidence && d.evidence.length === 0) return false;
  return d.narrative.trim().length >= policy.minNarrativeLength;
}

function readDeclaration(raw: unknown, index: number, findings: Finding[]): Declaration | null {
  if (!isObject(raw)) {
    findings.push(invalid(`declarations[${index}]`, `第${index + 1}项自评格式不正确，应为对象`));
    return null;
  }
  const { clauseId, status, narrative, evidence } = raw;
  const validId = typeof clauseId === 'string' && clauseId !== '';
  const validStatus = CLAUSE_STATUSES.includes(status as ClauseStatus);
  const validNarrative = typeof narrative === 'string';
  const validEvidence = evidence === undefined || isStringArray(evidence);
  if (validId && validStatus && validNarrative && validEvidence) {
    return { clauseId, status: status as ClauseStatus, narrative, evidence: (evidence as string[] | undefined) ?? [] };
  }
  const path = `declarations[${index}]`;
  if (!validId) findings.push(invalid(`${path}.clauseId`, `${path}.clauseId 应为条款编号`));
  if (!validStatus)
    findings.push(
      invalid(`${path}.status`, `${path}.status 应为 met（满足）、partial（部分满足）或 not_met（不满足）`),
    );
  if (!validNarrative) findings.push(invalid(`${path}.narrative`, `${path}.narrative 应为文本`));
  if (!validEvidence) findings.push(invalid(`${path}.evidence`, `${path}.evidence 应为佐证材料编号的数组`));
  return null;
}

function readProfile(raw: unknown, findings: Finding[]): EnterpriseProfile | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    findings.push(invalid('profile', 'profile 应为对象'));
    return undefined;
  }
  const profile: EnterpriseProfile = {};
  for (const key of Object.values(PROFILE_FACT_OF)) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'boolean') findings.push(invalid(`profile.${key}`, `profile.${key} 应为 true 或 false`));
    else profile[key] = v;
  }
  return profile;
}

function readClaims(raw: unknown, findings: Finding[]): CapabilityClaims | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    findings.push(invalid('constructionEvidence', 'constructionEvidence 应为对象'));
    return undefined;
  }
  const claims: CapabilityClaims = {};
  for (const code of CONSTRUCTION_TYPE_CODES) {
    const entry = raw[code];
    if (entry === undefined) continue;
    if (!isObject(entry)) {
      findings.push(invalid(`constructionEvidence.${code}`, `constructionEvidence.${code} 应为对象`));
      continue;
    }
    const out: { coreCapability?: DimensionClaim; newTechModel?: DimensionClaim } = {};
    for (const dim of ['coreCapability', 'newTechModel'] as const) {
      const c = entry[dim];
      if (c === undefined) continue;
      if (!isObject(c) || typeof c.claimed !== 'boolean' || !isStringArray(c.evidence ?? [])) {
        findings.push(
          invalid(
            `constructionEvidence.${code}.${dim}`,
            `constructionEvidence.${code}.${dim} 应为 { claimed: 布尔值, evidence: 佐证编号数组 }`,
          ),
        );
        continue;
      }
      out[dim] = { claimed: c.claimed, evidence: (c.evidence as string[] | undefined) ?? [] };
    }
    claims[code] = out;
  }
  return claims;
}

function emptyReport(
  policy: PrecheckPolicy,
  findings: Finding[],
  partial: Partial<PrecheckReport> = {},
): PrecheckReport {
  return {
    ruleSetVersion: null,
    policyVersion: policy.version,
    tier: null,
    industry: null,
    verdict: 'return',
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      mandatoryClauses: 0,
      satisfiedMandatory: 0,
      declaredClauses: 0,
    },
    subdomains: [],
    highestSupportedTier: null,
    constructionType: null,
    ...partial,
  };
}

/**
 * 形式审查: a pure, deterministic check of a submission against the rule set. Malformed input never
 * throws; it becomes `submission.invalid` findings naming the field.
 */
export function evaluateSubmission(input: unknown, policy: PrecheckPolicy = DEFAULT_PRECHECK_POLICY): PrecheckReport {
  const findings: Finding[] = [];
  if (!isObject(input)) return emptyReport(policy, [invalid('', '申报内容应为对象')]);
  const tier = TIER_CODES.includes(input.tier as TierCode) ? (input.tier as TierCode) : null;
  if (!tier)
    findings.push(
      invalid(
        'tier',
        'tier 应为 workshop（省级数字化车间）、smart_factory（省级智能工厂）或 future_factory（未来工厂）',
      ),
    );
  const industry = input.industry === 'discrete' || input.industry === 'process' ? input.industry : null;
  if (!industry) findings.push(invalid('industry', 'industry 应为 discrete（离散行业）或 process（流程行业）'));
  if (!Array.isArray(input.declarations)) findings.push(invalid('declarations', 'declarations 应为自评数组'));
  const version = input.ruleSetVersion;
  const ruleSet =
    version === undefined ? findRuleSet() : typeof version === 'string' ? findRuleSet(version) : undefined;
  if (!ruleSet)
    findings.push(finding('rule_set.unknown', `规则版本“${shown(version)}”不存在`, { path: 'ruleSetVersion' }));
  if (!tier || !industry || !ruleSet || !Array.isArray(input.declarations)) {
    return emptyReport(policy, findings, { tier, industry, ruleSetVersion: ruleSet?.version ?? null });
  }
  const profile = readProfile(input.profile, findings);
  const claims = readClaims(input.constructionEvidence, findings);

  // Declarations: shape, identity, duplicates, tier and industry of each.
  const declared = new Map<string, Declaration>();
  input.declarations.forEach((raw: unknown, i: number) => {
    const d = readDeclaration(raw, i, findings);
    if (!d) return;
    const entry = ruleSet.clauseById.get(d.clauseId);
    if (!entry) {
      findings.push(
        finding('clause.unknown', `条款编号“${d.clauseId}”在规则版本 ${ruleSet.version} 中不存在`, {
          path: `declarations[${i}].clauseId`,
          clauseId: d.clauseId,
        }),
      );
      return;
    }
    // Names and locations are built only when a finding needs them: this loop runs per clause.
    const where = () => ({ path: `declarations[${i}]`, clauseId: d.clauseId, subdomainNo: entry.subdomain.no });
    const name = () => describeClause(entry.subdomain, entry.clause);
    if (declared.has(d.clauseId)) {
      findings.push(
        finding('clause.duplicate', `${name()}（${TIER_NAMES[entry.tier]}）重复填写（第${i + 1}项）`, where()),
      );
      return;
    }
    if (tierRank(entry.tier) > tierRank(tier)) {
      findings.push(
        finding(
          'clause.not_in_tier',
          `${name()}属于“${TIER_NAMES[entry.tier]}”的要求，高于本次申报等级“${TIER_NAMES[tier]}”`,
          where(),
        ),
      );
      return;
    }
    if (entry.clause.industry && entry.clause.industry !== industry) {
      findings.push(
        finding(
          'clause.other_industry',
          `${name()}仅适用于${INDUSTRY_NAMES[entry.clause.industry]}，本企业为${INDUSTRY_NAMES[industry]}`,
          where(),
        ),
      );
      return;
    }
    declared.set(d.clauseId, d);
  });

  // The target tier's clauses: completeness, status, evidence, narrative.
  const subdomains: SubdomainResult[] = [];
  let current: SubdomainResult | undefined;
  let mandatoryClauses = 0;
  let satisfiedMandatory = 0;
  for (const { clause, subdomain } of applicable(ruleSet, tier, industry)) {
    if (current?.no !== subdomain.no)
      subdomains.push((current = { no: subdomain.no, name: subdomain.name, clauses: [], errors: 0, warnings: 0 }));
    const d = declared.get(clause.id);
    const name = () => describeClause(subdomain, clause);
    const where = () => ({ clauseId: clause.id, subdomainNo: subdomain.no });
    const before = findings.length;
    const mandatory = clause.obligation === 'mandatory';
    if (!d) {
      findings.push(
        mandatory
          ? finding('declaration.missing', `${name()}为必选条款（应），未填写自评`, where())
          : finding('declaration.recommended_missing', `${name()}为推荐条款（宜），未填写自评`, where()),
      );
    } else {
      if (mandatory && d.status === 'not_met') {
        findings.push(
          finding(
            'declaration.not_met',
            `${name()}为必选条款（应），自评为“不满足”，不符合“${TIER_NAMES[tier]}”申报要求`,
            where(),
          ),
        );
      } else if (mandatory && d.status === 'partial' && !policy.partialCountsAsMet) {
        findings.push(
          finding(
            'declaration.partial',
            `${name()}为必选条款（应），自评为“部分满足”，按本批次形式审查要求须为“满足”`,
            where(),
          ),
        );
      }
      const needsEvidence = mandatory
        ? policy.requireEvidenceForMandatory
        : policy.requireEvidenceForRecommended && d.status !== 'not_met';
      if (needsEvidence && d.evidence.length === 0)
        findings.push(finding('evidence.missing', `${name()}未上传佐证材料`, where()));
      const length = d.narrative.trim().length;
      if (length < policy.minNarrativeLength) {
        findings.push(
          finding(
            'narrative.too_short',
            `${name()}自评说明不足${policy.minNarrativeLength}字（当前${length}字）`,
            where(),
          ),
        );
      }
    }
    const satisfied = !!d && satisfies(clause, d, policy);
    if (mandatory) {
      mandatoryClauses++;
      if (satisfied) satisfiedMandatory++;
    }
    for (let k = before; k < findings.length; k++) {
      if (findings[k].severity === 'error') current.errors++;
      else current.warnings++;
    }
    current.clauses.push({
      id: clause.id,
      label: clause.label,
      obligation: clause.obligation,
      status: d?.status ?? null,
      satisfied,
    });
  }

  // Table 15 applies to future factories only.
  let constructionType: ClassificationResult | null = null;
  const declaredType = input.constructionType;
  if (
    declaredType !== undefined &&
    declaredType !== null &&
    !CONSTRUCTION_TYPE_CODES.includes(declaredType as ConstructionTypeCode)
  ) {
    findings.push(
      invalid(
        'constructionType',
        'constructionType 应为 innovation_pioneer、cluster_flagship、chain_leader 或 platform_transformer',
      ),
    );
  } else if (tier === 'future_factory') {
    if (!declaredType) {
      findings.push(
        finding(
          'construction_type.missing',
          '申报未来工厂须选择建设类型（创新突破领航型、集群示范头雁型、协同共生链主型、业态变革平台型之一）',
          { path: 'constructionType' },
        ),
      );
    } else {
      constructionType = classifyConstructionType(
        { profile, capabilities: claims, declaredType: declaredType as ConstructionTypeCode },
        ruleSet,
      );
      const assessed = constructionType.types.find((t) => t.code === declaredType)!;
      const unmet = assessed.dimensions.filter((d) => d.outcome === 'not_met').map((d) => d.reason);
      if (constructionType.declaredSupported === false) {
        findings.push(
          finding(
            'construction_type.unsupported',
            `所选建设类型“${assessed.name}”不符合表15要求：${unmet.join('；')}`,
            { path: 'constructionType' },
          ),
        );
      } else if (constructionType.declaredSupported === null) {
        const unknown = assessed.dimensions.filter((d) => d.outcome === 'unknown').map((d) => d.reason);
        findings.push(
          finding('construction_type.undetermined', `建设类型“${assessed.name}”有待核实：${unknown.join('；')}`, {
            path: 'constructionType',
          }),
        );
      }
    }
  } else if (declaredType) {
    findings.push(
      finding('construction_type.not_applicable', `建设类型仅适用于未来工厂申报，“${TIER_NAMES[tier]}”申报无需选择`, {
        path: 'constructionType',
      }),
    );
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ruleSetVersion: ruleSet.version,
    policyVersion: policy.version,
    tier,
    industry,
    verdict: errors === 0 ? 'pass' : 'return',
    findings,
    summary: {
      errors,
      warnings: findings.length - errors,
      mandatoryClauses,
      satisfiedMandatory,
      declaredClauses: declared.size,
    },
    subdomains,
    highestSupportedTier: highestSupported(ruleSet, tier, industry, declared, policy),
    constructionType,
  };
}

function highestSupported(
  ruleSet: RuleSet,
  target: TierCode,
  industry: IndustryMode,
  declared: Map<string, Declaration>,
  policy: PrecheckPolicy,
): TierCode | null {
  for (let rank = tierRank(target); rank >= 0; rank--) {
    const tier = TIER_CODES[rank];
    const ok = applicable(ruleSet, tier, industry).every(({ clause }) => {
      if (clause.obligation !== 'mandatory') return true;
      const d = declared.get(clause.id);
      return !!d && satisfies(clause, d, policy);
    });
    if (ok) return tier;
  }
  return null;
}
