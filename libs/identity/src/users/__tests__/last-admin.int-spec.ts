import { DataSource } from 'typeorm';
import { AuditEvent, AuditService } from '@ff/audit';
import type { AppConfig } from '@ff/config';
import { AppError, SYSTEM_ACTOR, type Actor } from '@ff/core';
import { dataSourceOptions, runMigrations } from '@ff/database';
import { scratchSchema } from '@ff/runtime';
import { LoginLockout } from '../../auth/login-lockout';
import { Session } from '../../entities/session.entity';
import { User } from '../../entities/user.entity';
import { UserAdminService } from '../user-admin.service';
import { UsersService } from '../users.service';

/**
 * The last active admin stays one, even when two admins demote or deactivate each other at the
 * same moment — on the real PostgreSQL, in a schema of its own (no other admin can interfere).
 */
describe('the last active admin', () => {
  const config = {
    database: {
      url: process.env.DATABASE_URL!,
      schema: scratchSchema(process.env.DATABASE_SCHEMA!, 'lastadmin'),
      poolSize: 6,
    },
  };
  const auth = { maxFailures: 5, accountMaxFailures: 50, lockSeconds: 600 } as AppConfig['auth'];
  let ds: DataSource;
  let users: UsersService;
  let admin: UserAdminService;

  beforeAll(async () => {
    await runMigrations(config);
    ds = await new DataSource({ ...dataSourceOptions(config), entities: [AuditEvent, User, Session] }).initialize();
    const audit = new AuditService(ds);
    users = new UsersService(ds, audit);
    admin = new UserAdminService(ds, audit, users, new LoginLockout(ds, audit, { auth } as AppConfig));
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
    await ds.destroy();
  });

  const makeAdmin = async (username: string): Promise<Actor> => {
    const u = await users.create(
      SYSTEM_ACTOR,
      {},
      { username, displayName: '管理员', password: 'Admin-Passw0rd!', role: 'admin' },
      { mustChangePassword: false },
    );
    return { userId: u.id, role: 'admin', enterpriseId: null, regionCode: null };
  };
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AppError) => e.code,
    );

  it('two admins removing each other at once: exactly one wins, one admin remains', async () => {
    const a = await makeAdmin('admin_a');
    const b = await makeAdmin('admin_b');
    const outcomes = await Promise.all([
      codeOf(admin.changeRole(a, {}, b.userId, { role: 'expert' })),
      codeOf(users.update(b, {}, a.userId, { active: false })),
    ]);
    expect(outcomes.sort()).toEqual(['last_admin', 'ok']);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`);
    expect(n).toBe(1);
  });

  it('the one left can be neither demoted nor deactivated, until another admin exists', async () => {
    const [{ id }] = await ds.query(`SELECT id FROM users WHERE role = 'admin' AND active`);
    expect(await codeOf(admin.changeRole(SYSTEM_ACTOR, {}, id, { role: 'official' }))).toBe('last_admin');
    expect(await codeOf(users.update(SYSTEM_ACTOR, {}, id, { active: false }))).toBe('last_admin');
    await makeAdmin('admin_c');
    expect(await codeOf(admin.changeRole(SYSTEM_ACTOR, {}, id, { role: 'official' }))).toBe('ok');
    const [row] = await ds.query(`SELECT role, region_code FROM users WHERE id = $1`, [id]);
    expect(row).toEqual({ role: 'official', region_code: '330000' });
  });
});
