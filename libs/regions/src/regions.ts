// Lookups over the Zhejiang GB/T 2260 data. Containment follows the data's parent links, so a
// code that merely shares a prefix (e.g. a retired 330103 下城区) is not covered by anything.
import { normalizeCode } from '@ff/core';
import { type Region, type RegionLevel, ZHEJIANG_PROVINCE_CODE, ZHEJIANG_REGIONS } from './zhejiang-regions.data';

const BY_CODE: ReadonlyMap<string, Region> = new Map(ZHEJIANG_REGIONS.map((r) => [r.code, r]));

const LEVEL_NAMES: Record<RegionLevel, string> = { province: '省级', city: '市级', county: '区县级' };

export type RegionCodeResult = { ok: true; region: Region } | { ok: false; message: string };

/** Input is normalised (full-width digits, spaces). Undefined for anything not in the data. */
export function findRegion(code: string): Region | undefined {
  return BY_CODE.get(normalizeCode(code));
}

/** Any known Zhejiang code, the province 330000 included. */
export function isZhejiangRegion(code: string): boolean {
  return findRegion(code) !== undefined;
}

/** A known prefecture-level city or county-level division; the province itself is excluded. */
export function isZhejiangCityOrCounty(code: string): boolean {
  const level = findRegion(code)?.level;
  return level === 'city' || level === 'county';
}

/** The city a city or county belongs to (a city is its own city); undefined for the province. */
export function cityOf(code: string): Region | undefined {
  return regionChain(code).find((r) => r.level === 'city');
}

/** The city's and the county's names of a region code, as spreadsheets print them ('' where there is none). */
export function cityAndCountyNames(code: string): { cityName: string; countyName: string } {
  const county = findRegion(code);
  const city = cityOf(code);
  return { cityName: city?.name ?? '', countyName: county && county.code !== city?.code ? county.name : '' };
}

/** [province, city, county?] from the top down; empty for unknown codes. */
export function regionChain(code: string): Region[] {
  const chain: Region[] = [];
  for (let r = findRegion(code); r; r = r.parent ? BY_CODE.get(r.parent) : undefined) {
    chain.unshift(r);
  }
  return chain;
}

/** Whether a province/city/county jurisdiction contains the region (a region covers itself). */
export function jurisdictionCovers(jurisdictionCode: string, regionCode: string): boolean {
  const jurisdiction = findRegion(jurisdictionCode);
  return jurisdiction !== undefined && regionChain(regionCode).some((r) => r.code === jurisdiction.code);
}

/**
 * The county codes a jurisdiction covers, for restricting lists: null means no restriction (the
 * province), an empty list means nothing (an unknown code). Computed from the region data, so it
 * agrees with `jurisdictionCovers`.
 */
export function countiesWithin(jurisdictionCode: string): string[] | null {
  const region = findRegion(jurisdictionCode);
  if (!region) return [];
  if (region.level === 'province') return null;
  return ZHEJIANG_REGIONS.filter((r) => r.level === 'county' && jurisdictionCovers(region.code, r.code)).map(
    (r) => r.code,
  );
}

/**
 * Validates user input as a current Zhejiang code. `levels` restricts which levels are accepted,
 * e.g. an enterprise's location must be a county while a reviewer's jurisdiction may be any level.
 */
export function validateRegionCode(input: string, options: { levels?: readonly RegionLevel[] } = {}): RegionCodeResult {
  const code = normalizeCode(input);
  if (!/^\d{6}$/.test(code)) {
    return { ok: false, message: '行政区划代码应为6位数字' };
  }
  const region = BY_CODE.get(code);
  if (!region) {
    const message = code.startsWith(ZHEJIANG_PROVINCE_CODE.slice(0, 2))
      ? `行政区划代码“${code}”不是浙江省现行的行政区划代码`
      : `行政区划代码“${code}”不在浙江省范围内`;
    return { ok: false, message };
  }
  if (options.levels && !options.levels.includes(region.level)) {
    const wanted = options.levels.map((l) => LEVEL_NAMES[l]).join('或');
    return {
      ok: false,
      message: `行政区划代码“${code}”（${region.name}）为${LEVEL_NAMES[region.level]}代码，此处应填写${wanted}代码`,
    };
  }
  return { ok: true, region };
}
