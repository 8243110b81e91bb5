import { buildCandidateModel, CandidateModel, employerGroupNodes } from './candidates';
import { concentrate } from './concentrate';
import { consolidate, exchange } from './consolidate';
import { explainResult } from './explain';
import { FlowNetwork } from './flow-network';
import { AssignmentInput, AssignmentResult } from './types';

/**
 * Expert assignment as one minimum-cost flow, in three steps:
 *   1. the lowest maximum load: binary search over the load levels (load / cap) the experts can
 *      reach, each level checked by a maximum flow that must still fill as many slots as full caps
 *      allow — which also proves that level is a lower bound for every possible assignment;
 *   2. at that level, the minimum-cost maximum flow: secondary expertise costs more, a second domain
 *      of the same application costs less, and each further unit of an expert's load costs more;
 *   3. consolidation: a lone task of an application moves to an expert already reviewing that
 *      application when constraints and the proven load level allow (see consolidate.ts); then
 *      concentration re-solves blocks of tasks at fixed loads for fewer (application, expert)
 *      pairs (see concentrate.ts).
 * Network: source → task (slots left) → [task × employer, at most panelSize − 1] → expert (one per
 * task) → sink (one arc per load step, convex costs).
 */
const SCALE = 2; // integer arc costs: few distinct path lengths keep the primal-dual phases few

interface SinkStep {
  arc: number;
  first: number;
  last: number;
}

interface BuiltNetwork {
  net: FlowNetwork;
  source: number;
  sink: number;
  /** Per task, per candidate (same order as model.candidates[t]): the arc into the expert. */
  pairArcs: Int32Array[];
  sinkSteps: SinkStep[][];
}

function pairCosts(model: CandidateModel): Int32Array[] {
  const { tasks, experts, candidates, expertise, weights } = model;
  // Per task and candidate: how many tasks of the same application that expert could take.
  const sharing = candidates.map((list) => new Int32Array(list.length));
  const count = new Int32Array(experts.length);
  for (const group of tasksByApplication(model)) {
    for (const t of group) for (const x of candidates[t]) count[x]++;
    for (const t of group) candidates[t].forEach((x, j) => (sharing[t][j] = count[x]));
    for (const t of group) for (const x of candidates[t]) count[x] = 0;
  }
  return candidates.map((list, t) =>
    Int32Array.from(list, (x, j) => {
      const secondary = expertise[x].get(tasks[t].domain) === 'secondary' ? weights.secondaryExpertise : 0;
      // The fixed charge of a new (application, expert) pair, spread over the tasks it could share.
      return SCALE * secondary + Math.round((SCALE * weights.newApplication) / sharing[t][j]);
    }),
  );
}

/** Task indexes grouped by application, in order of first appearance. */
export function tasksByApplication(model: Pick<CandidateModel, 'tasks'>): number[][] {
  const groups = new Map<string, number[]>();
  model.tasks.forEach((task, t) => {
    const group = groups.get(task.applicationId);
    if (group) group.push(t);
    else groups.set(task.applicationId, [t]);
  });
  return [...groups.values()];
}

function buildNetwork(model: CandidateModel): BuiltNetwork {
  const { tasks, experts, candidates, employerKey, employerCap, need, base, capLeft, weights } = model;
  const source = 0;
  const sink = 1;
  const expertNode = (x: number) => 2 + tasks.length + x;
  let nodeCount = 2 + tasks.length + experts.length;
  // A task × employer node only where that employer has more candidates than it may place.
  const groupNodes = candidates.map((_, t) => employerGroupNodes(model, t, () => nodeCount++));
  const arcs = tasks.length + candidates.reduce((n, l) => n + l.length, 0) + nodeCount + experts.length * 16;
  const net = new FlowNetwork(nodeCount, arcs);
  const costs = pairCosts(model);
  const pairArcs = candidates.map((list, t) => {
    const taskNode = 2 + t;
    net.addArc(source, taskNode, need[t]);
    for (const [k, node] of groupNodes[t]) net.addArc(taskNode, node, Math.max(0, employerCap[t].get(k)!));
    return Int32Array.from(list, (x, j) => {
      const from = groupNodes[t].get(employerKey[x]) ?? taskNode;
      return net.addArc(from, expertNode(x), 1, costs[t][j]);
    });
  });
  const sinkSteps = experts.map((e, x) => {
    const steps: SinkStep[] = [];
    for (let u = 1; u <= capLeft[x]; u++) {
      const cost = Math.round((SCALE * weights.loadSpread * (base[x] + u)) / e.cap);
      const last = steps[steps.length - 1];
      if (last && net.arcCost(last.arc) === cost) last.last = u;
      else steps.push({ arc: net.addArc(expertNode(x), sink, 0, cost), first: u, last: u });
    }
    return steps;
  });
  return { net, source, sink, pairArcs, sinkSteps };
}

