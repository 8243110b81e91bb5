import type { Role } from '@ff/core';
import { RegionErrors, ZHEJIANG_PROVINCE_CODE, validateRegionCode } from '@ff/regions';
import { IdentityErrors } from '../identity.errors';

/**
 * The one rule tying a role to its jurisdiction (行政区划代码), applied wherever an account's role or
 * jurisdiction is set (creation, the admin's role change) and at every sign-in and request:
 * - recommenders act for a city or a county (属地推荐);
 * - officials are the province (省级主管部门), so their jurisdiction is always 330000 — a city or
 *   county authority is a recommender. Batches, enterprise registration anywhere and moving an
 *   enterprise between counties are province powers: the policies of those contexts check the
 *   `official` role alone and rely on this rule;
 * - enterprises, experts and admins have none.
 */
export const PROVINCE_CODE = ZHEJIANG_PROVINCE_CODE;

const REGION_ROLES: ReadonlySet<Role> = new Set(['recommender', 'official']);

/** The jurisdiction to store for `role`, or a 400 naming `regionCode`. Officials default to the province. */
export function jurisdictionFor(role: Role, input: string | null | undefined): string | null {
  if (role === 'official' && (input === undefined || input === null)) return PROVINCE_CODE;
  if (REGION_ROLES.has(role) !== (input !== undefined && input !== null)) {
    throw IdentityErrors.field('region_code_mismatch', 'regionCode', REGION_ROLES.has(role));
  }
  if (!input) return null;
  const result = validateRegionCode(input, role === 'recommender' ? { levels: ['county', 'city'] } : {});
  if (!result.ok) throw RegionErrors.field('invalid_region_code', 'regionCode', result.message);
  if (role === 'official' && result.region.code !== PROVINCE_CODE)
    throw IdentityErrors.field('official_not_provincial', 'regionCode', result.region.code);
  return result.region.code;
}

/** Whether a stored account satisfies the rule: a row written before it (or by hand) may not. */
export function holdsValidJurisdiction(account: { role: Role; regionCode: string | null }): boolean {
  return account.role !== 'official' || account.regionCode === PROVINCE_CODE;
}
