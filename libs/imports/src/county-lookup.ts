import { normalizeText } from '@ff/core';
import { type Region, ZHEJIANG_REGIONS, validateRegionCode } from '@ff/regions';

const byName = new Map<string, Region[]>();
for (const r of ZHEJIANG_REGIONS.filter((x) => x.level === 'county')) {
  const city = ZHEJIANG_REGIONS.find((c) => c.code === r.parent)!;
  for (const key of [r.name, `${city.name}${r.name}`, `浙江省${city.name}${r.name}`]) {
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
}

export type CountyResult = { ok: true; code: string } | { ok: false; message: string };

/**
 * A county of Zhejiang named by its 6-digit code or its name (`西湖区`, `杭州市西湖区`), full-width
 * characters and spaces normalised. A name two cities share must be given with its city.
 */
export function resolveCounty(input: string): CountyResult {
  const text = normalizeText(input).replace(/\s+/g, '');
  if (/^\d+$/.test(text)) {
    const r = validateRegionCode(text, { levels: ['county'] });
    return r.ok ? { ok: true, code: r.region.code } : { ok: false, message: r.message };
  }
  const found = byName.get(text) ?? [];
  if (found.length === 1) return { ok: true, code: found[0].code };
  if (found.length > 1)
    return {
      ok: false,
      message: `区县名称“${text}”在浙江省内不唯一，请写明所属设区市（如“杭州市${text}”）或填写行政区划代码`,
    };
  return { ok: false, message: `“${text}”不是浙江省的区县名称或行政区划代码` };
}

/** `杭州市西湖区` for the template's dropdown: unique and what `resolveCounty` reads back. */
export const countyOptions = (): string[] =>
  ZHEJIANG_REGIONS.filter((r) => r.level === 'county').map(
    (r) => `${ZHEJIANG_REGIONS.find((c) => c.code === r.parent)!.name}${r.name}`,
  );