/** A load level num / den (load over cap), compared exactly. */
interface Level {
  num: number;
  den: number;
}
const compareLevels = (a: Level, b: Level) => a.num * b.den - b.num * a.den;

/** Every load ratio an expert that has candidates can reach, ascending, without duplicates. */
function loadLevels(model: CandidateModel): Level[] {
  const used = new Uint8Array(model.experts.length);
  for (const list of model.candidates) for (const x of list) used[x] = 1;
  const levels: Level[] = [];
  model.experts.forEach((e, x) => {
    if (!used[x]) return;
    for (let u = 1; u <= model.capLeft[x]; u++) levels.push({ num: model.base[x] + u, den: e.cap });
  });
  levels.sort((a, b) => compareLevels(a, b) || a.den - b.den);
  return levels.filter((l, i) => i === 0 || compareLevels(levels[i - 1], l) !== 0);
}

/** Each expert's load before this assignment, as a level. */
const baseLevels = (model: CandidateModel): Level[] =>
  model.experts.flatMap((e, x) => (e.cap > 0 ? [{ num: model.base[x], den: e.cap }] : []));

/** Per expert: further units that keep its load within `level` (all it has left when null). */
function allowedUnits(model: CandidateModel, level: Level | null): Int32Array {
  return Int32Array.from(model.experts, (e, x) =>
    level === null
      ? model.capLeft[x]
      : Math.min(model.capLeft[x], Math.floor((level.num * e.cap) / level.den) - model.base[x]),
  );
}

/** Opens each expert's sink steps up to the units that keep its load within `level` (all units when null). */
function applyLevel(model: CandidateModel, built: BuiltNetwork, level: Level | null): void {
  const units = allowedUnits(model, level);
  built.sinkSteps.forEach((steps, x) => {
    const allowed = units[x];
    for (const s of steps)
      built.net.setCapacity(s.arc, Math.max(0, Math.min(allowed - s.first + 1, s.last - s.first + 1)));
  });
}

/**
 * The lowest level at which a maximum flow still fills `target` slots. The search keeps the flow
 * of the highest level known to fall short: raising capacities never invalidates a flow, so each
 * check only augments from there.
 */
function lowestFeasibleLevel(model: CandidateModel, built: BuiltNetwork, zero: Int32Array, target: number) {
  const levels = loadLevels(model);
  let lo = -1;
  let hi = levels.length - 1;
  let below = zero;
  let belowFlow = 0;
  let checks = 0;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    built.net.restore(below);
    applyLevel(model, built, levels[mid]);
    checks++;
    const flow = belowFlow + built.net.maxFlow(built.source, built.sink);
    if (flow >= target) hi = mid;
    else {
      lo = mid;
      below = built.net.snapshot();
      belowFlow = flow;
    }
  }
  return { level: levels[hi], checks };
}

export function solveAssignment(input: AssignmentInput): AssignmentResult {
  const model = buildCandidateModel(input);
  const built = buildNetwork(model);
  const { net, source, sink } = built;
  const zero = net.snapshot();
  applyLevel(model, built, null);
  const maxFillable = net.maxFlow(source, sink);
  let checks = 1;
  let level: Level | null = null;
  if (maxFillable > 0) {
    const found = lowestFeasibleLevel(model, built, zero, maxFillable);
    // Loads already above the lowest level (current work, fixed assignments) set the maximum
    // anyway: the rest may use that headroom for expertise, concentration and spread.
    level = [found.level, ...baseLevels(model)].reduce((a, b) => (compareLevels(b, a) > 0 ? b : a));
    checks += found.checks;
  }
  net.restore(zero);
  applyLevel(model, built, level);
  const { flow } = net.minCostMaxFlow(source, sink);
  if (flow !== maxFillable) throw new Error(`min-cost flow ${flow} differs from maximum flow ${maxFillable}`);
  const chosen = model.candidates.map((list, t) => list.filter((_, j) => net.flow(built.pairArcs[t][j]) > 0));
  consolidate(model, chosen, allowedUnits(model, level));
  // Block re-solves keep each expert's work per block; pairwise exchanges then move work across
  // blocks where an expert was left with one task of an application. Both only remove pairs.
  concentrate(model, chosen);
  exchange(model, chosen);
  return explainResult(model, chosen, {
    maxFillable,
    level: level ? level.num / level.den : 0,
    feasibilityChecks: checks,
  });
}
