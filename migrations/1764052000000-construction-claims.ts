import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Table 15 claims of an application: for its construction type, per dimension (基础要求 /
 * 核心能力 / 新技术新模式) whether the enterprise claims it, a narrative and evidence ids.
 */
export class ConstructionClaims1764052000000 implements MigrationInterface {
  name = 'ConstructionClaims1764052000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN construction_claims jsonb NOT NULL DEFAULT '{}'::jsonb
          CHECK (jsonb_typeof(construction_claims) = 'object')
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP COLUMN construction_claims`);
  }
}
