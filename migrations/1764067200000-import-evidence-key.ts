import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import's content is its workbook and its evidence zip: at most one committed import per
 * (batch, workbook sha256, zip sha256 or none). The same pair committed again changes nothing; the
 * same workbook with another zip is another import, and commits.
 */
export class ImportEvidenceKey1764067200000 implements MigrationInterface {
  name = 'ImportEvidenceKey1764067200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_imports_committed_key`);
    await q.query(
      `CREATE UNIQUE INDEX application_imports_committed_key ON application_imports
         (batch_id, file_sha256, coalesce(evidence_sha256, '')) WHERE status = 'committed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_imports_committed_key`);
    await q.query(
      `CREATE UNIQUE INDEX application_imports_committed_key ON application_imports (batch_id, file_sha256) WHERE status = 'committed'`,
    );
  }
}
