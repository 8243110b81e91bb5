import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vendors / 数字化服务商 an applicant declares on its application (credit code, name, what they
 * provide), frozen with the submission; the expert assignment's 服务商回避 rule reads them.
 */
export class ApplicationVendors1764066000000 implements MigrationInterface {
  name = 'ApplicationVendors1764066000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN vendors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(vendors) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP COLUMN vendors`);
  }
}
