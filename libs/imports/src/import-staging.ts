import type { EntityManager } from 'typeorm';
import type { ImportedDeclarationRows } from '@ff/applications';
import type { ClauseStatus } from '@ff/rules';
import type { EnterpriseKey } from './import-columns';
import type { ImportIssue, ParseResult, ParsedDeclaration, ParsedEnterprise } from './import-parser';
import type { ImportedEvidenceFile } from './evidence-archive';

/** Rows per multi-row INSERT when staging (column arrays through `unnest`, no row object each). */
const STAGE_CHUNK = 5000;

/** What a clean dry run keeps for its commit besides the 自评 rows. */
export interface StagedParse {
  enterprises: ParsedEnterprise[];
  evidence: ImportedEvidenceFile[];
  /** Column of each 企业信息 key, to name cells if the commit finds the database moved. */
  columns: Partial<Record<EnterpriseKey, number>>;
  warnings: ImportIssue[];
  rows: number;
  /** Rows kept in `application_import_rows` (an unlogged table: a crash empties it). */
  declarations: number;
}

/**
 * Keeps a dry run's parse for the commit, in the transaction that stores its report: the 自评 rows
 * in `application_import_rows`, the rest in `application_imports.staged`. Only a parse without
 * errors can be committed, so only that one is kept; any other drops what an earlier run kept.
 */
export async function stageParse(
  em: EntityManager,
  id: string,
  staged: StagedParse | null,
  declarations: readonly ParsedDeclaration[],
): Promise<void> {
  await dropStaged(em, id);
  if (!staged) return;
  await keepStaged(em, id, staged);
  await stageRows(em, id, declarations);
}

/** Keeps the rest of a parse whose 自评 rows are already in `application_import_rows`. */
export async function keepStaged(em: EntityManager, id: string, staged: StagedParse): Promise<void> {
  await em.query(`UPDATE application_imports SET staged = $2 WHERE id = $1`, [id, JSON.stringify(staged)]);
}

/**
 * Writes 自评 rows into `application_import_rows`, 5,000 to an `INSERT` as column arrays; `from`:
 * the rows written before them (a dry run writes them as it reads).
 */
export async function stageRows(
  em: EntityManager,
  id: string,
  declarations: readonly ParsedDeclaration[],
  from = 0,
): Promise<void> {
  for (let at = 0; at < declarations.length; at += STAGE_CHUNK) {
    const chunk = declarations.slice(at, at + STAGE_CHUNK);
    await em.query(
      `INSERT INTO application_import_rows (import_id, ord, row_no, credit_code, clause_id, status, narrative, evidence_names)
       SELECT $1, $2::int + o, r, c, k, s, n, e
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS x(r, c, k, s, n, e, o)`,
      [
        id,
        from + at,
        chunk.map((d) => d.row),
        chunk.map((d) => d.creditCode),
        chunk.map((d) => d.clauseId),
        chunk.map((d) => d.status),
        chunk.map((d) => d.narrative),
        // A name never holds a line break (a cell's names are split on them).
        chunk.map((d) => d.evidenceNames.join('\n')),
      ],
    );
  }
}

/** Drops what a dry run kept: after the commit, on a cancel, and when a dry run fails or finds errors. */
export async function dropStaged(em: EntityManager, id: string): Promise<void> {
  await em.query(`DELETE FROM application_import_rows WHERE import_id = $1`, [id]);
  await em.query(`UPDATE application_imports SET staged = NULL WHERE id = $1 AND staged IS NOT NULL`, [id]);
}

/** The kept 自评 rows as the application writer reads them (keyed by credit code), inside the commit's transaction. */
export function stagedRows(id: string): ImportedDeclarationRows {
  return {
    sql: `SELECT credit_code AS key, clause_id, status, narrative FROM application_import_rows WHERE import_id = $1`,
    params: [id],
  };
}

/** A kept parse as the commit reads it: the 自评 rows stay in the database. */
export interface KeptParse {
  staged: StagedParse;
  /** Only the rows that name evidence files (every other row stays in `application_import_rows`). */
  parse: ParseResult;
  /** 自评 rows per credit code. */
  clauses: Map<string, number>;
}

/**
 * The parse a clean dry run kept, or null: an import validated before parses were kept, or rows
 * lost with the unlogged table in a crash (the caller then reads the workbook again). Only the
 * rows counted per enterprise and those naming evidence files are read into memory.
 */
export async function loadStaged(em: EntityManager, id: string): Promise<KeptParse | null> {
  const [row] = (await em.query(`SELECT staged FROM application_imports WHERE id = $1`, [id])) as {
    staged: StagedParse | null;
  }[];
  if (!row?.staged) return null;
  const staged = row.staged;
  const counts = (await em.query(
    `SELECT credit_code, count(*)::int AS n FROM application_import_rows WHERE import_id = $1 GROUP BY credit_code`,
    [id],
  )) as { credit_code: string; n: number }[];
  const clauses = new Map(counts.map((c) => [c.credit_code, c.n]));
  if (counts.reduce((n, c) => n + c.n, 0) !== staged.declarations) return null;
  const rows = (await em.query(
    `SELECT row_no, credit_code, clause_id, status, narrative, evidence_names FROM application_import_rows
     WHERE import_id = $1 AND evidence_names <> '' ORDER BY ord`,
    [id],
  )) as {
    row_no: number;
    credit_code: string;
    clause_id: string;
    status: ClauseStatus;
    narrative: string;
    evidence_names: string;
  }[];
  const declarations: ParsedDeclaration[] = rows.map((r) => ({
    row: r.row_no,
    creditCode: r.credit_code,
    clauseId: r.clause_id,
    status: r.status,
    narrative: r.narrative,
    evidenceNames: r.evidence_names.split('\n'),
  }));
  return {
    staged,
    parse: { enterprises: staged.enterprises, declarations, errors: [], warnings: staged.warnings, rows: staged.rows },
    clauses,
  };
}
