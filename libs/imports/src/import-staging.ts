import type { EntityManager } from 'typeorm';
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
  await em.query(`UPDATE application_imports SET staged = $2 WHERE id = $1`, [id, JSON.stringify(staged)]);
  for (let at = 0; at < declarations.length; at += STAGE_CHUNK) {
    const chunk = declarations.slice(at, at + STAGE_CHUNK);
    await em.query(
      `INSERT INTO application_import_rows (import_id, ord, row_no, credit_code, clause_id, status, narrative, evidence_names)
       SELECT $1, $2::int + o, r, c, k, s, n, e
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS x(r, c, k, s, n, e, o)`,
      [
        id,
        at,
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

export async function dropStaged(em: EntityManager, id: string): Promise<void> {
  await em.query(`DELETE FROM application_import_rows WHERE import_id = $1`, [id]);
  await em.query(`UPDATE application_imports SET staged = NULL WHERE id = $1 AND staged IS NOT NULL`, [id]);
}

/**
 * The parse a clean dry run kept, or null: an import validated before parses were kept, or rows
 * lost with the unlogged table in a crash (the caller then reads the workbook again).
 */
export async function loadStaged(
  em: EntityManager,
  id: string,
): Promise<{ staged: StagedParse; parse: ParseResult } | null> {
  const [row] = (await em.query(`SELECT staged FROM application_imports WHERE id = $1`, [id])) as {
    staged: StagedParse | null;
  }[];
  if (!row?.staged) return null;
  const staged = row.staged;
  const rows = (await em.query(
    `SELECT row_no, credit_code, clause_id, status, narrative, evidence_names FROM application_import_rows
     WHERE import_id = $1 ORDER BY ord`,
    [id],
  )) as {
    row_no: number;
    credit_code: string;
    clause_id: string;
    status: ClauseStatus;
    narrative: string;
    evidence_names: string;
  }[];
  if (rows.length !== staged.declarations) return null;
  const none: string[] = [];
  const declarations: ParsedDeclaration[] = rows.map((r) => ({
    row: r.row_no,
    creditCode: r.credit_code,
    clauseId: r.clause_id,
    status: r.status,
    narrative: r.narrative,
    evidenceNames: r.evidence_names ? r.evidence_names.split('\n') : none,
  }));
  return {
    staged,
    parse: { enterprises: staged.enterprises, declarations, errors: [], warnings: staged.warnings, rows: staged.rows },
  };
}
