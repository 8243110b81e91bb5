import { MigrationInterface, QueryRunner } from 'typeorm';

/** 申报批次 and registered enterprises. */
export class BatchesEnterprises1764050100000 implements MigrationInterface {
  name = 'BatchesEnterprises1764050100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        rule_set_version text NOT NULL,
        tiers text[] NOT NULL CHECK (cardinality(tiers) > 0 AND tiers <@ ARRAY['workshop','smart_factory','future_factory']),
        submission_opens_at timestamptz NOT NULL,
        submission_closes_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
        precheck_policy jsonb NOT NULL,
        scoring_policy jsonb NOT NULL,
        panel_sizes jsonb NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT batches_window CHECK (submission_opens_at < submission_closes_at)
      )`);
    await q.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        credit_code text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RT-UW-Y]{18}$'),
        region_code text NOT NULL CHECK (region_code ~ '^33[0-9]{4}$'),
        industry_mode text NOT NULL CHECK (industry_mode IN ('discrete','process')),
        profile jsonb NOT NULL DEFAULT '{}',
        contact_name text,
        contact_phone text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX enterprises_region_idx ON enterprises (region_code text_pattern_ops)`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_enterprise_fk FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_enterprise_fk`);
    await q.query(`DROP TABLE enterprises`);
    await q.query(`DROP TABLE batches`);
  }
}
