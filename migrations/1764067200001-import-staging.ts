import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a clean dry run parsed, kept for the commit so the workbook is parsed once: the
 * self-assessment rows in `application_import_rows` (written in batches, read back in order) and
 * the enterprise rows, evidence files and column positions in `application_imports.staged`.
 * Replaced by each dry run, dropped by the commit; gone with the import. Unlogged — a cache, not a
 * record, so no WAL is written for it: after a crash the server empties it, the commit finds fewer
 * rows than `staged` counts and reads the workbook again.
 */
export class ImportStaging1764067200001 implements MigrationInterface {
  name = 'ImportStaging1764067200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_imports ADD COLUMN staged jsonb`);
    await q.query(`
      CREATE UNLOGGED TABLE application_import_rows (
        import_id uuid NOT NULL REFERENCES application_imports(id) ON DELETE CASCADE,
        ord integer NOT NULL,
        row_no integer NOT NULL,
        credit_code text NOT NULL,
        clause_id text NOT NULL,
        status text NOT NULL,
        narrative text NOT NULL,
        evidence_names text NOT NULL,
        PRIMARY KEY (import_id, ord)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_import_rows`);
    await q.query(`ALTER TABLE application_imports DROP COLUMN staged`);
  }
}
