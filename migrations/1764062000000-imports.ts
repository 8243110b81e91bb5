import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Excel batch imports of applications: one row per uploaded workbook, its validation report and
 * preview, progress while the job runs. At most one committed import per (batch, file sha256):
 * committing the same content again finds that row and changes nothing.
 */
export class Imports1764062000000 implements MigrationInterface {
  name = 'Imports1764062000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batches(id),
        file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        file_name text NOT NULL,
        file_size bigint NOT NULL,
        jurisdiction_code text NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'validating', 'validated', 'failed', 'cancelled', 'committed')),
        rows_done integer NOT NULL DEFAULT 0,
        rows_total integer,
        error_count integer NOT NULL DEFAULT 0,
        warning_count integer NOT NULL DEFAULT 0,
        failure_reason text,
        report jsonb,
        preview jsonb,
        result jsonb,
        committed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(
      `CREATE UNIQUE INDEX application_imports_committed_key ON application_imports (batch_id, file_sha256) WHERE status = 'committed'`,
    );
    await q.query(`CREATE INDEX application_imports_scope_idx ON application_imports (jurisdiction_code, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_imports`);
  }
}
