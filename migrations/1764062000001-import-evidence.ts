import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence zip of an application import: the files its 自评 sheet names, stored
 * content-addressed like the workbook itself.
 */
export class ImportEvidence1764062000001 implements MigrationInterface {
  name = 'ImportEvidence1764062000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_imports
        ADD COLUMN evidence_sha256 text CHECK (evidence_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN evidence_file_name text,
        ADD COLUMN evidence_file_size bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_imports
        DROP COLUMN evidence_sha256,
        DROP COLUMN evidence_file_name,
        DROP COLUMN evidence_file_size`);
  }
}
