import { MinHeap } from './min-heap';

/**
 * A flow network in typed arrays with Dinic's maximum flow and a primal-dual minimum-cost flow
 * (Dijkstra on reduced costs, then Dinic's blocking flows on the zero-reduced-cost arcs; see
 * Ahuja, Magnanti & Orlin, "Network Flows", ch. 9). Integer capacities and non-negative integer
 * arc costs. Every loop walks arcs in insertion order, so the same network gives the same flow.
 */
export class FlowNetwork {
  readonly nodeCount: number;
  private head: Int32Array;
  private next: Int32Array;
  to: Int32Array;
  cap: Int32Array;
  cost: Int32Array;
  private arcCount = 0;
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
    this.head = new Int32Array(nodeCount).fill(-1);
    const n = Math.max(2, arcCapacityHint * 2);
    this.next = new Int32Array(n);
    this.to = new Int32Array(n);
    this.cap = new Int32Array(n);
    this.cost = new Int32Array(n);
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
    if (cost < 0 || !Number.isInteger(cost)) throw new Error(`arc cost must be a non-negative integer: ${cost}`);
    if (this.arcCount + 2 > this.to.length) this.grow();
    const id = this.arcCount;
    this.link(id, u, v, capacity, cost);
    this.link(id + 1, v, u, 0, -cost);
    this.arcCount += 2;
    return id;
  }

  /** Flow on arc `id` (an even id returned by addArc). */
  flow(id: number): number {
    return this.cap[id + 1];
  }

  /** Sets an arc's capacity; its current flow must fit (callers only raise capacities or reset flows). */
  setCapacity(id: number, capacity: number): void {
    const flow = this.cap[id + 1];
    if (flow > capacity) throw new Error(`capacity ${capacity} below flow ${flow} on arc ${id}`);
    this.cap[id] = capacity - flow;
  }

  snapshot(): Int32Array {
    return this.cap.slice(0, this.arcCount);
  }

  restore(snapshot: Int32Array): void {
    this.cap.set(snapshot);
  }

  /** Dinic's maximum flow from the current flow; returns the flow added. */
  maxFlow(s: number, t: number): number {
    let added = 0;
    while (this.levels(s, t, false)) added += this.blockingFlow(s, t, false);
    return added;
  }

  /**
   * Minimum-cost maximum flow from zero flow: each phase finds shortest distances by Dijkstra on
   * reduced costs, raises the potentials, and saturates every shortest path at once.
   */
  minCostMaxFlow(s: number, t: number): { flow: number; cost: number; phases: number } {
    this.pi.fill(0);
    let flow = 0;
    let phases = 0;
    while (this.dijkstra(s, t)) {
      phases++;
      while (this.levels(s, t, true)) flow += this.blockingFlow(s, t, true);
    }
    let cost = 0;
    for (let e = 0; e < this.arcCount; e += 2) cost += this.cap[e + 1] * this.cost[e];
    return { flow, cost, phases };
  }

  private link(id: number, u: number, v: number, capacity: number, cost: number): void {
    this.to[id] = v;
    this.cap[id] = capacity;
    this.cost[id] = cost;
    this.next[id] = this.head[u];
    this.head[u] = id;
  }

  private grow(): void {
    const size = this.to.length * 2;
    const widen = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.next = widen(this.next);
    this.to = widen(this.to);
    this.cap = widen(this.cap);
    this.cost = widen(this.cost);
  }

  /** BFS levels over residual arcs (only zero-reduced-cost ones when `costed`); true if t is reached. */
  private levels(s: number, t: number, costed: boolean): boolean {
    const { level, queue, head, next, to, cap, cost, pi } = this;
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++];
      const lu = level[u] + 1;
      const pu = pi[u];
      for (let e = head[u]; e !== -1; e = next[e]) {
        const v = to[e];
        if (level[v] !== -1 || cap[e] <= 0 || (costed && cost[e] + pu !== pi[v])) continue;
        level[v] = lu;
        if (v === t) return true;
        queue[qt++] = v;
      }
    }
    return false;
  }

  /** Augments along level-increasing paths until none is left; iterative, so deep paths cannot overflow. */
  private blockingFlow(s: number, t: number, costed: boolean): number {
    const { level, iter, head, next, to, stack, cap, cost, pi } = this;
    iter.set(head);
    let total = 0;
    let depth = 0;
    let u = s;
    for (;;) {
      if (u === t) {
        let bottleneck = cap[stack[0]];
        for (let i = 1; i < depth; i++) if (cap[stack[i]] < bottleneck) bottleneck = cap[stack[i]];
        for (let i = 0; i < depth; i++) {
          cap[stack[i]] -= bottleneck;
          cap[stack[i] ^ 1] += bottleneck;
        }
        total += bottleneck;
        depth = 0;
        u = s;
        continue;
      }
      const want = level[u] + 1;
      const pu = pi[u];
      let e = iter[u];
      while (e !== -1) {
        const v = to[e];
        if (cap[e] > 0 && level[v] === want && (!costed || cost[e] + pu === pi[v])) break;
        e = next[e];
      }
      iter[u] = e;
      if (e !== -1) {
        stack[depth++] = e;
        u = to[e];
        continue;
      }
      if (u === s) return total;
      level[u] = -1; // dead end for the rest of this phase
      const back = stack[--depth];
      u = to[back ^ 1];
      iter[u] = next[iter[u]];
    }
  }

  /**
   * Shortest reduced-cost distances from s, stopped once t is settled; potentials then rise by
   * min(distance, distance to t), which keeps every residual reduced cost non-negative.
   */
  private dijkstra(s: number, t: number): boolean {
    const { nodeCount: n, head, next, to, cap, cost, pi, dist, done } = this;
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
      for (let e = head[u]; e !== -1; e = next[e]) {
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
