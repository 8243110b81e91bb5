import fc from 'fast-check';
import { FlowNetwork } from '../flow-network';

describe('FlowNetwork', () => {
  it('finds the maximum flow of a textbook network (CLRS fig. 26.1: 23)', () => {
    const net = new FlowNetwork(6, 2);
    const arcs: Array<[number, number, number]> = [
      [0, 1, 16],
      [0, 2, 13],
      [2, 1, 4],
      [1, 3, 12],
      [3, 2, 9],
      [2, 4, 14],
      [4, 3, 7],
      [3, 5, 20],
      [4, 5, 4],
    ];
    for (const [u, v, c] of arcs) net.addArc(u, v, c);
    expect(net.maxFlow(0, 5)).toBe(23);
    expect(net.maxFlow(0, 5)).toBe(0);
  });

  it('continues from the current flow when capacities rise, and snapshots restore a flow', () => {
    const net = new FlowNetwork(3);
    const a = net.addArc(0, 1, 5);
    const b = net.addArc(1, 2, 2);
    const empty = net.snapshot();
    expect(net.maxFlow(0, 2)).toBe(2);
    net.setCapacity(b, 4);
    expect(net.maxFlow(0, 2)).toBe(2);
    expect(net.flow(a)).toBe(4);
    expect(() => net.setCapacity(b, 3)).toThrow('below flow');
    net.restore(empty);
    expect(net.flow(a)).toBe(0);
  });

  it('refuses arcs added after the first query (the rows are laid out then)', () => {
    const net = new FlowNetwork(3);
    net.addArc(0, 1, 1);
    expect(net.maxFlow(0, 1)).toBe(1);
    expect(() => net.addArc(1, 2, 1)).toThrow('before the first flow query');
  });

  it('refuses negative or fractional costs', () => {
    expect(() => new FlowNetwork(2).addArc(0, 1, 1, -1)).toThrow();
    expect(() => new FlowNetwork(2).addArc(0, 1, 1, 0.5)).toThrow();
  });

  // Assignment problems small enough to enumerate: the min-cost max flow must match the best
  // matching found by brute force, in size first and cost second.
  it('matches brute force on random bipartite assignment problems', () => {
    const problem = fc.record({
      left: fc.integer({ min: 1, max: 4 }),
      right: fc.integer({ min: 1, max: 4 }),
      costs: fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { minLength: 16, maxLength: 16 }),
    });
    fc.assert(
      fc.property(problem, ({ left, right, costs }) => {
        const cost = (i: number, j: number) => costs[i * 4 + j];
        const net = new FlowNetwork(2 + left + right);
        for (let i = 0; i < left; i++) net.addArc(0, 2 + i, 1);
        for (let j = 0; j < right; j++) net.addArc(2 + left + j, 1, 1);
        for (let i = 0; i < left; i++) {
          for (let j = 0; j < right; j++) if (cost(i, j) !== null) net.addArc(2 + i, 2 + left + j, 1, cost(i, j)!);
        }
        const got = net.minCostMaxFlow(0, 1);
        let best = { size: 0, cost: 0 };
        const walk = (i: number, used: number, size: number, sum: number) => {
          if (i === left) {
            if (size > best.size || (size === best.size && sum < best.cost)) best = { size, cost: sum };
            return;
          }
          walk(i + 1, used, size, sum);
          for (let j = 0; j < right; j++) {
            const c = cost(i, j);
            if (c !== null && !(used & (1 << j))) walk(i + 1, used | (1 << j), size + 1, sum + c);
          }
        };
        walk(0, 0, 0, 0);
        expect({ size: got.flow, cost: got.cost }).toEqual(best);
      }),
      { numRuns: 300 },
    );
  });
});
