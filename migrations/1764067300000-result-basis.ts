import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calibration as policy: a round says which of its results decisions and reports read — the raw
 * panel scores (the default) or the severity-adjusted ones — and each result keeps the tier its
 * severity-adjusted scores support beside the raw one.
 */
export class ResultBasis1764067300000 implements MigrationInterface {
  name = 'ResultBasis1764067300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_rounds
        ADD COLUMN result_basis text NOT NULL DEFAULT 'raw' CHECK (result_basis IN ('raw', 'severity_adjusted'))`);
    await q.query(`ALTER TABLE review_results ADD COLUMN adjusted_highest_tier text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_results DROP COLUMN adjusted_highest_tier`);
    await q.query(`ALTER TABLE review_rounds DROP COLUMN result_basis`);
  }
}
