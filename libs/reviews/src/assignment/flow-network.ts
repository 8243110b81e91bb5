import { MinHeap } from './min-heap';

/**
 * A flow network in typed arrays with Dinic's maximum flow and a primal-dual minimum-cost flow
 * (Dijkstra on reduced costs, then Dinic's blocking flows on the zero-reduced-cost arcs; see
 * Ahuja, Magnanti & Orlin, "Network Flows", ch. 9). Integer capacities and non-negative integer
 * arc costs.
 *
 * Arcs are added first; the first query lays them out in compressed sparse rows — each node's
 * outgoing arcs (residual twins included) side by side in memory — so a scan of a node with
 * thousands of arcs reads consecutive memory instead of chasing a linked list. Within a node the
 * arcs keep the order of a linked list built by insertion (newest first), so the same network
 * always gives the same flow.
 */
export class FlowNetwork {
  readonly nodeCount: number;
  /** Arc ids are insertion ids: arc `id` (even) and its residual twin `id + 1`. */
  private arcCount = 0;
  private tail: Int32Array;
  private head: Int32Array;
  private capacityIn: Int32Array;
  private costIn: Int32Array;
  /** Compressed rows, built on first use: node u's arcs are positions start[u] … start[u + 1] − 1. */
  private frozen = false;
  private start = new Int32Array(0);
  private to = new Int32Array(0);
  private cap = new Int32Array(0);
  private cost = new Int32Array(0);
  /** Position of each position's residual twin. */
  private rev = new Int32Array(0);
  /** Position of each insertion id. */
  private pos = new Int32Array(0);
  private readonly level: Int32Array;
  private readonly iter: Int32Array;
  private readonly queue: Int32Array;
  private readonly stack: Int32Array;
  /** Node potentials of the primal-dual method: reduced cost = cost + pi[from] − pi[to]. */
  private readonly pi: Float64Array;
  private readonly dist: Float64Array;
  private readonly done: Uint8Array;
  private readonly heap = new MinHeap();

  constructor(nodeCount: number, arcCapacityHint = 16) {
    this.nodeCount = nodeCount;
    const n = Math.max(2, arcCapacityHint * 2);
    this.tail = new Int32Array(n);
    this.head = new Int32Array(n);
    this.capacityIn = new Int32Array(n);
    this.costIn = new Int32Array(n);
    this.level = new Int32Array(nodeCount);
    this.iter = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.stack = new Int32Array(nodeCount + 1);
    this.pi = new Float64Array(nodeCount);
    this.dist = new Float64Array(nodeCount);
    this.done = new Uint8Array(nodeCount);
  }

  /** Adds arc u→v (even id) and its residual twin v→u (odd id); returns the arc's id. */
  addArc(u: number, v: number, capacity: number, cost = 0): number {
    if (this.frozen) throw new Error('arcs must all be added before the first flow query');
    if (cost < 0 || !Number.isInteger(cost)) throw new Error(`arc cost must be a non-negative integer: ${cost}`);
    if (this.arcCount + 2 > this.tail.length) this.grow();
    const id = this.arcCount;
    this.tail[id] = u;
    this.head[id] = v;
    this.capacityIn[id] = capacity;
    this.costIn[id] = cost;
    this.tail[id + 1] = v;
    this.head[id + 1] = u;
    this.costIn[id + 1] = -cost;
    this.arcCount += 2;
    return id;
  }

  /** The cost of arc `id` as added. */
  arcCost(id: number): number {
    return this.costIn[id];
  }

  /** Flow on arc `id` (an even id returned by addArc). */
  flow(id: number): number {
    this.freeze();
    return this.cap[this.pos[id + 1]];
  }

  /** Sets an arc's capacity; its current flow must fit (callers only raise capacities or reset flows). */
  setCapacity(id: number, capacity: number): void {
    this.freeze();
    const flow = this.cap[this.pos[id + 1]];
    if (flow > capacity) throw new Error(`capacity ${capacity} below flow ${flow} on arc ${id}`);
    this.cap[this.pos[id]] = capacity - flow;
  }

  snapshot(): Int32Array {
    this.freeze();
    return this.cap.slice();
  }

  restore(snapshot: Int32Array): void {
    this.freeze();
    this.cap.set(snapshot);
  }

  /** Dinic's maximum flow from the current flow; returns the flow added. */
  maxFlow(s: number, t: number): number {
    this.freeze();
    let added = 0;
    while (this.levels(s, t, false)) added += this.blockingFlow(s, t, false);
    return added;
  }

