import {
  cityOf,
  countiesWithin,
  findRegion,
  isZhejiangCityOrCounty,
  isZhejiangRegion,
  jurisdictionCovers,
  regionChain,
  validateRegionCode,
} from '../regions';
import { ZHEJIANG_PROVINCE_CODE, ZHEJIANG_REGIONS } from '../zhejiang-regions.data';

const CITIES: Record<string, string> = {
  '330100': '杭州市',
  '330200': '宁波市',
  '330300': '温州市',
  '330400': '嘉兴市',
  '330500': '湖州市',
  '330600': '绍兴市',
  '330700': '金华市',
  '330800': '衢州市',
  '330900': '舟山市',
  '331000': '台州市',
  '331100': '丽水市',
};

describe('Zhejiang region data', () => {
  const byLevel = (level: string) => ZHEJIANG_REGIONS.filter((r) => r.level === level);

  it('has exactly one province, 330000 浙江省, without a parent', () => {
    expect(byLevel('province')).toEqual([{ code: ZHEJIANG_PROVINCE_CODE, name: '浙江省', level: 'province' }]);
  });

  it('has the 11 prefecture-level cities under the province', () => {
    const cities = byLevel('city');
    expect(Object.fromEntries(cities.map((c) => [c.code, c.name]))).toEqual(CITIES);
    expect(cities.every((c) => c.parent === ZHEJIANG_PROVINCE_CODE)).toBe(true);
  });

  it('has the 90 current county-level divisions, each under a city sharing its code prefix', () => {
    const counties = byLevel('county');
    expect(counties).toHaveLength(90);
    for (const county of counties) {
      expect(CITIES[county.parent!]).toBeDefined();
      expect(county.code.slice(0, 4)).toBe(county.parent!.slice(0, 4));
    }
  });

  it('has unique, six-digit codes and non-empty names', () => {
    const codes = ZHEJIANG_REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^33\d{4}$/.test(c))).toBe(true);
    expect(ZHEJIANG_REGIONS.every((r) => r.name.length > 0)).toBe(true);
  });

  it("lists Hangzhou's divisions after the 2021 restructuring", () => {
    const hangzhou = ZHEJIANG_REGIONS.filter((r) => r.parent === '330100').map((r) => `${r.code} ${r.name}`);
    expect(hangzhou).toEqual([
      '330102 上城区',
      '330105 拱墅区',
      '330106 西湖区',
      '330108 滨江区',
      '330109 萧山区',
      '330110 余杭区',
      '330111 富阳区',
      '330112 临安区',
      '330113 临平区',
      '330114 钱塘区',
      '330122 桐庐县',
      '330127 淳安县',
      '330182 建德市',
    ]);
  });

  it('no longer has 下城区 or 江干区', () => {
    expect(findRegion('330103')).toBeUndefined();
    expect(findRegion('330104')).toBeUndefined();
    expect(ZHEJIANG_REGIONS.some((r) => r.name === '下城区' || r.name === '江干区')).toBe(false);
  });

  it.each([
    ['330383', '龙港市', '330300'],
    ['331083', '玉环市', '331000'],
    ['330604', '上虞区', '330600'],
    ['330213', '奉化区', '330200'],
    ['331127', '景宁畲族自治县', '331100'],
  ])('includes other recent or notable divisions: %s %s', (code, name, parent) => {
    expect(findRegion(code)).toEqual({ code, name, level: 'county', parent });
  });
});

describe('region lookups', () => {
  it('findRegion normalises input and returns undefined for unknown codes', () => {
    expect(findRegion('３３０１０６')?.name).toBe('西湖区');
    expect(findRegion(' 330106 ')?.name).toBe('西湖区');
    expect(findRegion('110101')).toBeUndefined();
    expect(findRegion('')).toBeUndefined();
  });

  it('isZhejiangRegion includes the province; isZhejiangCityOrCounty does not', () => {
    expect(isZhejiangRegion('330000')).toBe(true);
    expect(isZhejiangCityOrCounty('330000')).toBe(false);
    expect(isZhejiangCityOrCounty('330100')).toBe(true);
    expect(isZhejiangCityOrCounty('330106')).toBe(true);
    expect(isZhejiangRegion('110101')).toBe(false);
    expect(isZhejiangCityOrCounty('330103')).toBe(false);
  });

  it('cityOf returns the parent city, the city itself, or nothing for the province', () => {
    expect(cityOf('330782')?.name).toBe('金华市');
    expect(cityOf('330700')?.name).toBe('金华市');
    expect(cityOf('330000')).toBeUndefined();
    expect(cityOf('999999')).toBeUndefined();
  });

  it('regionChain goes from the province down', () => {
    expect(regionChain('330106').map((r) => r.name)).toEqual(['浙江省', '杭州市', '西湖区']);
    expect(regionChain('330100').map((r) => r.name)).toEqual(['浙江省', '杭州市']);
    expect(regionChain('330000').map((r) => r.name)).toEqual(['浙江省']);
    expect(regionChain('330103')).toEqual([]);
  });
});

