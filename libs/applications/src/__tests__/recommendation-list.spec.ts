import { assertWithinQuota, moveTo } from '../recommendation-list';

describe('ranked lists', () => {
  const list = ['a', 'b', 'c', 'd'];

  it.each([
    [1, ['c', 'a', 'b', 'd']],
    [2, ['a', 'c', 'b', 'd']],
    [3, ['a', 'b', 'c', 'd']],
    [4, ['a', 'b', 'd', 'c']],
  ])('moves an item to rank %i, the others keeping their order', (rank, expected) => {
    expect(moveTo(list, 'c', rank)).toEqual(expected);
  });

  it('clamps a rank beyond either end, and places a new item', () => {
    expect(moveTo(list, 'a', 99)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveTo(list, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(['a', 'b'], 'n', 2)).toEqual(['a', 'n', 'b']);
  });

  it('refuses beyond the quota, naming it and the count; no quota means no limit', () => {
    expect(() => assertWithinQuota(2, 1, '杭州市', '未来工厂')).not.toThrow();
    expect(() => assertWithinQuota(null, 500, '杭州市', '未来工厂')).not.toThrow();
    expect(() => assertWithinQuota(2, 2, '杭州市', '未来工厂')).toThrow(
      '杭州市“未来工厂”的推荐名额为2个，当前已推荐2个，不能再推荐；可先撤回或调整已有推荐',
    );
  });
});
