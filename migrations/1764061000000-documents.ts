import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated documents (certificates, assessment reports): one row per (kind, subject, hash of the
 * canonical input). The input is kept as rendered, the PDF lives in the content-addressed file
 * store under `sha256`; a changed input is a new row, an unchanged one is never rendered again.
 */
export class Documents1764061000000 implements MigrationInterface {
  name = 'Documents1764061000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('assessment_report', 'certificate')),
        subject_id uuid NOT NULL,
        input_hash text NOT NULL CHECK (input_hash ~ '^[0-9a-f]{64}$'),
        input jsonb NOT NULL,
        status text NOT NULL DEFAULT 'rendering' CHECK (status IN ('rendering', 'ready', 'failed')),
        sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size integer CHECK (size > 0),
        missing_glyphs text[] NOT NULL DEFAULT '{}',
        error text,
        requested_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        rendered_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT documents_input_unique UNIQUE (kind, subject_id, input_hash),
        CONSTRAINT documents_ready_has_file CHECK (status <> 'ready' OR (sha256 IS NOT NULL AND size IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX documents_subject_idx ON documents (kind, subject_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
  }
}
