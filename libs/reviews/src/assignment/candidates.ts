import { ConflictContext, findConflicts, firstConflict, manualConflictIndex } from './conflict-rules';
import {
  AssignmentExpert,
  AssignmentInput,
  AssignmentTask,
  AssignmentWeights,
  CandidateFunnel,
  Conflict,
  ConflictPolicy,
  DEFAULT_CONFLICT_POLICY,
  DEFAULT_WEIGHTS,
  ExpertiseLevel,
} from './types';

/**
 * The hard constraints applied one expert × task at a time: the candidate list of every task, the
 * funnel that says how many experts each filter removed, and the loads fixed assignments bring.
 * Tasks and experts are sorted by id first, so the order of the input never changes the result.
 */
export interface CandidateModel {
  tasks: AssignmentTask[];
  experts: AssignmentExpert[];
  policy: ConflictPolicy;
  weights: AssignmentWeights;
  /** Per expert: current load plus fixed assignments. */
  base: Int32Array;
  /** Per expert: units left under its cap (may be ≤ 0). */
  capLeft: Int32Array;
  /** Per expert: employer group for the employer-mix rule. */
  employerKey: string[];
  expertise: Array<Map<string, ExpertiseLevel>>;
  /** Per task: expert indices of its fixed assignments. */
  fixedOn: number[][];
  /** Per task: slots left after fixed assignments. */
  need: Int32Array;
  /** Per task: eligible expert indices, ascending. */
  candidates: number[][];
  /** Per task: employer group → most further experts of it (absent when unlimited). */
  employerCap: Array<Map<string, number>>;
  funnels: CandidateFunnel[];
  /** Per fixed assignment `taskIndex:expertIndex`: conflicts it overrides. */
  fixedConflicts: Map<string, Conflict[]>;
  conflictContext: ConflictContext;
}

export function employerKeyOf(expert: AssignmentExpert): string {
  const e = expert.employer;
  if (!e) return `expert:${expert.id}`;
  if (e.groupKey) return `group:${e.groupKey}`;
  if (e.creditCode) return `group:${e.creditCode}`;
  return `name:${e.name.trim()}`;
}

/**
 * A task × employer node for each employer with more candidates on task t than the employer-mix
 * rule lets it place (the node's arc in caps them); `allocate` hands out node numbers.
 */
export function employerGroupNodes(model: CandidateModel, t: number, allocate: () => number): Map<string, number> {
  const { candidates, employerKey, employerCap } = model;
  const counts = new Map<string, number>();
  for (const x of candidates[t]) counts.set(employerKey[x], (counts.get(employerKey[x]) ?? 0) + 1);
  const nodes = new Map<string, number>();
  for (const [k, count] of counts) {
    const cap = employerCap[t].get(k);
    if (cap !== undefined && count > cap) nodes.set(k, allocate());
  }
  return nodes;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function indexById<T extends { id: string }>(items: T[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) throw new Error(`duplicate ${what} id ${item.id}`);
    index.set(item.id, i);
  });
  return index;
}

export function isAvailable(expert: AssignmentExpert, period: { from: string; to: string }): boolean {
  return !expert.unavailable.some((r) => r.from <= period.to && (r.to === null || r.to >= period.from));
}