describe('jurisdictionCovers', () => {
  it.each([
    ['330000', '330000', true],
    ['330000', '331100', true],
    ['330000', '331127', true],
    ['330100', '330100', true],
    ['330100', '330106', true],
    ['330100', '330182', true],
    ['330100', '330000', false],
    ['330100', '330203', false],
    ['330100', '331002', false],
    ['330106', '330106', true],
    ['330106', '330108', false],
    ['330106', '330100', false],
  ])('%s covers %s: %s', (jurisdiction, region, expected) => {
    expect(jurisdictionCovers(jurisdiction, region)).toBe(expected);
  });

  it('covers nothing that is not in the data, even with a matching prefix', () => {
    expect(jurisdictionCovers('330100', '330103')).toBe(false); // retired 下城区
    expect(jurisdictionCovers('330000', '339999')).toBe(false);
    expect(jurisdictionCovers('330000', '110101')).toBe(false);
    expect(jurisdictionCovers('110000', '110101')).toBe(false);
  });

  it('normalises both codes', () => {
    expect(jurisdictionCovers('３３０１００', ' 330106 ')).toBe(true);
  });
});

describe('validateRegionCode', () => {
  it('accepts and normalises a Zhejiang code', () => {
    expect(validateRegionCode(' ３３０１０６ ')).toEqual({
      ok: true,
      region: { code: '330106', name: '西湖区', level: 'county', parent: '330100' },
    });
    expect(validateRegionCode('330000')).toMatchObject({ ok: true, region: { level: 'province' } });
  });

  it.each(['', '33010', '3301066', '33010A', '33-106'])('requires six digits: "%s"', (input) => {
    expect(validateRegionCode(input)).toEqual({ ok: false, message: '行政区划代码应为6位数字' });
  });

  it('rejects codes outside Zhejiang', () => {
    expect(validateRegionCode('110101')).toEqual({ ok: false, message: '行政区划代码“110101”不在浙江省范围内' });
  });

  it('rejects retired or unknown Zhejiang codes with their own message', () => {
    expect(validateRegionCode('330103')).toEqual({
      ok: false,
      message: '行政区划代码“330103”不是浙江省现行的行政区划代码',
    });
  });

  it('restricts levels when asked', () => {
    expect(validateRegionCode('330106', { levels: ['county'] }).ok).toBe(true);
    expect(validateRegionCode('330100', { levels: ['county'] })).toEqual({
      ok: false,
      message: '行政区划代码“330100”（杭州市）为市级代码，此处应填写区县级代码',
    });
    expect(validateRegionCode('330000', { levels: ['city', 'county'] })).toEqual({
      ok: false,
      message: '行政区划代码“330000”（浙江省）为省级代码，此处应填写市级或区县级代码',
    });
  });
});

describe('countiesWithin', () => {
  it('does not restrict the province', () => {
    expect(countiesWithin('330000')).toBeNull();
  });

  it('lists a city’s counties, each of them covered by the city', () => {
    const hangzhou = countiesWithin('330100')!;
    expect(hangzhou).toContain('330106');
    expect(hangzhou).not.toContain('330100');
    expect(hangzhou.every((c) => jurisdictionCovers('330100', c) && findRegion(c)?.level === 'county')).toBe(true);
    expect(hangzhou).toEqual(ZHEJIANG_REGIONS.filter((r) => r.parent === '330100').map((r) => r.code));
  });

  it('gives a county itself', () => {
    expect(countiesWithin('330106')).toEqual(['330106']);
  });

  it.each(['', '110101', '330103', 'abc'])('gives nothing for “%s”, which is no Zhejiang jurisdiction', (code) => {
    expect(countiesWithin(code)).toEqual([]);
  });
});
