import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expert review (评审): the expert pool, review rounds with their stored assignment preview, one
 * task per (application × capability domain × expert), score sheets per sub-domain, panel results;
 * the notification inbox/outbox; and the two review statuses of applications.
 */
export class Reviews1764057000000 implements MigrationInterface {
  name = 'Reviews1764057000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_status_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_status_check CHECK (status IN
      ('draft','submitted','precheck_passed','returned','county_recommended','city_recommended','withdrawn',
       'under_review','reviewed'))`);
    await q.query(`
      CREATE TABLE experts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL UNIQUE REFERENCES users(id),
        name text NOT NULL,
        title text NOT NULL,
        email text,
        employer_name text NOT NULL,
        employer_credit_code text CHECK (employer_credit_code ~ '^[0-9A-HJ-NP-RT-UW-Y]{18}$'),
        employer_group text,
        region_code text NOT NULL CHECK (region_code ~ '^33[0-9]{4}$'),
        expertise jsonb NOT NULL DEFAULT '[]',
        industry_modes text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        max_tasks_per_round integer NOT NULL DEFAULT 10 CHECK (max_tasks_per_round BETWEEN 1 AND 500),
        unavailable jsonb NOT NULL DEFAULT '[]',
        relationships jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE expert_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        expert_id uuid NOT NULL REFERENCES experts(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        reason text NOT NULL,
        source text NOT NULL CHECK (source IN ('manual','decline')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (expert_id, enterprise_id, source)
      )`);
    await q.query(`
      CREATE TABLE review_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batches(id),
        title text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),
        application_ids uuid[] NOT NULL,
        panel_sizes jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        reminder_hours integer[] NOT NULL DEFAULT '{}',
        accept_within_hours integer NOT NULL,
        conflict_policy jsonb NOT NULL,
        preview jsonb,
        preview_run integer NOT NULL DEFAULT 0,
        adjustments jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT review_rounds_dates CHECK (starts_at < due_at AND due_at <= closes_at)
      )`);
    await q.query(`CREATE INDEX review_rounds_batch_idx ON review_rounds (batch_id)`);
    await q.query(`
      CREATE TABLE review_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES review_rounds(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        submission_id uuid NOT NULL REFERENCES application_submissions(id),
        domain_code text NOT NULL,
        expert_id uuid NOT NULL REFERENCES experts(id),
        status text NOT NULL DEFAULT 'assigned'
          CHECK (status IN ('assigned','accepted','declined','expired','submitted','reopened','withdrawn')),
        explanation jsonb NOT NULL,
        accept_by timestamptz NOT NULL,
        decline_reason text,
        reopen_note text,
        replaces_task_id uuid REFERENCES review_tasks(id),
        accepted_at timestamptz,
        submitted_at timestamptz,
        overdue_at timestamptz,
        reminders_sent integer[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT review_tasks_once UNIQUE (round_id, application_id, domain_code, expert_id)
      )`);
    await q.query(`CREATE INDEX review_tasks_expert_idx ON review_tasks (expert_id, status)`);
    await q.query(`CREATE INDEX review_tasks_application_idx ON review_tasks (round_id, application_id)`);
    await q.query(`
      CREATE TABLE score_sheets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES review_tasks(id),
        subdomain_no integer NOT NULL,
        scores jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT score_sheets_once UNIQUE (task_id, subdomain_no)
      )`);
    await q.query(`
      CREATE TABLE review_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES review_rounds(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        status text NOT NULL CHECK (status IN ('divergent','reconciling','final')),
        generation integer NOT NULL DEFAULT 1,
        result jsonb NOT NULL,
        adjusted jsonb,
        highest_tier text,
        recommendation text NOT NULL,
        resolution jsonb,
        computed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT review_results_once UNIQUE (round_id, application_id)
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key text NOT NULL UNIQUE,
        read_at timestamptz,
        email_to text,
        email_status text NOT NULL DEFAULT 'none' CHECK (email_status IN ('none','pending','sent','failed')),
        email_error text,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notifications',
      'review_results',
      'score_sheets',
      'review_tasks',
      'review_rounds',
      'expert_conflicts',
      'experts',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE applications DROP CONSTRAINT applications_status_check`);
    await q.query(`ALTER TABLE applications ADD CONSTRAINT applications_status_check CHECK (status IN
      ('draft','submitted','precheck_passed','returned','county_recommended','city_recommended','withdrawn'))`);
  }
}
