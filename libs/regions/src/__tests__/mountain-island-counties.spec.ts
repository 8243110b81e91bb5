import { MOUNTAIN_ISLAND_COUNTIES, findRegion } from '@ff/regions';

describe('山区海岛县 seed data', () => {
  it('lists the 26 山区县, each a current county under the name the region data gives it, with its source', () => {
    expect(MOUNTAIN_ISLAND_COUNTIES).toHaveLength(26);
    expect(new Set(MOUNTAIN_ISLAND_COUNTIES.map((c) => c.code)).size).toBe(26);
    for (const c of MOUNTAIN_ISLAND_COUNTIES) {
      expect(findRegion(c.code)).toMatchObject({ level: 'county', name: c.name });
      expect(c.source).toMatch(/^《.+》/);
    }
  });

  it('spreads them over the six cities the plan names (淳安 in 杭州, 温州 5, 金华 2, 衢州 6, 台州 3, 丽水 9)', () => {
    const perCity: Record<string, number> = {};
    for (const c of MOUNTAIN_ISLAND_COUNTIES)
      perCity[findRegion(c.code)!.parent!] = (perCity[findRegion(c.code)!.parent!] ?? 0) + 1;
    expect(perCity).toEqual({ '330100': 1, '330300': 5, '330700': 2, '330800': 6, '331000': 3, '331100': 9 });
  });
});
