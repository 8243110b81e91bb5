import { cityOf, findRegion } from '@ff/regions';
import {
  AssignmentExpert,
  AssignmentTask,
  Conflict,
  ConflictPolicy,
  ConflictRuleCode,
  ManualConflict,
  RELATIONSHIP_KIND_NAMES,
} from './types';

/**
 * The conflict-of-interest (回避) rules, each named, switched on by the round's policy data and
 * answering with a Chinese reason that names the fact. The solver removes every expert a rule
 * hits; the service runs the same rules on hand-made changes.
 */
export interface ConflictContext {
  policy: ConflictPolicy;
  /** First day of the round: look-back periods count back from it. */
  periodFrom: string;
  /** Last day of the round: a relationship starting after it does not count yet. */
  periodTo: string;
  /** Manual conflicts keyed by `manualKey(expertId, enterpriseId)`. */
  manual: ReadonlyMap<string, readonly ManualConflict[]>;
}

export interface ConflictRule {
  code: ConflictRuleCode;
  enabled: (policy: ConflictPolicy) => boolean;
  /** The reason the expert must not review the task's applicant, or null. */
  check: (expert: AssignmentExpert, task: AssignmentTask, ctx: ConflictContext) => string | null;
}

export const manualKey = (expertId: string, enterpriseId: string): string => `${expertId}\u0000${enterpriseId}`;

export function manualConflictIndex(conflicts: readonly ManualConflict[]): Map<string, ManualConflict[]> {
  const index = new Map<string, ManualConflict[]>();
  for (const c of conflicts) {
    const key = manualKey(c.expertId, c.enterpriseId);
    index.set(key, [...(index.get(key) ?? []), c]);
  }
  return index;
}

/** ISO date `months` calendar months earlier, clamped to the month's last day (2025-03-31 − 1 → 2025-02-28). */
export function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

interface RegionFacts {
  name: string;
  level: string | undefined;
  city: string;
}
// Region lookups normalise their input; a round asks about the same few hundred codes millions of times.
const regionMemo = new Map<string, RegionFacts>();
function regionFacts(code: string): RegionFacts {
  let facts = regionMemo.get(code);
  if (!facts) {
    const region = findRegion(code);
    facts = { name: region?.name ?? code, level: region?.level, city: cityOf(code)?.code ?? `${code.slice(0, 4)}00` };
    regionMemo.set(code, facts);
  }
  return facts;
}

/** The city a region code belongs to; for codes outside the data, the GB/T 2260 prefix (`3301xx` → `330100`). */
export const cityCodeOf = (code: string): string => regionFacts(code).city;
const regionName = (code: string): string => regionFacts(code).name;

const sameEmployer: ConflictRule = {
  code: 'same_employer',
  enabled: (p) => p.sameEmployer.enabled,
  check: (expert, task) => {
    const employer = expert.employer;
    const applicant = task.applicant;
    if (!employer) return null;
    if (employer.creditCode && employer.creditCode === applicant.creditCode) {
      return `专家任职单位即申报企业（统一社会信用代码 ${applicant.creditCode}）`;
    }
    const expertGroup = employer.groupKey || null;
    const applicantGroup = applicant.groupKey || null;
    const sameGroup =
      (expertGroup !== null && (expertGroup === applicantGroup || expertGroup === applicant.creditCode)) ||
      (applicantGroup !== null && applicantGroup === employer.creditCode);
    return sameGroup
      ? `专家任职单位“${employer.name}”与申报企业同属一个集团（${expertGroup ?? applicantGroup}）`
      : null;
  },
};

const declaredRelationship: ConflictRule = {
  code: 'declared_relationship',
  enabled: (p) => p.declaredRelationship.enabled,
  check: (expert, task, ctx) => {
    for (const rel of expert.relationships) {
      if (rel.creditCode !== task.applicant.creditCode) continue;
      if (rel.from !== null && rel.from > ctx.periodTo) continue;
      const months = ctx.policy.declaredRelationship.lookBackMonths[rel.kind];
      const since = months === null ? null : monthsBefore(ctx.periodFrom, months);
      if (rel.to !== null && since !== null && rel.to < since) continue;
      const when = rel.to === null ? '至今' : `至 ${rel.to}`;
      const window = months === null ? '不限回看期' : `回看 ${months} 个月内`;
      return `专家申报了与申报企业的${RELATIONSHIP_KIND_NAMES[rel.kind]}关系（${when}，${window}）`;
    }
    return null;
  },
};

const applicantVendor: ConflictRule = {
  code: 'applicant_vendor',
  enabled: (p) => p.applicantVendor.enabled,
  check: (expert, task) => {
    const code = expert.employer?.creditCode;
    if (!code || !task.applicant.vendorCreditCodes.includes(code)) return null;
    return `专家任职单位“${expert.employer!.name}”是申报企业申报的供应商/数字化服务商`;
  },
};

const localAvoidance: ConflictRule = {
  code: 'local_avoidance',
  enabled: (p) => p.localAvoidance.enabled,
  check: (expert, task, ctx) => {
    const region = expert.regionCode;
    const county = task.applicant.countyCode;
    if (!region || !county) return null;
    if (ctx.policy.localAvoidance.scope === 'city') {
      const city = cityCodeOf(county);
      return cityCodeOf(region) === city ? `专家与申报企业同在${regionName(city)}（本地回避，按设区市）` : null;
    }
    if (region === county) return `专家与申报企业同在${regionName(county)}（本地回避）`;
    // An expert registered only at city level may well work in the applicant's county: avoid.
    if (regionFacts(region).level === 'city' && cityCodeOf(county) === region) {
      return `专家所在地仅登记到${regionName(region)}，无法排除与申报企业（${regionName(county)}）同县（本地回避）`;
    }
    return null;
  },
};

const rotation: ConflictRule = {
  code: 'rotation',
  enabled: (p) => p.rotation.enabled,
  check: (expert, task) =>
    expert.previousRoundEnterpriseIds.includes(task.enterpriseId) ? '专家上一轮已评审该企业（轮换回避）' : null,
};

const manual: ConflictRule = {
  code: 'manual',
  enabled: (p) => p.manual.enabled,
  check: (expert, task, ctx) => {
    const found = ctx.manual.get(manualKey(expert.id, task.enterpriseId));
    return found?.length ? `人工登记的回避：${found.map((c) => c.reason).join('；')}` : null;
  },
};

/** In the order explanations count them: an expert hit by several rules is counted under the first. */
export const CONFLICT_RULES: readonly ConflictRule[] = [
  sameEmployer,
  declaredRelationship,
  applicantVendor,
  localAvoidance,
  rotation,
  manual,
];

/** Every enabled rule that hits this expert for this task. */
export function findConflicts(expert: AssignmentExpert, task: AssignmentTask, ctx: ConflictContext): Conflict[] {
  const out: Conflict[] = [];
  for (const rule of CONFLICT_RULES) {
    if (!rule.enabled(ctx.policy)) continue;
    const reason = rule.check(expert, task, ctx);
    if (reason !== null) out.push({ rule: rule.code, reason });
  }
  return out;
}

/** The first enabled rule that hits, or null: what the solver needs per candidate. */
export function firstConflict(expert: AssignmentExpert, task: AssignmentTask, ctx: ConflictContext): Conflict | null {
  for (const rule of CONFLICT_RULES) {
    if (!rule.enabled(ctx.policy)) continue;
    const reason = rule.check(expert, task, ctx);
    if (reason !== null) return { rule: rule.code, reason };
  }
  return null;
}
