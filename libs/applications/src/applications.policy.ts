/**
 * Who may see and act on an application: pure functions over the actor and the application's
 * enterprise (ownership for enterprises, jurisdiction for recommenders, the province for officials).
 * Experts see nothing here yet (their access comes with review assignments); admins manage users only.
 */
import type { Actor } from '@ff/core';
import { canSeeEnterprise } from '@ff/enterprises';
import { findRegion } from '@ff/regions';
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
