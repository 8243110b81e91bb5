import { CandidateModel } from './candidates';

/**
 * After the flow: hand a task held by an expert who has no other task of that application to an
 * expert who already reviews that application. A flow cannot price "one more application to read"
 * exactly (a fixed charge), so this pass finishes the job. Each move keeps every hard constraint,
 * the load within the level the search proved (`allowed`), and primary expertise where it was, and
 * removes one (application, expert) pair, so the pass ends. Moves are tried in task and expert
 * order, so the result stays deterministic. Mutates `chosen`; returns the number of moves.
 */
export function consolidate(model: CandidateModel, chosen: number[][], allowed: Int32Array): number {
  const { tasks, expertise, candidates, fixedOn } = model;
  const load = new Int32Array(model.experts.length);
  for (const list of chosen) for (const x of list) load[x]++;
  const byApplication = new Map<string, number[]>();
  tasks.forEach((task, t) =>
    byApplication.set(task.applicationId, [...(byApplication.get(task.applicationId) ?? []), t]),
  );

  let moves = 0;
  for (const taskIndexes of byApplication.values()) {
    const held = new Map<number, number>();
    for (const t of taskIndexes) for (const x of [...fixedOn[t], ...chosen[t]]) held.set(x, (held.get(x) ?? 0) + 1);
    for (let changed = true; changed;) {
      changed = false;
      for (const t of taskIndexes) {
        for (const b of [...chosen[t]]) {
          if (held.get(b) !== 1) continue;
          const a = partner(t, b, held);
          if (a === undefined) continue;
          chosen[t] = chosen[t].map((x) => (x === b ? a : x)).sort((p, q) => p - q);
          load[a]++;
          load[b]--;
          held.set(a, held.get(a)! + 1);
          held.delete(b);
          moves++;
          changed = true;
        }
      }
    }
  }
  return moves;

  function partner(t: number, b: number, held: Map<number, number>): number | undefined {
    const domain = tasks[t].domain;
    const keepPrimary = expertise[b].get(domain) === 'primary';
    let best: number | undefined;
    for (const [a, count] of held) {
      if (a === b || chosen[t].includes(a) || fixedOn[t].includes(a) || load[a] >= allowed[a]) continue;
      if (!candidates[t].includes(a) || (keepPrimary && expertise[a].get(domain) !== 'primary')) continue;
      if (!employerMixAllows(model, chosen[t], t, a, b)) continue;
      const better =
        best === undefined ||
        count > held.get(best)! ||
        (count === held.get(best)! && (load[a] < load[best] || (load[a] === load[best] && a < best)));
      if (better) best = a;
    }
    return best;
  }
}

/** Whether `incoming` may replace `outgoing` on task t under the employer-mix rule. */
function employerMixAllows(model: CandidateModel, onTask: number[], t: number, incoming: number, outgoing: number) {
  const key = model.employerKey[incoming];
  if (key === model.employerKey[outgoing]) return true;
  const limit = model.employerCap[t].get(key);
  return limit === undefined || onTask.filter((x) => model.employerKey[x] === key).length + 1 <= limit;
}

/**
 * Pairwise exchange at equal loads, for when no expert has room left to take a lone task
 * (consolidation's case): expert b holds task t as its only task of application A; expert a
 * already reviews A and could take t; a hands b one of its own tasks t′ of another application C
 * that b could take. Both loads stay as they were — the maximum load and the spread do not move —
 * and the exchange is made only when it removes (application, expert) pairs: b leaves A, and
 * either a leaves C (t′ was its only task there) or b already reviews C. Every hard constraint and
 * primary expertise on both tasks are kept; fixed assignments never move. Each exchange removes at
 * least one pair, so the pass ends; tasks, experts and a's tasks are tried in a fixed order, so the
 * result is deterministic. Mutates `chosen`; returns the number of exchanges.
 */
export function exchange(model: CandidateModel, chosen: number[][]): number {
  const { tasks, experts, expertise, candidates, fixedOn } = model;
  const X = experts.length;
  const groups = new Map<string, number>();
  const app = Int32Array.from(tasks, (task) => {
    if (!groups.has(task.applicationId)) groups.set(task.applicationId, groups.size);
    return groups.get(task.applicationId)!;
  });
  const isCandidate = new Uint8Array(tasks.length * X);
  candidates.forEach((list, t) => list.forEach((x) => (isCandidate[t * X + x] = 1)));
  const held = Array.from({ length: groups.size }, () => new Map<number, number>());
  const bump = (a: number, x: number, by: number) => {
    const n = (held[a].get(x) ?? 0) + by;
    if (n) held[a].set(x, n);
    else held[a].delete(x);
  };
  const owned = Array.from({ length: X }, () => new Set<number>());
  tasks.forEach((_, t) => {
    for (const x of fixedOn[t]) bump(app[t], x, 1);
    for (const x of chosen[t]) {
      bump(app[t], x, 1);
      owned[x].add(t);
    }
  });
  const on = (t: number, x: number) => chosen[t].includes(x) || fixedOn[t].includes(x);
  const primary = (t: number, x: number) => expertise[x].get(tasks[t].domain) === 'primary';
  // x may replace y on t: a candidate, not on it already, expertise not downgraded, employer mix kept.
  const canReplace = (t: number, x: number, y: number) =>
    isCandidate[t * X + x] === 1 &&
    !on(t, x) &&
    (!primary(t, y) || primary(t, x)) &&
    employerMixAllows(model, chosen[t], t, x, y);
  const move = (t: number, from: number, to: number) => {
    chosen[t] = chosen[t].map((x) => (x === from ? to : x)).sort((p, q) => p - q);
    owned[from].delete(t);
    owned[to].add(t);
    bump(app[t], from, -1);
    bump(app[t], to, 1);
  };

  let exchanges = 0;
  for (let changed = true; changed;) {
    changed = false;
    for (let t = 0; t < tasks.length; t++) {
      for (const b of [...chosen[t]]) {
        const A = app[t];
        if (held[A].get(b) !== 1) continue;
        const partners = [...held[A].keys()].sort((p, q) => p - q);
        found: for (const a of partners) {
          if (a === b || !canReplace(t, a, b)) continue;
          for (const t2 of owned[a]) {
            const C = app[t2];
            if (C === A || isCandidate[t2 * X + b] !== 1) continue;
            if (held[C].get(a) !== 1 && !held[C].has(b)) continue;
            if (!canReplace(t2, b, a)) continue;
            move(t, b, a);
            move(t2, a, b);
            exchanges++;
            changed = true;
            break found;
          }
        }
      }
    }
  }
  return exchanges;
}
