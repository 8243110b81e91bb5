import type { ErrorDetail } from '@ff/core';
import { validateCreditCode } from '@ff/enterprises';
import { findRegion } from '@ff/regions';
import { getRuleSet } from '@ff/rules';
import type { DeclaredRelationship, ExpertiseEntry, UnavailablePeriod } from './entities/expert.entity';

/**
 * The checks an expert profile must pass beyond its shape, shared by the HTTP routes and the
 * spreadsheet import (which reports them per row): catalog domain codes, 统一社会信用代码,
 * Zhejiang region codes and date ranges. Pure; returns the normalised values and the errors.
 */
const detail = (field: string, code: string, message: string): ErrorDetail => ({ field, code, message });

export function checkExpertise(list: ExpertiseEntry[], field = 'expertise'): ErrorDetail[] {
  const domains = new Map(getRuleSet().domains.map((d) => [d.code, d.name]));
  const errors: ErrorDetail[] = [];
  if (list.length === 0) errors.push(detail(field, 'expertise_required', '擅长能力域至少填写一个'));
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (!domains.has(e.domain))
      errors.push(detail(`${field}[${i}].domain`, 'unknown_domain', `能力域代码“${e.domain}”不在规则库目录中`));
    else if (seen.has(e.domain))
      errors.push(detail(`${field}[${i}].domain`, 'duplicate_domain', `能力域“${domains.get(e.domain)}”重复填写`));
    seen.add(e.domain);
  });
  return errors;
}

export function checkCreditCode(
  value: string | null | undefined,
  field: string,
): { code: string | null; errors: ErrorDetail[] } {
  if (value === undefined || value === null || value === '') return { code: null, errors: [] };
  const r = validateCreditCode(value);
  return r.ok
    ? { code: r.code, errors: [] }
    : { code: null, errors: [detail(field, 'invalid_credit_code', r.message)] };
}

export function checkRegion(value: string, field = 'regionCode'): ErrorDetail[] {
  const level = findRegion(value)?.level;
  return level === 'city' || level === 'county'
    ? []
    : [detail(field, 'invalid_region_code', `行政区划代码“${value}”不是浙江省现行的市级或区县级代码`)];
}

const validDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export function checkPeriods(list: UnavailablePeriod[], field = 'unavailable'): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  list.forEach((p, i) => {
    if (!validDate(p.from) || !validDate(p.to))
      errors.push(detail(`${field}[${i}]`, 'invalid_date', `第 ${i + 1} 个时段的日期不存在`));
    else if (p.from > p.to)
      errors.push(detail(`${field}[${i}].to`, 'invalid_period', `第 ${i + 1} 个时段的结束日期早于起始日期`));
  });
  return errors;
}

export function checkRelationships(
  list: DeclaredRelationship[],
  field = 'relationships',
): { value: DeclaredRelationship[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const value = list.map((r, i) => {
    const cc = checkCreditCode(r.creditCode, `${field}[${i}].creditCode`);
    errors.push(...cc.errors);
    if ((r.from && !validDate(r.from)) || (r.to && !validDate(r.to)))
      errors.push(detail(`${field}[${i}]`, 'invalid_date', `第 ${i + 1} 项利害关系的日期不存在`));
    else if (r.from && r.to && r.from > r.to)
      errors.push(detail(`${field}[${i}].to`, 'invalid_period', `第 ${i + 1} 项利害关系的结束日期早于起始日期`));
    return { ...r, creditCode: cc.code ?? r.creditCode, from: r.from ?? null, to: r.to ?? null };
  });
  return { value, errors };
}
