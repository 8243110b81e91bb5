import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Page, PageQuery } from '@ff/core';

/** PostgreSQL's unique_violation, optionally of one named constraint (the race a service expects to lose). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = e.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** An ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The page `q` asks for of `qb` (already filtered and ordered, ending with a unique tie-break):
 * its rows through `view`, and the total of the whole query.
 */
export async function pageOf<E extends ObjectLiteral, T = E>(
  qb: SelectQueryBuilder<E>,
  q: PageQuery,
  view: (row: E) => T = (row) => row as unknown as T,
): Promise<Page<T>> {
  const [rows, total] = await qb
    .skip((q.page - 1) * q.pageSize)
    .take(q.pageSize)
    .getManyAndCount();
  return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Inserts `rows` in multi-row INSERTs of `size` (PostgreSQL's parameter limit bounds one statement)
 * and returns each row's generated id, in the rows' order.
 */
export async function insertInChunks<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E>[],
  size = 500,
): Promise<string[]> {
  const ids: string[] = [];
  for (let at = 0; at < rows.length; at += size) {
    const result = await em.insert(entity, rows.slice(at, at + size));
    for (const id of result.identifiers) ids.push(id.id as string);
  }
  return ids;
}
