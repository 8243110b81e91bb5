/** The shape of a rule set: the requirements document's tables 1–15 as data. */
export const TIER_CODES = ['workshop', 'smart_factory', 'future_factory'] as const;
export type TierCode = (typeof TIER_CODES)[number];

export const TIER_NAMES: Record<TierCode, string> = {
  workshop: '省级数字化车间',
  smart_factory: '省级智能工厂',
  future_factory: '未来工厂',
};

/** Tiers in ascending order: a future factory is also built on the smart-factory requirements. */
export const tierRank = (tier: TierCode): number => TIER_CODES.indexOf(tier);

export type IndustryMode = 'discrete' | 'process';
export const INDUSTRY_NAMES: Record<IndustryMode, string> = { discrete: '离散行业', process: '流程行业' };

export type Obligation = 'mandatory' | 'recommended';
/** How the requirements document marks a clause: 应 (mandatory) or 宜 (recommended). */
export const OBLIGATION_NAMES: Record<Obligation, string> = { mandatory: '应', recommended: '宜' };

export interface Clause {
  /** Stable id: `sd<NN>.<ws|sf|ff>[.<label>]`, e.g. `sd15.ff.c1`, `sd03.ws`. */
  id: string;
  /** As printed before `）`: `a`, `b`, `c1` …; empty when the cell is one unlettered requirement. */
  label: string;
  /** `recommended` when the clause's first modal verb is 宜, otherwise `mandatory`. */
  obligation: Obligation;
  /** Only for one industry mode (`c1）离散行业：` / `c2）流程行业：`), else null. */
  industry: IndustryMode | null;
  /** The clause exactly as printed after its label, final punctuation included. */
  text: string;
  /** A mandatory clause that also holds a recommended (宜) sentence. */
  hasRecommendedPart: boolean;
}

export interface SubDomain {
  no: number;
  name: string;
  domain: string;
  /** null where the table prints `/` (not required at that tier). */
  requirements: Record<TierCode, Clause[] | null>;
}

export interface Domain {
  code: string;
  name: string;
  element: string;
}

export interface Element {
  code: string;
  name: string;
  domains: string[];
}

export const CONSTRUCTION_TYPE_CODES = [
  'innovation_pioneer',
  'cluster_flagship',
  'chain_leader',
  'platform_transformer',
] as const;
export type ConstructionTypeCode = (typeof CONSTRUCTION_TYPE_CODES)[number];

export interface ConstructionType {
  code: ConstructionTypeCode;
  name: string;
  basicRequirement: string;
  coreCapability: string;
  newTechModel: string;
}

export interface RuleSetData {
  version: string;
  title: string;
  elements: Element[];
  domains: Domain[];
  subdomains: SubDomain[];
  constructionTypes: ConstructionType[];
}
