import { CONSTRUCTION_TYPE_CODES, ConstructionType, ConstructionTypeCode } from '../catalog/catalog.types';
import { RuleSet, getRuleSet } from '../catalog/rule-sets';

/**
 * Table 15's 基础要求 as facts about the enterprise. Each may be true, false or absent; absent means
 * "not declared" and is reported as unknown, never guessed.
 */
export interface EnterpriseProfile {
  /** 行业龙头企业 */
  industryLeader?: boolean;
  /** 产业集群重点企业 */
  clusterKeyEnterprise?: boolean;
  /** 链主型企业 */
  chainLeader?: boolean;
  /** 服务型制造企业、平台型制造企业或总部经济型企业 */
  serviceOrPlatformOrHq?: boolean;
}

export const PROFILE_FACT_OF: Record<ConstructionTypeCode, keyof EnterpriseProfile> = {
  innovation_pioneer: 'industryLeader',
  cluster_flagship: 'clusterKeyEnterprise',
  chain_leader: 'chainLeader',
  platform_transformer: 'serviceOrPlatformOrHq',
};

/** The enterprise's claim for one of a type's 核心能力 / 新技术新模式 dimensions. */
export interface DimensionClaim {
  claimed: boolean;
  evidence: string[];
}

export type CapabilityClaims = Partial<
  Record<ConstructionTypeCode, { coreCapability?: DimensionClaim; newTechModel?: DimensionClaim }>
>;

export interface ClassificationInput {
  profile?: EnterpriseProfile;
  capabilities?: CapabilityClaims;
  declaredType?: ConstructionTypeCode | null;
}

export type DimensionOutcome = 'met' | 'not_met' | 'unknown';
export type FitVerdict = 'fit' | 'partial' | 'not_fit' | 'undetermined';
export type Dimension = 'basicRequirement' | 'coreCapability' | 'newTechModel';

export const DIMENSION_NAMES: Record<Dimension, string> = {
  basicRequirement: '基础要求',
  coreCapability: '核心能力',
  newTechModel: '新技术新模式',
};

export const DIMENSION_OUTCOME_NAMES: Record<DimensionOutcome, string> = {
  met: '满足',
  not_met: '不满足',
  unknown: '待核实',
};

export const FIT_VERDICT_NAMES: Record<FitVerdict, string> = {
  fit: '符合',
  partial: '部分符合',
  not_fit: '不符合',
  undetermined: '待核实',
};

export interface TypeAssessment {
  code: ConstructionTypeCode;
  name: string;
  verdict: FitVerdict;
  dimensions: Array<{ dimension: Dimension; outcome: DimensionOutcome; requirement: string; reason: string }>;
}

export interface ClassificationResult {
  types: TypeAssessment[];
  /** Types judged `fit`; when none is, the `partial` ones; empty when nothing fits. */
  bestFit: ConstructionTypeCode[];
  declaredType: ConstructionTypeCode | null;
  /** true / false, or null when the declared type's facts are incomplete (or none was declared). */
  declaredSupported: boolean | null;
}

function basicOutcome(fact: boolean | undefined, requirement: string): { outcome: DimensionOutcome; reason: string } {
  if (fact === true) return { outcome: 'met', reason: `企业声明为“${requirement}”` };
  if (fact === false) return { outcome: 'not_met', reason: `企业声明不属于“${requirement}”` };
  return { outcome: 'unknown', reason: `未声明是否为“${requirement}”，待核实` };
}

function claimOutcome(claim: DimensionClaim | undefined): { outcome: DimensionOutcome; reason: string } {
  if (!claim) return { outcome: 'unknown', reason: '未填写，待核实' };
  if (!claim.claimed) return { outcome: 'not_met', reason: '企业声明不具备' };
  if (claim.evidence.length === 0) return { outcome: 'unknown', reason: '已声明具备，但未提供佐证材料' };
  return { outcome: 'met', reason: `已声明具备，并提供佐证材料 ${claim.evidence.length} 份` };
}

function verdictOf(outcomes: DimensionOutcome[]): FitVerdict {
  if (outcomes[0] === 'not_met') return 'not_fit';
  if (outcomes.includes('not_met')) return outcomes.includes('met') ? 'partial' : 'not_fit';
  if (outcomes.includes('unknown')) return 'undetermined';
  return 'fit';
}

function assess(type: ConstructionType, input: ClassificationInput): TypeAssessment {
  const claims = input.capabilities?.[type.code];
  const rows: Array<[Dimension, string, { outcome: DimensionOutcome; reason: string }]> = [
    [
      'basicRequirement',
      type.basicRequirement,
      basicOutcome(input.profile?.[PROFILE_FACT_OF[type.code]], type.basicRequirement),
    ],
    ['coreCapability', type.coreCapability, claimOutcome(claims?.coreCapability)],
    ['newTechModel', type.newTechModel, claimOutcome(claims?.newTechModel)],
  ];
  return {
    code: type.code,
    name: type.name,
    verdict: verdictOf(rows.map(([, , r]) => r.outcome)),
    dimensions: rows.map(([dimension, requirement, r]) => ({
      dimension,
      outcome: r.outcome,
      requirement,
      reason: `${DIMENSION_NAMES[dimension]}（表15：${requirement}）：${r.reason}`,
    })),
  };
}

/** Table 15 judged for all four types at once, so the best fit can be compared with the declared one. */
export function classifyConstructionType(
  input: ClassificationInput,
  ruleSet: RuleSet = getRuleSet(),
): ClassificationResult {
  const types = ruleSet.constructionTypes.map((t) => assess(t, input));
  const fit = types.filter((t) => t.verdict === 'fit').map((t) => t.code);
  const bestFit = fit.length ? fit : types.filter((t) => t.verdict === 'partial').map((t) => t.code);
  const declaredType =
    input.declaredType && CONSTRUCTION_TYPE_CODES.includes(input.declaredType) ? input.declaredType : null;
  const declared = types.find((t) => t.code === declaredType);
  const declaredSupported = !declared || declared.verdict === 'undetermined' ? null : declared.verdict === 'fit';
  return { types, bestFit, declaredType, declaredSupported };
}
