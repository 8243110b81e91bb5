/**
 * The pure assignment core's contract: what the service loads (tasks, experts, manual decisions,
 * the round's conflict policy) and what the solver returns (assignments with their reasons,
 * unfilled slots with the constraint that emptied them, loads against their lower bound).
 * Plain data only — ids are strings, dates are ISO `YYYY-MM-DD` — so the solver never needs
 * Nest, TypeORM or a clock.
 */

/** A capability-domain code of the pinned rule set, e.g. `system_assurance`. */
export type DomainCode = string;

export type ExpertiseLevel = 'primary' | 'secondary';

export const RELATIONSHIP_KINDS = [
  'employer',
  'former_employer',
  'vendor',
  'diagnosis_service',
  'relative',
  'other',
] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const RELATIONSHIP_KIND_NAMES: Record<RelationshipKind, string> = {
  employer: '任职单位',
  former_employer: '曾任职单位',
  vendor: '供应商/数字化服务商',
  diagnosis_service: '提供过诊断服务',
  relative: '亲属关系',
  other: '其他利害关系',
};

/** Inclusive ISO dates; `to: null` means open-ended (still ongoing). */
export interface DateRange {
  from: string;
  to: string | null;
}

/** The applicant's facts the conflict rules judge against; identical for all tasks of one application. */
export interface ApplicantFacts {
  /** 统一社会信用代码 of the applying enterprise. */
  creditCode: string;
  /** The enterprise's group (parent) key when it declared one, e.g. the parent's credit code. */
  groupKey?: string | null;
  /** County-level region code (GB/T 2260) of the enterprise. */
  countyCode: string;
  /** Credit codes of the vendors / 数字化服务商 the applicant declared. */
  vendorCreditCodes: readonly string[];
  /** For messages only. */
  enterpriseName?: string;
}

/** One application × one capability domain of its tier; each expert on it scores every sub-domain. */
export interface AssignmentTask {
  id: string;
  applicationId: string;
  enterpriseId: string;
  domain: DomainCode;
  /** The domain's Chinese name for explanations (e.g. “安全防护体系”); the code is used if absent. */
  domainName?: string;
  /** Experts wanted on this task (the batch's panel size for the tier). */
  panelSize: number;
  applicant: ApplicantFacts;
}

export interface Employer {
  /** Absent for employers without a 统一社会信用代码 (universities abroad, retired experts…). */
  creditCode: string | null;
  name: string;
  /** A declared group key (e.g. the parent company's credit code): same group counts as same employer. */
  groupKey?: string | null;
}

export interface ExpertRelationship {
  /** Credit code of the enterprise the relationship is with. */
  creditCode: string;
  kind: RelationshipKind;
  /** Inclusive; null when unknown (treated as always). */
  from: string | null;
  /** Inclusive end date; null when ongoing. */
  to: string | null;
  note?: string;
}

export interface AssignmentExpert {
  id: string;
  /** For messages only. */
  name?: string;
  /** null for an expert without an employer (retired, independent): it is its own employer group. */
  employer: Employer | null;
  /** County- or city-level region code of where the expert works. */
  regionCode: string | null;
  expertise: ReadonlyArray<{ domain: DomainCode; level: ExpertiseLevel }>;
  /** Maximum tasks in this round. */
  cap: number;
  /** Tasks already held in this round outside this input (published earlier, other batches). */
  currentLoad: number;
  unavailable: readonly DateRange[];
  relationships: readonly ExpertRelationship[];
  /** Enterprises this expert reviewed in the previous round (rotation rule). */
  previousRoundEnterpriseIds: readonly string[];
}

/** A conflict declared by an official for one expert and one enterprise. */
export interface ManualConflict {
  expertId: string;
  enterpriseId: string;
  reason: string;
}

/** A hand-made assignment the solver keeps as is (it counts for load, panel and employer mix). */
export interface FixedAssignment {
  taskId: string;
  expertId: string;
  /** Why an official placed it; required by the service when it overrides a conflict. */
  reason?: string;
}

/** An expert that must not be placed on a task (declined, removed) or on a whole application. */
export interface Exclusion {
  expertId: string;
  taskId?: string;
  applicationId?: string;
  reason: string;
}

export const CONFLICT_RULE_CODES = [
  'same_employer',
  'declared_relationship',
  'applicant_vendor',
  'local_avoidance',
  'rotation',
  'manual',
] as const;
export type ConflictRuleCode = (typeof CONFLICT_RULE_CODES)[number];

export const CONFLICT_RULE_NAMES: Record<ConflictRuleCode, string> = {
  same_employer: '同单位回避',
  declared_relationship: '利害关系回避',
  applicant_vendor: '服务商回避',
  local_avoidance: '本地回避',
  rotation: '轮换回避',
  manual: '人工回避',
};

/** The round's conflict-of-interest rules as data; stored on the round, read by the solver. */
export interface ConflictPolicy {
  sameEmployer: { enabled: boolean };
  declaredRelationship: {
    enabled: boolean;
    /** Months before the round's start a relationship still counts; null = whenever it ended. */
    lookBackMonths: Record<RelationshipKind, number | null>;
  };
  applicantVendor: { enabled: boolean };
  localAvoidance: { enabled: boolean; scope: 'county' | 'city' };
  rotation: { enabled: boolean };
  manual: { enabled: boolean };
  /** Distinct employers an application's panel on one task must draw on: 1 (off) or 2. */
  minDistinctEmployers: 1 | 2;
}

