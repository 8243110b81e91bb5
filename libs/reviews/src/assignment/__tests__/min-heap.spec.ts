import fc from 'fast-check';
import { MinHeap } from '../min-heap';

describe('MinHeap', () => {
  it('pops by key, then by node id, and grows past its first allocation', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.nat(5000)), { maxLength: 3000 }), (entries) => {
        const heap = new MinHeap();
        for (const [key, node] of entries) heap.push(key, node);
        const expected = [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, node]) => node);
        const popped: number[] = [];
        while (heap.size > 0) popped.push(heap.popNode());
        expect(popped).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('clear empties it for reuse', () => {
    const heap = new MinHeap();
    heap.push(3, 1);
    heap.clear();
    heap.push(5, 2);
    expect([heap.size, heap.popNode(), heap.size]).toEqual([1, 2, 0]);
  });
});