export function buildCandidateModel(input: AssignmentInput): CandidateModel {
  const policy = input.policy ?? DEFAULT_CONFLICT_POLICY;
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const tasks = [...input.tasks].sort(byId);
  const experts = [...input.experts].sort(byId);
  const taskIndex = indexById(tasks, 'task');
  const expertIndex = indexById(experts, 'expert');
  const conflictContext: ConflictContext = {
    policy,
    periodFrom: input.period.from,
    periodTo: input.period.to,
    manual: manualConflictIndex(input.manualConflicts ?? []),
  };

  const base = Int32Array.from(experts, (e) => e.currentLoad);
  const fixedOn: number[][] = tasks.map(() => []);
  const fixedConflicts = new Map<string, Conflict[]>();
  for (const f of input.fixed ?? []) {
    const t = taskIndex.get(f.taskId);
    const x = expertIndex.get(f.expertId);
    if (t === undefined || x === undefined) throw new Error(`fixed assignment ${f.taskId}/${f.expertId} is unknown`);
    if (fixedOn[t].includes(x)) continue;
    fixedOn[t].push(x);
    base[x]++;
    fixedConflicts.set(`${t}:${x}`, findConflicts(experts[x], tasks[t], conflictContext));
  }
  const capLeft = Int32Array.from(experts, (e, x) => e.cap - base[x]);
  const employerKey = experts.map(employerKeyOf);
  const expertise = experts.map((e) => new Map(e.expertise.map((d) => [d.domain, d.level])));
  const available = experts.map((e) => isAvailable(e, input.period));
  const excluded = new Set<string>();
  for (const ex of input.exclusions ?? []) {
    if (ex.taskId) excluded.add(`${ex.expertId}\u0000t\u0000${ex.taskId}`);
    if (ex.applicationId) excluded.add(`${ex.expertId}\u0000a\u0000${ex.applicationId}`);
  }
  const byDomain = new Map<string, number[]>();
  experts.forEach((e, x) => {
    for (const domain of expertise[x].keys()) {
      const list = byDomain.get(domain) ?? [];
      list.push(x);
      byDomain.set(domain, list);
    }
  });

  const need = new Int32Array(tasks.length);
  const candidates: number[][] = [];
  const employerCap: Array<Map<string, number>> = [];
  const funnels: CandidateFunnel[] = [];
  tasks.forEach((task, t) => {
    if (!Number.isInteger(task.panelSize) || task.panelSize < 0) throw new Error(`task ${task.id}: bad panel size`);
    need[t] = Math.max(0, task.panelSize - fixedOn[t].length);
    const funnel: CandidateFunnel = {
      withExpertise: 0,
      removedByRule: {},
      afterConflicts: 0,
      afterAvailability: 0,
      afterExclusions: 0,
      withCapacity: 0,
      usableWithEmployerMix: 0,
    };
    const caps = new Map<string, number>();
    if (policy.minDistinctEmployers >= 2 && task.panelSize >= 2) {
      for (const x of fixedOn[t]) caps.set(employerKey[x], (caps.get(employerKey[x]) ?? task.panelSize - 1) - 1);
    }
    const list: number[] = [];
    for (const x of byDomain.get(task.domain) ?? []) {
      if (fixedOn[t].includes(x)) continue;
      funnel.withExpertise++;
      const conflict = firstConflict(experts[x], task, conflictContext);
      if (conflict) {
        funnel.removedByRule[conflict.rule] = (funnel.removedByRule[conflict.rule] ?? 0) + 1;
        continue;
      }
      funnel.afterConflicts++;
      if (!available[x]) continue;
      funnel.afterAvailability++;
      const id = experts[x].id;
      if (excluded.has(`${id}\u0000t\u0000${task.id}`) || excluded.has(`${id}\u0000a\u0000${task.applicationId}`)) {
        continue;
      }
      funnel.afterExclusions++;
      if (capLeft[x] <= 0) continue;
      funnel.withCapacity++;
      list.push(x);
    }
    if (policy.minDistinctEmployers >= 2 && task.panelSize >= 2) {
      const perEmployer = new Map<string, number>();
      for (const x of list) perEmployer.set(employerKey[x], (perEmployer.get(employerKey[x]) ?? 0) + 1);
      for (const [key, count] of perEmployer) {
        if (!caps.has(key)) caps.set(key, task.panelSize - 1);
        funnel.usableWithEmployerMix += Math.min(count, Math.max(0, caps.get(key)!));
      }
    } else {
      funnel.usableWithEmployerMix = list.length;
    }
    candidates.push(list);
    employerCap.push(caps);
    funnels.push(funnel);
  });

  return {
    tasks,
    experts,
    policy,
    weights,
    base,
    capLeft,
    employerKey,
    expertise,
    fixedOn,
    need,
    candidates,
    employerCap,
    funnels,
    fixedConflicts,
    conflictContext,
  };
}
