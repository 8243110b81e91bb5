import type { Actor } from '@ff/core';
import type { EntityManager } from 'typeorm';

/**
 * A visibility rule's SQL form: a condition over the aliases its policy names, with named
 * parameters (`:name`, `:...list`) for a query builder's `andWhere`.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

export const SQL_ALL: SqlCondition = { sql: 'TRUE', params: {} };
export const SQL_NOTHING: SqlCondition = { sql: 'FALSE', params: {} };

/**
 * One visibility rule in its three forms, which must agree row for row: the in-memory predicate
 * (a loaded row), the SQL condition (list queries) and the bulk check (ids in, the visible ones out —
 * for lists and exports that start from ids).
 */
export interface VisibilityPolicy<Scope> {
  canSee(actor: Actor, scope: Scope): boolean;
  sql(actor: Actor): SqlCondition;
  allowedIds(actor: Actor, ids: readonly string[], em: EntityManager): Promise<Set<string>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ids among `ids` whose rows meet `condition`. `from` is the FROM clause giving the
 * condition's aliases; `id` the id column. Strings that are no uuid are simply not allowed.
 */
export async function idsMeeting(
  em: EntityManager,
  query: { from: string; id: string },
  condition: SqlCondition,
  ids: readonly string[],
): Promise<Set<string>> {
  const candidates = [...new Set(ids)].filter((id) => UUID.test(id));
  if (!candidates.length || condition === SQL_NOTHING) return new Set();
  const [sql, params] = em.connection.driver.escapeQueryWithParameters(
    `SELECT ${query.id} AS id FROM ${query.from} WHERE ${query.id} = ANY(CAST(:candidates AS uuid[])) AND (${condition.sql})`,
    { ...condition.params, candidates },
  );
  const rows: { id: string }[] = await em.query(sql, params);
  return new Set(rows.map((r) => r.id));
}

/** A policy from its predicate and SQL condition; `allowedIds` reads `query`'s rows through the condition. */
export function visibilityPolicy<Scope>(
  canSee: (actor: Actor, scope: Scope) => boolean,
  sql: (actor: Actor) => SqlCondition,
  query: { from: string; id: string },
): VisibilityPolicy<Scope> {
  return { canSee, sql, allowedIds: (actor, ids, em) => idsMeeting(em, query, sql(actor), ids) };
}
