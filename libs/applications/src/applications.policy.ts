/**
 * Who may see and act on an application: pure functions over the actor and the application's
 * enterprise (ownership for enterprises, jurisdiction for recommenders, the province for officials).
 * A draft is the enterprise's own until it is first submitted: before that, recommenders and
 * officials are told it does not exist — unless an authority wrote it, importing it from a
 * spreadsheet on the enterprise's behalf; then the authorities whose jurisdiction covers it see it. Experts see nothing here (their access comes with review
 * assignments); admins manage users only.
 */
import type { Actor } from '@ff/core';
import { SQL_NOTHING, type SqlCondition, visibilityPolicy } from '@ff/database';
import { canSeeEnterprise, enterpriseVisibleSql } from '@ff/enterprises';
import { findRegion } from '@ff/regions';
import type { TransitionFirer } from './application.state-machine';

export interface ApplicationScope {
  enterpriseId: string;
  /** The enterprise's county code. */
  regionCode: string;
  /** Submitted at least once (it has a frozen submission), whatever its status is now. */
  everSubmitted: boolean;
  /** Written by an authority's import rather than by the enterprise. */
  imported: boolean;
}

/**
 * An application is visible when its enterprise is (the enterprises context's rule) — to the
 * enterprise always, to everyone else only once it has been submitted.
 */
export function canSeeApplication(actor: Actor, app: ApplicationScope): boolean {
  if (!canSeeEnterprise(actor, { id: app.enterpriseId, regionCode: app.regionCode })) return false;
  return actor.role === 'enterprise' || app.everSubmitted || app.imported;
}

/**
 * `canSeeApplication` as a condition on the applications table aliased `a` joined to its
 * enterprise aliased `e`: the enterprise's rule, and for anyone but the enterprise the draft rule.
 */
export function applicationVisibleSql(actor: Actor): SqlCondition {
  const enterprise = enterpriseVisibleSql(actor);
  if (enterprise === SQL_NOTHING || actor.role === 'enterprise') return enterprise;
  return {
    sql: `(${enterprise.sql}) AND (a.current_submission_id IS NOT NULL OR a.origin = 'import')`,
    params: enterprise.params,
  };
}

export const applicationVisibility = visibilityPolicy<ApplicationScope>(canSeeApplication, applicationVisibleSql, {
  from: 'applications a JOIN enterprises e ON e.id = a.enterprise_id',
  id: 'a.id',
});

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
