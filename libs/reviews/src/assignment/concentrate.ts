import { CandidateModel, employerGroupNodes } from './candidates';
import { FlowNetwork } from './flow-network';

/**
 * Concentration: fewer (application, expert) pairs at the same loads and the same expertise.
 *
 * A flow cannot price "one more application to read" (a fixed charge per pair), but it can when
 * the tasks it re-solves belong to distinct applications and everything else is held still: a
 * task of application A then costs its expert nothing when the expert already reviews another
 * task of A, and one new pair otherwise — exact. So the tasks are cut into blocks of at most one
 * task per application, and each block is re-solved by a minimum-cost flow in which every expert
 * keeps exactly as many of the block's tasks on primary, and on secondary, expertise as it had:
 * no load changes (nor the maximum load, nor its spread), the share on primary expertise does not
 * drop, each task keeps its number of experts, and the employer-mix rule holds through the same
 * task × employer nodes as the main network. The current assignment is one feasible answer, so a
 * block never adds pairs. Sweeps repeat with the blocks cut differently (block-coordinate
 * descent; at most `maxSweeps`, ending after two sweeps without a gain). Blocks, tasks and experts
 * are taken in a fixed order, so the result is deterministic. Mutates `chosen`; returns the pairs
 * removed.
 */
export function concentrate(model: CandidateModel, chosen: number[][], maxSweeps = 4): number {
  const { tasks, experts, candidates, fixedOn, employerKey, expertise } = model;
  const level = (t: number, x: number) => (expertise[x].get(tasks[t].domain) === 'primary' ? 0 : 1);
  const X = experts.length;
  const appIndex = new Map<string, number>();
  const app = Int32Array.from(tasks, (task) => {
    if (!appIndex.has(task.applicationId)) appIndex.set(task.applicationId, appIndex.size);
    return appIndex.get(task.applicationId)!;
  });
  // held[a * X + x]: tasks of application a expert x holds (fixed ones included).
  const held = new Int32Array(appIndex.size * X);
  tasks.forEach((_, t) => {
    for (const x of [...fixedOn[t], ...chosen[t]]) held[app[t] * X + x]++;
  });
  const byApplication: number[][] = Array.from({ length: appIndex.size }, () => []);
  tasks.forEach((_, t) => byApplication[app[t]].push(t));
  const widest = Math.max(0, ...byApplication.map((list) => list.length));

  let removed = 0;
  let idle = 0;
  for (let sweep = 0; sweep < maxSweeps && idle < 2; sweep++) {
    // Blocks of at most one task per application: the k-th task of each application (by domain)
    // in the first sweep, shifted by the application's index times the sweep in later ones, so
    // the blocks mix domains and an expert's work may move from one domain to another.
    const blocks: number[][] = Array.from({ length: widest }, () => []);
    byApplication.forEach((list, a) => list.forEach((t, k) => blocks[(k + a * sweep) % widest].push(t)));
    let gained = 0;
    for (const block of blocks) if (block.length) gained += resolveBlock(block);
    removed += gained;
    idle = gained === 0 ? idle + 1 : 0;
  }
  return removed;

  /** Re-solves one block's tasks with everything else fixed; returns the pairs it removed. */
  function resolveBlock(block: number[]): number {
    // Per expert and expertise level (primary 0, secondary 1): the block's tasks it holds.
    const units = new Int32Array(2 * X);
    for (const t of block) for (const x of chosen[t]) units[2 * x + level(t, x)]++;
    // A task's pair is new for x unless x holds another task of the application (not this one).
    const isNew = (t: number, x: number) => held[app[t] * X + x] - (chosen[t].includes(x) ? 1 : 0) === 0;
    const before = block.reduce((n, t) => n + chosen[t].filter((x) => isNew(t, x)).length, 0);
    if (before === 0) return 0;

    const expertNode = (t: number, x: number) => 2 + block.length + 2 * x + level(t, x);
    let nodeCount = 2 + block.length + 2 * X;
    const groupNodes = block.map((t) => employerGroupNodes(model, t, () => nodeCount++));
    const net = new FlowNetwork(nodeCount, block.length * 8 + X);
    let target = 0;
    const arcs = block.map((t, i) => {
      const taskNode = 2 + i;
      net.addArc(0, taskNode, chosen[t].length);
      target += chosen[t].length;
      for (const [k, node] of groupNodes[i]) net.addArc(taskNode, node, Math.max(0, model.employerCap[t].get(k)!));
      return candidates[t].map((x) =>
        net.addArc(groupNodes[i].get(employerKey[x]) ?? taskNode, expertNode(t, x), 1, isNew(t, x) ? 1 : 0),
      );
    });
    units.forEach((n, node) => {
      if (n > 0) net.addArc(2 + block.length + node, 1, n);
    });
    const { flow, cost } = net.minCostMaxFlow(0, 1);
    if (flow !== target || cost >= before) return 0;

    block.forEach((t, i) => {
      for (const x of chosen[t]) held[app[t] * X + x]--;
      chosen[t] = candidates[t].filter((_, j) => net.flow(arcs[i][j]) > 0);
      for (const x of chosen[t]) held[app[t] * X + x]++;
    });
    return before - cost;
  }
}