export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = {
  sameEmployer: { enabled: true },
  declaredRelationship: {
    enabled: true,
    lookBackMonths: {
      employer: null,
      former_employer: 36,
      vendor: 36,
      diagnosis_service: 36,
      relative: null,
      other: 36,
    },
  },
  applicantVendor: { enabled: true },
  localAvoidance: { enabled: true, scope: 'county' },
  rotation: { enabled: true },
  manual: { enabled: true },
  minDistinctEmployers: 2,
};

/** Integer cost weights of the objective after "fill every slot" and "lowest maximum load". */
export interface AssignmentWeights {
  /** Added per assignment on secondary (not primary) expertise. */
  secondaryExpertise: number;
  /** Added once per (application, expert) pair: a second domain of the same application is free. */
  newApplication: number;
  /** Load cost of a unit that brings the expert to load ratio r is `round(loadSpread × r)`: convex, so it spreads. */
  loadSpread: number;
}

export const DEFAULT_WEIGHTS: AssignmentWeights = { secondaryExpertise: 4, newApplication: 2, loadSpread: 8 };

export interface AssignmentInput {
  tasks: readonly AssignmentTask[];
  experts: readonly AssignmentExpert[];
  /** The round's review period: availability is judged against it, look-backs count from `from`. */
  period: DateRange & { to: string };
  policy?: ConflictPolicy;
  weights?: AssignmentWeights;
  manualConflicts?: readonly ManualConflict[];
  fixed?: readonly FixedAssignment[];
  exclusions?: readonly Exclusion[];
}

/** A conflict found between one expert and one task's applicant. */
export interface Conflict {
  rule: ConflictRuleCode;
  /** Chinese, names the fact: “专家任职单位与申报企业为同一单位（统一社会信用代码 9133…）”. */
  reason: string;
}

export interface CostTerm {
  code: 'secondary_expertise' | 'new_application' | 'load';
  amount: number;
  /** Chinese, e.g. “次要能力域 +4”. */
  label: string;
}

export interface Assignment {
  taskId: string;
  applicationId: string;
  expertId: string;
  /** true for a hand-made (fixed) assignment kept as given. */
  fixed: boolean;
  cost: number;
  why: {
    domain: DomainCode;
    domainName: string;
    /** null when a fixed assignment gave a domain outside the expert's expertise. */
    level: ExpertiseLevel | null;
    /** The expert's load (all its tasks in the round) after this result, and its cap. */
    loadAfter: number;
    cap: number;
    /** Other tasks of the same application given to this expert in this result. */
    sameApplicationTasks: number;
    costTerms: CostTerm[];
    /** Conflicts a fixed assignment overrides (always empty for the solver's own choices). */
    overriddenConflicts: Conflict[];
    /** One Chinese sentence summing the above. */
    summary: string;
  };
}

export const UNFILLED_REASON_CODES = [
  'expertise',
  'conflict',
  'availability',
  'exclusion',
  'cap',
  'employer_diversity',
  'competition',
] as const;
/**
 * Which constraint emptied the candidate list: the first filter after which fewer candidates were
 * left than needed; `competition` when enough candidates pass every filter on their own but their
 * remaining capacity is proven (by the maximum flow) to be taken by other tasks.
 */
export type UnfilledReasonCode = (typeof UNFILLED_REASON_CODES)[number];

export interface CandidateFunnel {
  withExpertise: number;
  /** Removed per conflict rule (an expert is counted under the first rule that hits). */
  removedByRule: Partial<Record<ConflictRuleCode, number>>;
  afterConflicts: number;
  afterAvailability: number;
  afterExclusions: number;
  /** Candidates with any capacity left under their cap. */
  withCapacity: number;
  /** Candidates usable at once under the employer-mix rule (per employer at most panelSize − 1). */
  usableWithEmployerMix: number;
}

export interface UnfilledSlot {
  taskId: string;
  applicationId: string;
  domain: DomainCode;
  panelSize: number;
  /** Slots left empty on this task. */
  missing: number;
  reason: UnfilledReasonCode;
  /** e.g. “能力域“安全防护体系”经回避后仅有 2 名可选专家，需要 3 名”. */
  message: string;
  funnel: CandidateFunnel;
}

export interface ExpertLoad {
  expertId: string;
  /** currentLoad + fixed + newly assigned. */
  load: number;
  cap: number;
  /** load / cap (0 when cap is 0). */
  ratio: number;
}

export interface AssignmentResult {
  assignments: Assignment[];
  unfilled: UnfilledSlot[];
  loads: ExpertLoad[];
  /** The largest load ratio (load / cap) over all experts in the result. */
  maxLoadRatio: number;
  /**
   * The smallest maximum load ratio any assignment that fills as many slots can reach, proven by
   * a maximum-flow feasibility check at each candidate level.
   */
  maxLoadLowerBound: number;
  stats: {
    slotsWanted: number;
    slotsFilled: number;
    /** Slots filled by the maximum flow at full caps: no assignment can fill more. */
    maxFillable: number;
    feasibilityChecks: number;
    totalCost: number;
  };
}
