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
  const { tasks, employerKey, employerCap, expertise, candidates, fixedOn } = model;
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
      const key = employerKey[a];
      if (key !== employerKey[b]) {
        const limit = employerCap[t].get(key);
        const same = chosen[t].filter((x) => employerKey[x] === key).length;
        if (limit !== undefined && same + 1 > limit) continue;
      }
      const better =
        best === undefined ||
        count > held.get(best)! ||
        (count === held.get(best)! && (load[a] < load[best] || (load[a] === load[best] && a < best)));
      if (better) best = a;
    }
    return best;
  }
}
