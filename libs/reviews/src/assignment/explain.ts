import { CandidateModel } from './candidates';
import {
  Assignment,
  AssignmentResult,
  CandidateFunnel,
  CONFLICT_RULE_CODES,
  CONFLICT_RULE_NAMES,
  CostTerm,
  ExpertLoad,
  UnfilledReasonCode,
  UnfilledSlot,
} from './types';

/**
 * Turns the chosen experts into the result officials read: why each expert (domain, level, load,
 * cost terms), and for each slot left empty, the first filter after which too few candidates were
 * left — or, when every filter leaves enough, that the maximum flow proves their capacity taken.
 */
export interface SolveFigures {
  maxFillable: number;
  /** The lowest feasible load level found by the search (0 when nothing could be filled). */
  level: number;
  feasibilityChecks: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratioOf = (load: number, cap: number) => (cap > 0 ? load / cap : load);

export function explainResult(model: CandidateModel, chosen: number[][], figures: SolveFigures): AssignmentResult {
  const { tasks, experts, base, weights, expertise, fixedOn } = model;
  const load = Int32Array.from(base);
  for (const list of chosen) for (const x of list) load[x]++;

  // Tasks per (application, expert), in task-id order, to charge the new-application term once.
  const pairTasks = new Map<string, number[]>();
  const pairKey = (t: number, x: number) => `${tasks[t].applicationId}\u0000${x}`;
  chosen.forEach((list, t) => {
    for (const x of [...fixedOn[t], ...list])
      pairTasks.set(pairKey(t, x), [...(pairTasks.get(pairKey(t, x)) ?? []), t]);
  });

  const assignments: Assignment[] = [];
  tasks.forEach((task, t) => {
    const domainName = task.domainName ?? task.domain;
    const entries = [...fixedOn[t].map((x) => ({ x, fixed: true })), ...chosen[t].map((x) => ({ x, fixed: false }))];
    for (const { x, fixed } of entries) {
      const expert = experts[x];
      const level = expertise[x].get(task.domain) ?? null;
      const shared = pairTasks.get(pairKey(t, x))!;
      const costTerms: CostTerm[] = [];
      if (level === 'secondary') {
        costTerms.push({
          code: 'secondary_expertise',
          amount: weights.secondaryExpertise,
          label: `次要能力域 +${weights.secondaryExpertise}`,
        });
      }
      if (shared[0] === t) {
        costTerms.push({
          code: 'new_application',
          amount: weights.newApplication,
          label: `首次承担该申报 +${weights.newApplication}`,
        });
      }
      const loadCost = round2(weights.loadSpread * ratioOf(load[x], expert.cap));
      costTerms.push({ code: 'load', amount: loadCost, label: `负荷 ${load[x]}/${expert.cap} +${loadCost}` });
      const cost = round2(costTerms.reduce((sum, c) => sum + c.amount, 0));
      const overriddenConflicts = fixed ? (model.fixedConflicts.get(`${t}:${x}`) ?? []) : [];
      const who = expert.name ?? expert.id;
      const levelText = level === 'primary' ? '主要能力域' : level === 'secondary' ? '次要能力域' : '非其能力域';
      const parts = [
        fixed ? `人工指定专家${who}` : `专家${who}`,
        `${levelText}“${domainName}”`,
        `本轮任务 ${load[x]}/${expert.cap}`,
      ];
      if (shared.length > 1) parts.push(`同一申报共承担 ${shared.length} 个能力域`);
      if (overriddenConflicts.length) parts.push(`覆盖回避：${overriddenConflicts.map((c) => c.reason).join('；')}`);
      parts.push(`成本 ${cost}`);
      assignments.push({
        taskId: task.id,
        applicationId: task.applicationId,
        expertId: expert.id,
        fixed,
        cost,
        why: {
          domain: task.domain,
          domainName,
          level,
          loadAfter: load[x],
          cap: expert.cap,
          sameApplicationTasks: shared.length - 1,
          costTerms,
          overriddenConflicts,
          summary: parts.join('，'),
        },
      });
    }
  });

  const unfilled: UnfilledSlot[] = [];
  tasks.forEach((task, t) => {
    const missing = model.need[t] - chosen[t].length;
    if (missing <= 0) return;
    const { reason, message } = unfilledReason(model, t, missing);
    unfilled.push({
      taskId: task.id,
      applicationId: task.applicationId,
      domain: task.domain,
      panelSize: task.panelSize,
      missing,
      reason,
      message,
      funnel: model.funnels[t],
    });
  });

  const loads: ExpertLoad[] = experts.map((e, x) => ({
    expertId: e.id,
    load: load[x],
    cap: e.cap,
    ratio: ratioOf(load[x], e.cap),
  }));
  const maxLoadRatio = loads.reduce((m, l) => Math.max(m, l.ratio), 0);
  const baseMax = experts.reduce((m, e, x) => Math.max(m, ratioOf(base[x], e.cap)), 0);
  const slotsWanted = tasks.reduce((n, t) => n + t.panelSize, 0);
  const slotsFilled = assignments.length;
  return {
    assignments,
    unfilled,
    loads,
    maxLoadRatio,
    maxLoadLowerBound: Math.max(baseMax, figures.level),
    stats: {
      slotsWanted,
      slotsFilled,
      maxFillable: figures.maxFillable + fixedOn.reduce((n, f) => n + f.length, 0),
      feasibilityChecks: figures.feasibilityChecks,
      totalCost: round2(assignments.reduce((sum, a) => sum + (a.fixed ? 0 : a.cost), 0)),
    },
  };
}

function ruleBreakdown(funnel: CandidateFunnel): string {
  return CONFLICT_RULE_CODES.filter((r) => funnel.removedByRule[r])
    .map((r) => `${CONFLICT_RULE_NAMES[r]} ${funnel.removedByRule[r]} 名`)
    .join('、');
}

export function unfilledReason(
  model: CandidateModel,
  t: number,
  missing: number,
): { reason: UnfilledReasonCode; message: string } {
  const task = model.tasks[t];
  const f = model.funnels[t];
  const n = model.need[t];
  const domain = `能力域“${task.domainName ?? task.domain}”`;
  const want = `，需要 ${n} 名`;
  if (f.withExpertise < n)
    return { reason: 'expertise', message: `${domain}仅有 ${f.withExpertise} 名专家具备该能力${want}` };
  if (f.afterConflicts < n) {
    return {
      reason: 'conflict',
      message: `${domain}经回避（${ruleBreakdown(f)}）后仅有 ${f.afterConflicts} 名可选专家${want}`,
    };
  }
  if (f.afterAvailability < n) {
    return {
      reason: 'availability',
      message: `${domain}回避后的 ${f.afterConflicts} 名专家中仅 ${f.afterAvailability} 名在评审期内有空${want}`,
    };
  }
  if (f.afterExclusions < n) {
    return {
      reason: 'exclusion',
      message: `${domain}排除已拒绝或撤下的专家后仅有 ${f.afterExclusions} 名可选专家${want}`,
    };
  }
  if (f.withCapacity < n) {
    return {
      reason: 'cap',
      message: `${domain}的 ${f.afterExclusions} 名可选专家中仅 ${f.withCapacity} 名尚未达到任务上限${want}`,
    };
  }
  if (f.usableWithEmployerMix < n) {
    return {
      reason: 'employer_diversity',
      message: `${domain}同一单位至多 ${task.panelSize - 1} 名，可同时选用的专家仅 ${f.usableWithEmployerMix} 名${want}`,
    };
  }
  return {
    reason: 'competition',
    message: `${domain}的 ${f.withCapacity} 名可选专家的任务余量已被其他任务用尽（最大流证明无法多填），仍缺 ${missing} 名`,
  };
}
