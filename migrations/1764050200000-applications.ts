import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applications: the draft self-assessment, evidence metadata, frozen submissions (immutable
 * content + hash) with their pre-check reports, and local recommendations.
 */
export class Applications1764050200000 implements MigrationInterface {
  name = 'Applications1764050200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batches(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        tier text NOT NULL CHECK (tier IN ('workshop','smart_factory','future_factory')),
        construction_type text CHECK (construction_type IN ('innovation_pioneer','cluster_flagship','chain_leader','platform_transformer')),
        industry_mode text NOT NULL CHECK (industry_mode IN ('discrete','process')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN
          ('draft','submitted','precheck_passed','returned','county_recommended','city_recommended','withdrawn')),
        current_submission_id uuid,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT applications_batch_enterprise_key UNIQUE (batch_id, enterprise_id)
      )`);
    await q.query(`CREATE INDEX applications_enterprise_idx ON applications (enterprise_id)`);
    await q.query(`CREATE INDEX applications_batch_status_idx ON applications (batch_id, status)`);
    await q.query(`CREATE INDEX applications_status_idx ON applications (status, created_at)`);

    await q.query(`
      CREATE TABLE evidence_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        original_name text NOT NULL CHECK (char_length(original_name) BETWEEN 1 AND 200),
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX evidence_files_application_idx ON evidence_files (application_id, created_at)`);

    await q.query(`
      CREATE TABLE application_declarations (
        application_id uuid NOT NULL REFERENCES applications(id),
        clause_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('met','partial','not_met')),
        narrative text NOT NULL DEFAULT '',
        evidence_ids uuid[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, clause_id)
      )`);

    await q.query(`
      CREATE TABLE application_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        seq integer NOT NULL CHECK (seq >= 1),
        content jsonb NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        precheck_status text NOT NULL DEFAULT 'pending' CHECK (precheck_status IN ('pending','passed','returned')),
        precheck_report jsonb,
        prechecked_at timestamptz,
        CONSTRAINT application_submissions_seq_key UNIQUE (application_id, seq)
      )`);
    // The submitted content is the record of what the enterprise declared: frozen for good.
    await q.query(`
      CREATE FUNCTION application_submissions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'application_submissions rows cannot be deleted';
        END IF;
        IF NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
           OR NEW.application_id IS DISTINCT FROM OLD.application_id OR NEW.seq IS DISTINCT FROM OLD.seq THEN
          RAISE EXCEPTION 'submitted content is immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER application_submissions_immutable BEFORE UPDATE OR DELETE ON application_submissions
      FOR EACH ROW EXECUTE FUNCTION application_submissions_frozen()`);
    await q.query(`
      ALTER TABLE applications ADD CONSTRAINT applications_current_submission_fk
        FOREIGN KEY (current_submission_id) REFERENCES application_submissions(id)`);

    await q.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        submission_id uuid NOT NULL REFERENCES application_submissions(id),
        level text NOT NULL CHECK (level IN ('county','city')),
        decision text NOT NULL CHECK (decision IN ('recommend','return')),
        comment text NOT NULL DEFAULT '',
        recommender_id uuid NOT NULL,
        region_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recommendations_submission_level_key UNIQUE (submission_id, level),
        CONSTRAINT recommendations_return_reason CHECK (decision = 'recommend' OR char_length(comment) >= 5)
      )`);
    await q.query(`CREATE INDEX recommendations_application_idx ON recommendations (application_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recommendations`);
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_current_submission_fk`);
    await q.query(`DROP TABLE application_submissions`);
    await q.query(`DROP FUNCTION application_submissions_frozen()`);
    await q.query(`DROP TABLE application_declarations`);
    await q.query(`DROP TABLE evidence_files`);
    await q.query(`DROP TABLE applications`);
  }
}
