import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per (username as typed, client address): the first lock a brute force meets, so a
 * stranger who knows a username locks only their own address out, not the account. Keyed by the
 * name typed rather than the user id, so an unknown name locks exactly like a real one (no
 * enumeration through the lock). The account-wide counter stays on `users`, with a higher bar.
 */
export class LoginFailures1764054000000 implements MigrationInterface {
  name = 'LoginFailures1764054000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_failures (
        username text NOT NULL CHECK (username = lower(username)),
        client_ip text NOT NULL,
        failures integer NOT NULL CHECK (failures >= 0),
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        PRIMARY KEY (username, client_ip)
      )`);
    await q.query(`CREATE INDEX login_failures_age_idx ON login_failures (last_failure_at)`);
    await q.query(`CREATE INDEX users_role_idx ON users (role, region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_role_idx`);
    await q.query(`DROP TABLE login_failures`);
  }
}
