import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round may be published with slots left empty when the official acknowledges them with a
 * reason: the slots (with the constraint that emptied each) and the reason stay on the round.
 * Publication also reserves alternates per task, which reassignment tries first.
 */
export class RoundUnfilled1764066000001 implements MigrationInterface {
  name = 'RoundUnfilled1764066000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_rounds
        ADD COLUMN unfilled_slots jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(unfilled_slots) = 'array'),
        ADD COLUMN unfilled_reason text,
        ADD COLUMN alternates jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(alternates) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE review_rounds DROP COLUMN unfilled_slots, DROP COLUMN unfilled_reason, DROP COLUMN alternates`,
    );
  }
}
