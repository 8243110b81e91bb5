import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError } from '@ff/core';

interface CasCommon<S extends string> {
  id: string;
  /** The status (or one of the statuses) the row must still be in. */
  from: S | readonly S[];
  to: S;
  /** The status column; `status` unless said otherwise. */
  statusColumn?: string;
  /** The `version` the row must still have, when a change within one status matters too. */
  version?: number;
}

export type CasTarget<T> =
  /** An entity: its table, its columns (patch keys are property names) and the returned row from its metadata. */
  | { entity: EntityTarget<T> }
  /** A table without an entity: patch keys are column names, the returned row is the raw one. */
  | { table: string };

export type CasOptions<T, S extends string> = CasTarget<T> &
  CasCommon<S> & {
    /** Other values written with the status. */
    patch?: Partial<Record<keyof T & string, unknown>> | Record<string, unknown>;
  };

export type CompareAndSetOptions<T, S extends string> = CasOptions<T, S> & {
  /**
   * The error to throw when the row has left `from` (another transaction won), given `current`, the
   * status the winner left (null when the row is gone) — for a state machine, its `conflict(current)`
   * (409 `invalid_transition` naming that status), or a code of the context's own table.
   */
  lost: (current: S | null) => AppError;
};

const quote = (name: string) =>
  name
    .split('.')
    .map((p) => `"${p.replace(/"/g, '""')}"`)
    .join('.');
/** Whether a table without an entity has a `version` column; tables are the same in every schema. */
const tableVersioned = new Map<string, boolean>();

async function hasVersion(em: EntityManager, meta: EntityMetadata | undefined, table: string): Promise<boolean> {
  if (meta) return !!meta.findColumnWithDatabaseName('version');
  let known = tableVersioned.get(table);
  if (known === undefined) {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'version'`,
      [table],
    );
    known = rows.length > 0;
    tableVersioned.set(table, known);
  }
  return known;
}

/**
 * `UPDATE … SET status = :to, <patch>, version = version + 1 (and an entity's update date) WHERE
 * id = :id AND status IN (:from) RETURNING *` — the row changes only if nobody moved it since it was read. Returns the updated
 * row, or null when the row is no longer in `from` (the race is lost; nothing was written).
 */
export async function tryCompareAndSet<T extends ObjectLiteral, S extends string>(
  em: EntityManager,
  opts: CasOptions<T, S>,
): Promise<T | null> {
  const meta = 'entity' in opts ? em.connection.getMetadata(opts.entity) : undefined;
  const table = meta ? meta.tablePath : (opts as { table: string }).table;
  const statusColumn = opts.statusColumn ?? 'status';
  const params: unknown[] = [opts.id, typeof opts.from === 'string' ? [opts.from] : [...opts.from], opts.to];
  const sets = [`${quote(statusColumn)} = $3`];
  for (const [key, value] of Object.entries(opts.patch ?? {})) {
    if (value === undefined) continue;
    const column = meta?.findColumnWithPropertyName(key);
    if (meta && !column) throw new Error(`compareAndSet: ${meta.name} has no column ${key}`);
    params.push(column ? em.connection.driver.preparePersistentValue(value, column) : value);
    sets.push(`${quote(column?.databaseName ?? key)} = $${params.length}`);
  }
  if (await hasVersion(em, meta, table)) sets.push(`"version" = "version" + 1`);
  // What TypeORM's own update writes too: an entity's @UpdateDateColumn.
  if (meta?.updateDateColumn) sets.push(`${quote(meta.updateDateColumn.databaseName)} = CURRENT_TIMESTAMP`);
  let where = `"id" = $1 AND ${quote(statusColumn)} = ANY($2)`;
  if (opts.version !== undefined) {
    params.push(opts.version);
    where += ` AND "version" = $${params.length}`;
  }
  const [rows]: [Record<string, unknown>[], number] = await em.query(
    `UPDATE ${quote(table)} SET ${sets.join(', ')} WHERE ${where} RETURNING *`,
    params,
  );
  const raw = rows[0];
  if (!raw) return null;
  if (!meta) return raw as T;
  const entity = meta.create() as T;
  for (const column of meta.columns)
    if (column.databaseName in raw)
      column.setEntityValue(entity, em.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  return entity;
}

/**
 * `tryCompareAndSet`, and on a lost race a 409 naming the status the winner left (see `lost`).
 * Call it in the transaction that writes the audit event, after the state machine allowed the
 * transition from the status read: of two concurrent transitions exactly one wins.
 */
export async function compareAndSet<T extends ObjectLiteral, S extends string>(
  em: EntityManager,
  opts: CompareAndSetOptions<T, S>,
): Promise<T> {
  const row = await tryCompareAndSet(em, opts);
  if (row) return row;
  const table = 'entity' in opts ? em.connection.getMetadata(opts.entity).tablePath : opts.table;
  const column = quote(opts.statusColumn ?? 'status');
  const [now]: { status: S }[] = await em.query(`SELECT ${column} AS status FROM ${quote(table)} WHERE "id" = $1`, [
    opts.id,
  ]);
  throw opts.lost(now?.status ?? null);
}
