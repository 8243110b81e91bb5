import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain without a global lock. A business transaction now only inserts its event
 * (unsealed: no `seq`, no hash) and records its transaction id; a sealer links events into the
 * chain afterwards, in the order they became visible, under a lock of its own (the one row of
 * `audit_chain_head`). The append-only trigger lets exactly one kind of update through: sealing an
 * unsealed row, which fills `seq`, `prev_hash`, `hash`, `hash_alg` and `sealed_at` and changes
 * nothing else. Rows chained before this migration (linked in id order under the old lock) keep
 * their hashes and get their sequence numbers in id order.
 */
export class AuditSealer1764064000000 implements MigrationInterface {
  name = 'AuditSealer1764064000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`
      ALTER TABLE audit_events
        ADD COLUMN seq bigint UNIQUE,
        ADD COLUMN xid xid8,
        ADD COLUMN hash_alg text CHECK (hash_alg IN ('sha256', 'sm3')),
        ADD COLUMN sealed_at timestamptz`);
    // Set after the column exists, so existing rows are not stamped with this migration's xid.
    await q.query(`ALTER TABLE audit_events ALTER COLUMN xid SET DEFAULT pg_current_xact_id()`);
    await q.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`);
    await q.query(`
      UPDATE audit_events e SET seq = o.n, hash_alg = 'sha256', sealed_at = now()
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_events) o
      WHERE o.id = e.id`);
    await q.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`);
    await q.query(`
      ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_whole CHECK (
        (seq IS NULL AND hash IS NULL AND prev_hash IS NULL AND hash_alg IS NULL AND sealed_at IS NULL)
        OR (seq IS NOT NULL AND hash IS NOT NULL AND hash_alg IS NOT NULL AND sealed_at IS NOT NULL))`);
    await q.query(`CREATE INDEX audit_events_unsealed_idx ON audit_events (xid, id) WHERE seq IS NULL`);

    await q.query(`
      CREATE TABLE audit_chain_head (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        seq bigint NOT NULL,
        hash text,
        hash_alg text,
        sealed_at timestamptz
      )`);
    await q.query(`
      INSERT INTO audit_chain_head (seq, hash, hash_alg, sealed_at)
      SELECT coalesce(max(seq), 0), (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1),
             (SELECT hash_alg FROM audit_events ORDER BY seq DESC LIMIT 1), now()
      FROM audit_events`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
           AND (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity_type,
                NEW.entity_id, NEW.before, NEW.after, NEW.request_id, NEW.ip, NEW.xid)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.entity_type,
                OLD.entity_id, OLD.before, OLD.after, OLD.request_id, OLD.ip, OLD.xid) THEN
          RETURN NEW; -- sealing an unsealed event: the one update allowed
        END IF;
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP INDEX audit_events_unsealed_idx`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_sealed_whole`);
    await q.query(
      `ALTER TABLE audit_events DROP COLUMN seq, DROP COLUMN xid, DROP COLUMN hash_alg, DROP COLUMN sealed_at`,
    );
  }
}
