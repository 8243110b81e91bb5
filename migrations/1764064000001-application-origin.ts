import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who wrote an application: the enterprise itself, or an authority importing it from a spreadsheet
 * on the enterprise's behalf. A draft the enterprise writes is its own until submitted; a draft an
 * authority imported is also visible to the authorities whose jurisdiction covers it (they wrote it).
 */
export class ApplicationOrigin1764064000001 implements MigrationInterface {
  name = 'ApplicationOrigin1764064000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN origin text NOT NULL DEFAULT 'enterprise' CHECK (origin IN ('enterprise', 'import'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP COLUMN origin`);
  }
}
