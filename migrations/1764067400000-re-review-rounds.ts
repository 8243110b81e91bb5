import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-review (复核) rounds: a review round has a kind (the initial review of applications, or the
 * re-review of designations near the end of their validity); a designation under re-review names
 * the round that re-reviews it; a batch's designation policy says how many months before the end
 * of validity a designation falls due; and the outcome of each re-review is proposed by one
 * official and confirmed by another (at most one per designation and round).
 */
export class ReReviewRounds1764067400000 implements MigrationInterface {
  name = 'ReReviewRounds1764067400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE review_rounds
        ADD COLUMN kind text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial','re_review'))`);
    await q.query(`ALTER TABLE designations ADD COLUMN re_review_round_id uuid REFERENCES review_rounds(id)`);
    await q.query(`
      ALTER TABLE designation_policies
        ADD COLUMN re_review_window_months integer NOT NULL DEFAULT 6 CHECK (re_review_window_months BETWEEN 1 AND 24)`);
    await q.query(`
      CREATE TABLE re_review_outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        designation_id uuid NOT NULL REFERENCES designations(id),
        round_id uuid NOT NULL REFERENCES review_rounds(id),
        result_id uuid NOT NULL REFERENCES review_results(id),
        outcome text NOT NULL CHECK (outcome IN ('maintained','failed')),
        note text NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed','confirmed')),
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL,
        confirmed_by uuid,
        confirmed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (confirmed_by IS NULL OR confirmed_by <> proposed_by),
        CONSTRAINT re_review_outcomes_once UNIQUE (designation_id, round_id)
      )`);
    await q.query(`CREATE INDEX re_review_outcomes_round_idx ON re_review_outcomes (round_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE re_review_outcomes`);
    await q.query(`ALTER TABLE designation_policies DROP COLUMN re_review_window_months`);
    await q.query(`ALTER TABLE designations DROP COLUMN re_review_round_id`);
    await q.query(`ALTER TABLE review_rounds DROP COLUMN kind`);
  }
}
