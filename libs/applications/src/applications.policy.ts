/**
 * Who may see and act on an application: pure functions over the actor and the application's
 * enterprise (ownership for enterprises, jurisdiction for recommenders, the province for officials).
 * Experts see nothing here yet (their access comes with review assignments); admins manage users only.
 */
import type { Actor } from '@ff/core';
import { ZHEJIANG_REGIONS, canSeeEnterprise, findRegion, jurisdictionCovers } from '@ff/enterprises';
import type { TransitionFirer } from './application.state-machine';

export interface ApplicationScope {
  enterpriseId: string;
  /** The enterprise's county code. */
  regionCode: string;
}

/** An application is visible exactly when its enterprise is (the enterprises context's rule). */
export function canSeeApplication(actor: Actor, app: ApplicationScope): boolean {
  return canSeeEnterprise(actor, { id: app.enterpriseId, regionCode: app.regionCode });
}

/** Edits, uploads, submission and withdrawal: the owning enterprise only. */
export const canActAsOwner = (actor: Actor, app: ApplicationScope) =>
  actor.role === 'enterprise' && canSeeApplication(actor, app);

/** A recommender's level follows its jurisdiction: a county code or a city code. */
export function recommenderLevel(actor: Actor): 'county' | 'city' | null {
  if (actor.role !== 'recommender' || !actor.regionCode) return null;
  const level = findRegion(actor.regionCode)?.level;
  return level === 'county' || level === 'city' ? level : null;
}

export function firerOf(actor: Actor): TransitionFirer | null {
  if (actor.role === 'enterprise') return 'enterprise';
  const level = recommenderLevel(actor);
  return level ? `${level}_recommender` : null;
}

/**
 * The county codes a list is restricted to: null means no restriction (the province), an empty
 * list means nothing. Computed from the region data so it agrees with `jurisdictionCovers`.
 */
export function countiesWithin(regionCode: string): string[] | null {
  const region = findRegion(regionCode);
  if (!region) return [];
  if (region.level === 'province') return null;
  return ZHEJIANG_REGIONS.filter((r) => r.level === 'county' && jurisdictionCovers(region.code, r.code)).map((r) => r.code);
}
