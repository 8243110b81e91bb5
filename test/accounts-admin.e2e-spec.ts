import { DataSource } from 'typeorm';
import { TEST_PASSWORD, TestApp, TestUser, bearer, createUser, startTestApp, unique } from './support/test-app';

/** Officials are the province; admins reset, unlock, re-role and search accounts — audited, admin-only. */
describe('accounts: the official rule and user administration', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
  });
  afterAll(() => t.close());

  const db = () => t.app.get(DataSource);
  const audit = (action: string, entityId: string) =>
    db().query(`SELECT actor_id, before, after FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id`, [
      action,
      entityId,
    ]);
  const login = (username: string, password = TEST_PASSWORD) =>
    t.http().post('/api/v1/auth/login').send({ username, password });
  const createAccount = (role: string, regionCode?: string) =>
    t
      .http()
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ username: unique(role), displayName: '账号', password: TEST_PASSWORD, role, regionCode });

  describe('an official is the province', () => {
    it('refuses an official with a city or county code, naming the field; the province is the default', async () => {
      for (const code of ['330100', '330106']) {
        const res = await createAccount('official', code).expect(400);
        expect(res.body.code).toBe('official_not_provincial');
        expect(res.body.message).toContain('只能是浙江省（330000）');
        expect(res.body.details[0]).toMatchObject({ field: 'regionCode', code: 'official_not_provincial' });
      }
      const created = await createAccount('official').expect(201);
      expect(created.body).toMatchObject({ role: 'official', regionCode: '330000', regionName: '浙江省' });
    });

    it('refuses a role change that would make a city official', async () => {
      const rec = await createUser(t, 'recommender', { regionCode: '330100' });
      const res = await t
        .http()
        .put(`/api/v1/users/${rec.id}/role`)
        .set(bearer(admin))
        .send({ role: 'official', regionCode: '330100' })
        .expect(400);
      expect(res.body.code).toBe('official_not_provincial');
    });

    it('a stored official of a city (made before the rule) can neither sign in nor act until an admin fixes it', async () => {
      const official = await createUser(t, 'official', { regionCode: '330000' });
      await db().query(`UPDATE users SET region_code = '330100' WHERE id = $1`, [official.id]);
      // Its open session no longer acts as the province: no batch can be created with it.
      const refused = await t
        .http()
        .post('/api/v1/batches')
        .set(bearer(official))
        .send({ code: unique('B'), title: '批次', tiers: ['workshop'] })
        .expect(403);
      expect(refused.body.code).toBe('official_misconfigured');
      await t.http().get('/api/v1/batches').set(bearer(official)).expect(403);
      const denied = await login(official.username).expect(403);
      expect(denied.body.code).toBe('official_misconfigured');
      await t
        .http()
        .put(`/api/v1/users/${official.id}/role`)
        .set(bearer(admin))
        .send({ role: 'recommender', regionCode: '330100' })
        .expect(200);
      await login(official.username).expect(200);
    });
  });

  describe('password reset', () => {
    it('gives a one-time password once, ends every session and forces a change at the next login', async () => {
      const user = await createUser(t, 'expert');
      const res = await t.http().post(`/api/v1/users/${user.id}/password-reset`).set(bearer(admin)).expect(200);
      const otp: string = res.body.oneTimePassword;
      expect(otp.length).toBeGreaterThanOrEqual(12);
      expect(res.body.user).toMatchObject({ id: user.id, mustChangePassword: true });
      await t.http().get('/api/v1/auth/me').set(bearer(user)).expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await login(user.username).expect(401);
      const first = await login(user.username, otp).expect(200);
      expect(first.body.mustChangePassword).toBe(true);
      const session = { token: first.body.accessToken as string };
      await t.http().get('/api/v1/regions').set(bearer(session)).expect(403);
      await t
        .http()
        .post('/api/v1/auth/password')
        .set(bearer(session))
        .send({ currentPassword: otp, newPassword: 'Brand-New-Passw0rd' })
        .expect(204);
      await login(user.username, 'Brand-New-Passw0rd').expect(200);
      const [event] = await audit('user.password_reset', user.id);
      expect(event.actor_id).toBe(admin.id);
      expect(event.after).toMatchObject({ mustChangePassword: true, sessionsRevoked: 1 });
      expect(JSON.stringify(event)).not.toContain(otp);
    });

    it('is for admins only, and an unknown id is a 404', async () => {
      const official = await createUser(t, 'official', { regionCode: '330000' });
      const user = await createUser(t, 'expert');
      await t.http().post(`/api/v1/users/${user.id}/password-reset`).set(bearer(official)).expect(403);
      await t.http().post(`/api/v1/users/${user.id}/unlock`).set(bearer(official)).expect(403);
      await t.http().put(`/api/v1/users/${user.id}/role`).set(bearer(official)).send({ role: 'admin' }).expect(403);
      await t.http().get('/api/v1/users').set(bearer(official)).expect(403);
      await t
        .http()
        .post('/api/v1/users/00000000-0000-4000-8000-000000000000/password-reset')
        .set(bearer(admin))
        .expect(404);
    });
  });

  describe('role and jurisdiction change', () => {
    it('ends the sessions, takes effect at the next login and is audited with before and after', async () => {
      const rec = await createUser(t, 'recommender', { regionCode: '330100' });
      const res = await t
        .http()
        .put(`/api/v1/users/${rec.id}/role`)
        .set(bearer(admin))
        .send({ role: 'recommender', regionCode: '330106' })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'recommender', regionCode: '330106', regionName: '西湖区' });
      await t.http().get('/api/v1/auth/me').set(bearer(rec)).expect(401);
      const again = await login(rec.username).expect(200);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set(bearer({ token: again.body.accessToken }))
        .expect(200);
      expect(me.body.regionCode).toBe('330106');
      const [event] = await audit('user.role_changed', rec.id);
      expect(event.before).toEqual({ role: 'recommender', regionCode: '330100' });
      expect(event.after).toEqual({ role: 'recommender', regionCode: '330106', sessionsRevoked: 1 });
    });

    it('refuses enterprise accounts, one’s own role, and a jurisdiction the role does not take', async () => {
      const ent = await createUser(t, 'enterprise');
      const expert = await createUser(t, 'expert');
      const put = (id: string, body: object, as = admin) =>
        t.http().put(`/api/v1/users/${id}/role`).set(bearer(as)).send(body);
      expect((await put(ent.id, { role: 'expert' }).expect(400)).body.code).toBe('role_not_assignable');
      expect((await put(expert.id, { role: 'enterprise' }).expect(400)).body.code).toMatch(/validation|role/);
      expect((await put(admin.id, { role: 'expert' }).expect(400)).body.code).toBe('cannot_change_own_role');
      expect((await put(expert.id, { role: 'expert', regionCode: '330100' }).expect(400)).body.code).toBe(
        'region_code_mismatch',
      );
      expect((await put(expert.id, { role: 'recommender' }).expect(400)).body.code).toBe('region_code_mismatch');
      // Nothing was changed by the refusals.
      await t.http().get('/api/v1/auth/me').set(bearer(expert)).expect(200);
    });
  });

  describe('search', () => {
    it('filters by role, jurisdiction (a city covers its counties), status and name', async () => {
      const tag = unique('寻');
      const mk = async (role: string, regionCode?: string) => {
        const res = await t
          .http()
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ username: unique('s'), displayName: `${tag}${role}`, password: TEST_PASSWORD, role, regionCode })
          .expect(201);
        return res.body.id as string;
      };
      const city = await mk('recommender', '330100');
      const county = await mk('recommender', '330106');
      const other = await mk('recommender', '330200');
      const expert = await mk('expert');
      await t.http().patch(`/api/v1/users/${expert}`).set(bearer(admin)).send({ active: false }).expect(200);
      const search = async (query: string) => {
        const res = await t
          .http()
          .get(`/api/v1/users?q=${encodeURIComponent(tag)}&${query}`)
          .set(bearer(admin))
          .expect(200);
        return (res.body.items as { id: string }[]).map((u) => u.id).sort();
      };
      expect(await search('role=recommender&regionCode=330100')).toEqual([city, county].sort());
      expect(await search('regionCode=330106')).toEqual([county]);
      expect(await search('regionCode=330000')).toEqual([city, county, other].sort());
      expect(await search('status=inactive')).toEqual([expert]);
      expect(await search('status=active&role=expert')).toEqual([]);
      const bad = await t.http().get('/api/v1/users?status=gone').set(bearer(admin)).expect(400);
      expect(bad.body.details[0].field).toBe('status');
    });
  });
});