  /**
   * Minimum-cost maximum flow from zero flow: each phase finds shortest distances by Dijkstra on
   * reduced costs, raises the potentials, and saturates every shortest path at once.
   */
  minCostMaxFlow(s: number, t: number): { flow: number; cost: number; phases: number } {
    this.freeze();
    this.pi.fill(0);
    let flow = 0;
    let phases = 0;
    while (this.dijkstra(s, t)) {
      phases++;
      while (this.levels(s, t, true)) flow += this.blockingFlow(s, t, true);
    }
    let cost = 0;
    for (let id = 0; id < this.arcCount; id += 2) cost += this.cap[this.pos[id + 1]] * this.costIn[id];
    return { flow, cost, phases };
  }

  private grow(): void {
    const size = this.tail.length * 2;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.tail = widen(this.tail);
    this.head = widen(this.head);
    this.capacityIn = widen(this.capacityIn);
    this.costIn = widen(this.costIn);
  }

  /** Lays the arcs out in compressed rows, newest first within each node. */
  private freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    const { nodeCount: n, arcCount: m, tail, head, capacityIn, costIn } = this;
    const start = new Int32Array(n + 1);
    for (let id = 0; id < m; id++) start[tail[id] + 1]++;
    for (let u = 0; u < n; u++) start[u + 1] += start[u];
    const fill = start.slice(0, n);
    const pos = new Int32Array(m);
    for (let id = m - 1; id >= 0; id--) pos[id] = fill[tail[id]]++;
    const to = new Int32Array(m);
    const cap = new Int32Array(m);
    const cost = new Int32Array(m);
    const rev = new Int32Array(m);
    for (let id = 0; id < m; id++) {
      const p = pos[id];
      to[p] = head[id];
      cap[p] = capacityIn[id];
      cost[p] = costIn[id];
      rev[p] = pos[id ^ 1];
    }
    Object.assign(this, { start, to, cap, cost, rev, pos });
  }

  /** BFS levels over residual arcs (only zero-reduced-cost ones when `costed`); true if t is reached. */
  private levels(s: number, t: number, costed: boolean): boolean {
    const { level, queue, start, to, cap, cost, pi } = this;
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++];
      const lu = level[u] + 1;
      const pu = pi[u];
      for (let e = start[u], end = start[u + 1]; e < end; e++) {
        if (cap[e] <= 0) continue;
        const v = to[e];
        if (level[v] !== -1 || (costed && cost[e] + pu !== pi[v])) continue;
        level[v] = lu;
        if (v === t) return true;
        queue[qt++] = v;
      }
    }
    return false;
  }

  /** Augments along level-increasing paths until none is left; iterative, so deep paths cannot overflow. */
  private blockingFlow(s: number, t: number, costed: boolean): number {
    const { level, iter, start, to, stack, cap, cost, rev, pi } = this;
    iter.set(start.subarray(0, this.nodeCount));
    let total = 0;
    let depth = 0;
    let u = s;
    for (;;) {
      if (u === t) {
        let bottleneck = cap[stack[0]];
        for (let i = 1; i < depth; i++) if (cap[stack[i]] < bottleneck) bottleneck = cap[stack[i]];
        for (let i = 0; i < depth; i++) {
          cap[stack[i]] -= bottleneck;
          cap[rev[stack[i]]] += bottleneck;
        }
        total += bottleneck;
        depth = 0;
        u = s;
        continue;
      }
      const want = level[u] + 1;
      const pu = pi[u];
      const end = start[u + 1];
      let e = iter[u];
      while (e < end) {
        if (cap[e] > 0) {
          const v = to[e];
          if (level[v] === want && (!costed || cost[e] + pu === pi[v])) break;
        }
        e++;
      }
      iter[u] = e;
      if (e < end) {
        stack[depth++] = e;
        u = to[e];
        continue;
      }
      if (u === s) return total;
      level[u] = -1; // dead end for the rest of this phase
      const back = stack[--depth];
      u = to[rev[back]];
      iter[u]++;
    }
  }

  /**
   * Shortest reduced-cost distances from s, stopped once t is settled; potentials then rise by
   * min(distance, distance to t), which keeps every residual reduced cost non-negative.
   */
  private dijkstra(s: number, t: number): boolean {
    const { nodeCount: n, start, to, cap, cost, pi, dist, done } = this;
    dist.fill(Infinity);
    done.fill(0);
    const heap = this.heap;
    heap.clear();
    dist[s] = 0;
    heap.push(0, s);
    let reached = Infinity;
    while (heap.size > 0) {
      const u = heap.popNode();
      if (done[u]) continue;
      done[u] = 1;
      if (u === t) {
        reached = dist[t];
        break;
      }
      const base = dist[u] + pi[u];
      for (let e = start[u], end = start[u + 1]; e < end; e++) {
        if (cap[e] <= 0) continue;
        const v = to[e];
        const d = base + cost[e] - pi[v];
        if (d < dist[v]) {
          dist[v] = d;
          heap.push(d, v);
        }
      }
    }
    if (reached === Infinity) return false;
    for (let v = 0; v < n; v++) pi[v] += done[v] ? dist[v] : reached;
    return true;
  }
}
