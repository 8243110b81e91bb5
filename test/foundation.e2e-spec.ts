import { DataSource } from 'typeorm';
import { AuditSealer, AuditVerifier } from '@ff/audit';
import { KNOWN_DOWN_WAIT_MS, QueueService } from '@ff/queue';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuthService, UsersService } from '@ff/identity';
import { smoke } from './support/smoke';
import { TEST_PASSWORD, TestApp, bearer, createUser, startTestApp, unique } from './support/test-app';

describe('foundation (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const auditRows = (action: string, entityId?: string) =>
    t.app
      .get(DataSource)
      .query(`SELECT * FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY id`, [
        action,
        entityId ?? null,
      ]);

  it('passes the smoke test on Redis', async () => {
    await smoke(t);
  });

  describe('login, lockout, refresh, revocation', () => {
    it('logs in, and audits success and failure', async () => {
      const u = await createUser(t, 'official', { regionCode: '330000' });
      const me = await t.http().get('/api/v1/auth/me').set(bearer(u)).expect(200);
      expect(me.body).toMatchObject({ username: u.username, role: 'official' });
      expect(me.body.passwordHash).toBeUndefined();
      const bad = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: u.username, password: 'wrong-Passw0rd' })
        .expect(401);
      expect(bad.body).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误' });
      expect(await auditRows('auth.login', u.id)).toHaveLength(1);
      expect(await auditRows('auth.login_failed', u.id)).toHaveLength(1);
    });

    it('audits the connecting address, not a forged X-Forwarded-For', async () => {
      const username = unique('nobody');
      await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.9')
        .send({ username, password: 'x' })
        .expect(401);
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT ip FROM audit_events WHERE action = 'auth.login_failed' AND after->>'username' = $1`, [
          username,
        ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].ip).not.toBe('203.0.113.9');
    });

    it('gives the same answer for an unknown user as for a wrong password', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: unique('nobody'), password: 'x' })
        .expect(401);
      expect(res.body.code).toBe('invalid_credentials');
    });

    it('locks the account after 5 failures, even for the right password', async () => {
      const u = await createUser(t, 'expert');
      for (let i = 0; i < 5; i++) {
        await t
          .http()
          .post('/api/v1/auth/login')
          .send({ username: u.username, password: `Wrong-${i}-pass` })
          .expect(401);
      }
      const locked = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: u.username, password: TEST_PASSWORD })
        .expect(423);
      expect(locked.body.code).toBe('account_locked');
      expect(locked.body.message).toContain('分钟后再试');
      expect(await auditRows('auth.locked', u.id)).toHaveLength(1);
    });

    it('counts wrong current passwords at a password change too: the fifth locks the account and ends its sessions', async () => {
      const u = await createUser(t, 'expert');
      const change = (currentPassword: string) =>
        t
          .http()
          .post('/api/v1/auth/password')
          .set(bearer(u))
          .send({ currentPassword, newPassword: 'Another-Passw0rd' });
      for (let i = 0; i < 4; i++) {
        const res = await change(`Guess-${i}-pass`).expect(400);
        expect(res.body.details[0]).toMatchObject({ field: 'currentPassword', message: '当前密码不正确' });
      }
      expect(await auditRows('auth.password_change_failed', u.id)).toHaveLength(4);
      const fifth = await change('Guess-4-pass').expect(423);
      expect(fifth.body).toMatchObject({ code: 'account_locked' });
      expect(await auditRows('auth.locked', u.id)).toHaveLength(1);
      // The session that was guessing is gone, and the right password does not log in until the lock ends.
      await t.http().get('/api/v1/auth/me').set(bearer(u)).expect(401);
      await t.http().post('/api/v1/auth/login').send({ username: u.username, password: TEST_PASSWORD }).expect(423);
    });

    it('rotates refresh tokens and revokes the session when an old one is replayed', async () => {
      const u = await createUser(t, 'expert');
      const first = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(u.refreshToken);
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer({ token: first.body.accessToken }))
        .expect(200);
      const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
      expect(replay.body.code).toBe('invalid_refresh_token');
      // The whole session is gone: the new tokens stop working too.
      await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer({ token: first.body.accessToken }))
        .expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    });

    it('logout revokes the access token at once', async () => {
      const u = await createUser(t, 'expert');
      await t.http().post('/api/v1/auth/logout').set(bearer(u)).expect(204);
      const res = await t.http().get('/api/v1/auth/me').set(bearer(u)).expect(401);
      expect(res.body.code).toBe('session_revoked');
    });

    it('password change enforces the policy and revokes every session', async () => {
      const u = await createUser(t, 'expert');
      const weak = await t
        .http()
        .post('/api/v1/auth/password')
        .set(bearer(u))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(weak.body.code).toBe('weak_password');
      await t
        .http()
        .post('/api/v1/auth/password')
        .set(bearer(u))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'N3w-Passw0rd!' })
        .expect(204);
      await t.http().get('/api/v1/auth/me').set(bearer(u)).expect(401);
      await t.http().post('/api/v1/auth/login').send({ username: u.username, password: TEST_PASSWORD }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ username: u.username, password: 'N3w-Passw0rd!' }).expect(200);
    });

    it('a user created by an admin must change the initial password first', async () => {
      const admin = await createUser(t, 'admin');
      const username = unique('newexpert');
      await t
        .http()
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username, displayName: '新专家', password: TEST_PASSWORD, role: 'expert' })
        .expect(201);
      const login = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      expect(login.body.mustChangePassword).toBe(true);
      const blocked = await t
        .http()
        .get('/api/v1/users')
        .set(bearer({ token: login.body.accessToken }));
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('password_change_required');
    });

    it('a refresh token naming a malformed session is a 401, not a 500', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: `${'-'.repeat(36)}.secret` })
        .expect(401);
      expect(res.body.code).toBe('invalid_refresh_token');
    });

    it('rejects a missing or forged token', async () => {
      await t.http().get('/api/v1/auth/me').expect(401);
      await t.http().get('/api/v1/auth/me').set({ Authorization: 'Bearer not.a.jwt' }).expect(401);
    });
  });

  describe('authorization', () => {
    it('denies a role and audits the denial', async () => {
      const ent = await createUser(t, 'enterprise');
      const res = await t.http().get('/api/v1/users').set(bearer(ent)).expect(403);
      expect(res.body).toMatchObject({ code: 'forbidden', message: '当前角色无权执行此操作' });
      const denied = await t.app
        .get(DataSource)
        .query(`SELECT * FROM audit_events WHERE action = 'access.denied' AND actor_id = $1`, [ent.id]);
      expect(denied).toHaveLength(1);
      expect(denied[0].entity_id).toBe('GET /api/v1/users');
    });

    it('refuses a recommender account without a jurisdiction', async () => {
      const admin = await createUser(t, 'admin');
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: unique('rec'), displayName: '推荐', password: TEST_PASSWORD, role: 'recommender' })
        .expect(400);
      expect(res.body.code).toBe('region_code_mismatch');
    });

    it('refuses a weak ADMIN_PASSWORD at start-up, naming the setting', async () => {
      await expect(t.app.get(UsersService).seedAdmin({ password: 'password', generate: false })).rejects.toThrow(
        '环境变量 ADMIN_PASSWORD 不符合密码规则：密码应为8至128个字符',
      );
    });

    it('takes a jurisdiction only as a current Zhejiang code of a level the role acts at', async () => {
      const admin = await createUser(t, 'admin');
      const create = (role: string, regionCode: string) =>
        t
          .http()
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ username: unique(role), displayName: '账号', password: TEST_PASSWORD, role, regionCode });
      const outside = await create('official', '110101').expect(400);
      expect(outside.body).toMatchObject({
        code: 'invalid_region_code',
        message: '行政区划代码“110101”不在浙江省范围内',
      });
      expect(outside.body.details[0]).toMatchObject({ field: 'regionCode' });
      const retired = await create('recommender', '330103').expect(400);
      expect(retired.body.message).toBe('行政区划代码“330103”不是浙江省现行的行政区划代码');
      const province = await create('recommender', '330000').expect(400);
      expect(province.body.message).toBe('行政区划代码“330000”（浙江省）为省级代码，此处应填写区县级或市级代码');
      await create('recommender', '330100').expect(201);
      await create('official', '330000').expect(201);
    });
  });

  describe('audit chain', () => {
    it('verifies, then detects a tampered row', async () => {
      await createUser(t, 'expert');
      const audit = t.app.get(AuditVerifier);
      // Sealed first: an event is chained (and its edits detectable) once the sealer has linked it.
      await t.app.get(AuditSealer).drain();
      expect((await audit.verify()).ok).toBe(true);
      const ds = t.app.get(DataSource);
      await expect(
        ds.query(`UPDATE audit_events SET action = 'x' WHERE id = (SELECT max(id) FROM audit_events)`),
      ).rejects.toThrow(/append-only/);
      // Only someone able to disable the trigger can edit a row; the chain still gives it away.
      // The run's other suites share this schema and verify the chain too: the forged row is put back.
      const [{ id, after }] = await ds.query(
        `SELECT id, after FROM audit_events WHERE id = (SELECT min(id) FROM audit_events WHERE action = 'auth.login')`,
      );
      await ds.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`);
      try {
        await ds.query(`UPDATE audit_events SET after = '{"forged":true}' WHERE id = $1`, [id]);
        const result = await audit.verify();
        expect(result.ok).toBe(false);
        expect(result.brokenAt).toMatchObject({ id: String(id), reason: 'hash_mismatch' });
        expect(result.problems[0].message).toContain('已被篡改');
      } finally {
        await ds.query(`UPDATE audit_events SET after = $2 WHERE id = $1`, [
          id,
          after === null ? null : JSON.stringify(after),
        ]);
        await ds.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`);
      }
      expect(await audit.verify()).toMatchObject({ ok: true });
    });
  });

  describe('bad requests are 4xx with a Chinese message, never 500', () => {
    it('malformed JSON', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": "a", ')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'malformed_json', message: '请求体不是有效的 JSON' });
    });

    it('unknown fields', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'a', password: 'b', role: 'admin' })
        .expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details).toEqual([
        { field: 'role', code: 'whitelistValidation', message: '不允许提交字段“role”' },
      ]);
    });

    it('wrong types name the field', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: 12, password: 'b' }).expect(400);
      expect(res.body.details).toContainEqual({
        field: 'username',
        code: 'isString',
        message: '“用户名”必须是文本',
      });
    });

    it('oversize body', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'a', password: 'x'.repeat(t.config.http.bodyLimit) })
        .expect(413);
      expect(res.body.code).toBe('payload_too_large');
    });

    it('unknown route', async () => {
      const res = await t.http().get('/api/v1/no-such-thing').expect(404);
      expect(res.body.code).toBe('not_found');
    });

    it('a malformed id is not a 500', async () => {
      const admin = await createUser(t, 'admin');
      const res = await t.http().get('/api/v1/users/not-a-uuid').set(bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_id', message: '编号格式不正确（应为 UUID）' });
    });
  });
});

describe('queue producers with Redis down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', WORKER_IN_PROCESS: 'false' });
  });
  afterAll(() => t.close());
  const enqueue = (id: string) => t.app.get(QueueService).enqueue('system.echo', { token: id }, { jobId: id });

  it('refuse an enqueue with 503 queue_unavailable rather than hang', async () => {
    await expect(enqueue('echo-down-1')).rejects.toMatchObject({ status: 503, code: 'queue_unavailable' });
  });

  it('once Redis is known to be down, refuse well under a second', async () => {
    await expect(enqueue('echo-down-2')).rejects.toMatchObject({ status: 503 });
    const started = performance.now();
    await expect(enqueue('echo-down-3')).rejects.toMatchObject({ status: 503, code: 'queue_unavailable' });
    // The wait is KNOWN_DOWN_WAIT_MS (300 ms); the bound leaves room for a busy machine.
    expect(KNOWN_DOWN_WAIT_MS).toBeLessThanOrEqual(300);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('report the queue down on /health (503)', async () => {
    const health = await t.http().get('/health').expect(503);
    expect(health.body.details.queue.status).toBe('down');
  });
});

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '127.0.0.1,::1' });
  });
  afterAll(() => t.close());

  it('takes the client address from the proxy’s X-Forwarded-For', async () => {
    const username = unique('nobody');
    await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ username, password: 'x' })
      .expect(401);
    const rows = await t.app
      .get(DataSource)
      .query(`SELECT ip FROM audit_events WHERE action = 'auth.login_failed' AND after->>'username' = $1`, [username]);
    expect(rows).toEqual([{ ip: '203.0.113.9' }]);
  });
});

describe('auth rate limit and idle sessions', () => {
  let t: TestApp;
  // The limit's counters live in Redis under the queue prefix: each app here counts on its own.
  let apps = 0;
  const limitedApp = () =>
    startTestApp({
      AUTH_RATE_LIMIT_PER_MINUTE: '3',
      SESSION_IDLE_TIMEOUT_SECONDS: '1',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_rl${apps++}`,
    });
  beforeAll(async () => {
    t = await limitedApp();
  });
  afterAll(() => t.close());

  it('limits login attempts per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await t
            .http()
            .post('/api/v1/auth/login')
            .send({ username: unique('nobody'), password: 'x' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const res = await t.http().post('/api/v1/auth/login').send({ username: 'a', password: 'x' }).expect(429);
    expect(res.body.code).toBe('too_many_requests');
    expect(res.body.message).toMatch(/^请求过于频繁，请 \d+ 秒后再试$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a forged X-Forwarded-For does not get around the limit', async () => {
    // No TRUST_PROXY: the api may face clients directly, so the header is only the client's word.
    const fresh = await limitedApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await fresh
              .http()
              .post('/api/v1/auth/login')
              .set('X-Forwarded-For', `203.0.113.${i}`)
              .send({ username: unique('nobody'), password: 'x' })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await fresh.close();
    }
  });

  it('is one limit for all api instances: a second instance continues the first one’s count', async () => {
    const first = await limitedApp();
    const second = await startTestApp({
      AUTH_RATE_LIMIT_PER_MINUTE: '3',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_rl${apps - 1}`,
    });
    try {
      const statuses: number[] = [];
      for (const app of [first, second, first, second]) {
        statuses.push(
          (
            await app
              .http()
              .post('/api/v1/auth/login')
              .send({ username: unique('nobody'), password: 'x' })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('expires a session left idle', async () => {
    const u = await t.app
      .get(UsersService)
      .create(
        SYSTEM_ACTOR,
        {},
        { username: unique('idle'), displayName: '空闲', password: TEST_PASSWORD, role: 'expert' },
        { mustChangePassword: false },
      );
    const tokens = await t.app.get(AuthService).login(u.username, TEST_PASSWORD, {});
    await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer({ token: tokens.accessToken }))
      .expect(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await t
      .http()
      .get('/api/v1/auth/me')
      .set(bearer({ token: tokens.accessToken }))
      .expect(401);
    expect(res.body.code).toBe('session_idle');
  });
});
