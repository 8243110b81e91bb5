import type { Actor } from '@ff/core';
import { SQL_ALL, SQL_NOTHING, type SqlCondition, visibilityPolicy } from '@ff/database';
import { countiesWithin, jurisdictionCovers } from '@ff/regions';

export interface EnterpriseScope {
  id: string;
  /** The enterprise's county code. */
  regionCode: string;
}

/**
 * Who may see an enterprise (and so its applications): its own users, recommenders whose
 * jurisdiction covers its region, and the province. Experts and admins see no enterprise data here.
 */
export function canSeeEnterprise(actor: Actor, enterprise: EnterpriseScope): boolean {
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId === enterprise.id;
    case 'recommender':
    case 'official':
      return !!actor.regionCode && jurisdictionCovers(actor.regionCode, enterprise.regionCode);
    default:
      return false;
  }
}

/**
 * `canSeeEnterprise` as a condition on the enterprises table aliased `e`. A jurisdiction becomes the
 * exact list of counties it covers (not a string prefix); the province adds no condition. Agrees with
 * the predicate for every enterprise in a current county — the only region an enterprise is given.
 */
export function enterpriseVisibleSql(actor: Actor): SqlCondition {
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId
        ? { sql: 'e.id = :visibleEnterprise', params: { visibleEnterprise: actor.enterpriseId } }
        : SQL_NOTHING;
    case 'recommender':
    case 'official':
      return jurisdictionSql(actor.regionCode ?? '', 'visibleCounties');
    default:
      return SQL_NOTHING;
  }
}

/**
 * A jurisdiction (or a region filter) as a condition on `e.region_code`: the counties it covers,
 * nothing for an unknown code, no condition for the province.
 */
export function jurisdictionSql(jurisdictionCode: string, param: string): SqlCondition {
  const counties = countiesWithin(jurisdictionCode);
  if (counties === null) return SQL_ALL;
  if (!counties.length) return SQL_NOTHING;
  return { sql: `e.region_code IN (:...${param})`, params: { [param]: counties } };
}

export const enterpriseVisibility = visibilityPolicy<EnterpriseScope>(canSeeEnterprise, enterpriseVisibleSql, {
  from: 'enterprises e',
  id: 'e.id',
});

/**
 * Owners edit their own record; the province edits any. Credit codes and counties only change by the province.
 * The role alone stands for the province: identity guarantees an official's jurisdiction is 330000 (jurisdictionFor).
 */
export function canEditEnterprise(actor: Actor, enterprise: { id: string }): boolean {
  return (actor.role === 'enterprise' && actor.enterpriseId === enterprise.id) || actor.role === 'official';
}
