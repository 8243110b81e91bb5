import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions, 公示 and designations: the working-day calendar per year, each batch's designation
 * policy, officials' decisions (four eyes), publicities with their entries and objections,
 * designations with a gapless certificate counter per batch and tier, and reapplication bans.
 */
export class Designations1764060000000 implements MigrationInterface {
  name = 'Designations1764060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_calendars (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        notice text NOT NULL,
        holidays text[] NOT NULL DEFAULT '{}',
        working_weekends text[] NOT NULL DEFAULT '{}',
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE designation_policies (
        batch_id uuid PRIMARY KEY REFERENCES batches(id),
        publicity_working_days integer NOT NULL CHECK (publicity_working_days BETWEEN 1 AND 30),
        validity_years integer NOT NULL CHECK (validity_years BETWEEN 1 AND 10),
        ban_years jsonb NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        batch_id uuid NOT NULL REFERENCES batches(id),
        result_id uuid NOT NULL REFERENCES review_results(id),
        applied_tier text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN
          ('designate_applied','designate_lower','cultivation_pool','defer_onsite','reject')),
        tier text,
        reason_code text NOT NULL,
        comment text,
        status text NOT NULL CHECK (status IN ('proposed','confirmed','published','designated','superseded')),
        supersedes_id uuid REFERENCES decisions(id),
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL,
        confirmed_by uuid,
        confirmed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (confirmed_by IS NULL OR confirmed_by <> proposed_by)
      )`);
    // At most one proposal awaiting confirmation, and one decision in force, per application.
    await q.query(`CREATE UNIQUE INDEX decisions_one_proposed ON decisions (application_id) WHERE status = 'proposed'`);
    await q.query(`CREATE UNIQUE INDEX decisions_one_in_force ON decisions (application_id)
      WHERE status IN ('confirmed','published','designated')`);
    await q.query(`CREATE INDEX decisions_batch_idx ON decisions (batch_id, status)`);
    await q.query(`
      CREATE TABLE publicities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES batches(id),
        working_days integer NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        start_date text NOT NULL,
        end_date text NOT NULL,
        years_without_data integer[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('open','closed')),
        published_by uuid NOT NULL,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE publicity_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        publicity_id uuid NOT NULL REFERENCES publicities(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        application_id uuid NOT NULL REFERENCES applications(id),
        enterprise_name text NOT NULL,
        region_code text NOT NULL,
        tier text NOT NULL,
        construction_type text,
        status text NOT NULL CHECK (status IN ('listed','objected','revising','designated','withdrawn')),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX publicity_entries_publicity_idx ON publicity_entries (publicity_id, status)`);
    await q.query(`
      CREATE TABLE objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_id uuid NOT NULL REFERENCES publicity_entries(id),
        name text NOT NULL,
        organisation text NOT NULL,
        contact text NOT NULL,
        statement text NOT NULL,
        client_ip text,
        status text NOT NULL CHECK (status IN ('open','dismissed','upheld')),
        notes jsonb NOT NULL DEFAULT '[]',
        resolution_reason text,
        resolved_by uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX objections_entry_idx ON objections (entry_id, status)`);
    await q.query(`
      CREATE TABLE designation_counters (
        batch_id uuid NOT NULL REFERENCES batches(id),
        tier text NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (batch_id, tier)
      )`);
    await q.query(`
      CREATE TABLE designations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        decision_id uuid NOT NULL REFERENCES decisions(id),
        batch_id uuid NOT NULL REFERENCES batches(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        enterprise_name text NOT NULL,
        credit_code text NOT NULL,
        region_code text NOT NULL,
        tier text NOT NULL,
        construction_type text,
        serial integer NOT NULL,
        certificate_number text NOT NULL UNIQUE,
        verification_code text NOT NULL,
        valid_from text NOT NULL,
        valid_until text NOT NULL,
        status text NOT NULL CHECK (status IN ('active','under_re_review','revoked')),
        issued_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revocation_reason text,
        revocation_note text,
        revoked_by uuid,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (batch_id, tier, serial)
      )`);
    await q.query(`
      CREATE TABLE reapplication_bans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        source text NOT NULL CHECK (source IN ('revocation','official')),
        reason text NOT NULL,
        designation_id uuid,
        starts_on text NOT NULL,
        ends_on text NOT NULL,
        lifted_at timestamptz,
        lifted_by uuid,
        lift_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX reapplication_bans_enterprise_idx ON reapplication_bans (enterprise_id, ends_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reapplication_bans',
      'designations',
      'designation_counters',
      'objections',
      'publicity_entries',
      'publicities',
      'decisions',
      'designation_policies',
      'working_calendars',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
