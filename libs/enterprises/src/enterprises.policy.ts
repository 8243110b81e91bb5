import type { Actor } from '@ff/core';
import { jurisdictionCovers } from '@ff/regions';

/**
 * Who may see an enterprise (and so its applications): its own users, recommenders whose
 * jurisdiction covers its region, and the province. Experts and admins see no enterprise data here.
 */
export function canSeeEnterprise(actor: Actor, enterprise: { id: string; regionCode: string }): boolean {
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
 * Owners edit their own record; the province edits any. Credit codes and counties only change by the province.
 * The role alone stands for the province: identity guarantees an official's jurisdiction is 330000 (jurisdictionFor).
 */
export function canEditEnterprise(actor: Actor, enterprise: { id: string }): boolean {
  return (actor.role === 'enterprise' && actor.enterpriseId === enterprise.id) || actor.role === 'official';
}
