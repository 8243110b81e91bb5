import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * On-site verification (现场核查) of applications whose decision was deferred for it: the team
 * (experts from the pool, checked against the conflict rules), findings per clause, a conclusion.
 */
export class OnsiteVerifications1764060000002 implements MigrationInterface {
  name = 'OnsiteVerifications1764060000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE onsite_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        scheduled_on text NOT NULL,
        expert_ids uuid[] NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled','concluded')),
        findings jsonb NOT NULL DEFAULT '[]',
        conclusion text CHECK (conclusion IN ('confirmed','partially_confirmed','not_confirmed')),
        summary text,
        scheduled_by uuid NOT NULL,
        concluded_by uuid,
        concluded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX onsite_verifications_one_per_decision ON onsite_verifications (decision_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS onsite_verifications`);
  }
}
