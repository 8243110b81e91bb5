import { SYSTEM_ACTOR } from '@ff/core';
import { UsersService } from '@ff/identity';
import { TEST_PASSWORD, TestApp, bearer, startTestApp, unique } from './support/test-app';

/** The auth rate limit's scope, its 429, CORS, and the two-step lockout — each on its own app. */
let apps = 0;
const ownPrefix = () => `${process.env.QUEUE_PREFIX}_al${apps++}`;

async function account(t: TestApp, role: 'expert' | 'admin' = 'expert') {
  const username = unique(role);
  const user = await t.app
    .get(UsersService)
    .create(
      SYSTEM_ACTOR,
      {},
      { username, displayName: '测试', password: TEST_PASSWORD, role },
      { mustChangePassword: false },
    );
  return { id: user.id, username };
}

describe('auth rate limit: one bucket for login, refresh, register and password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '4', QUEUE_PREFIX: ownPrefix() });
  });
  afterAll(() => t.close());

  it('counts the four routes together, not /auth/me, and answers 429 with Retry-After', async () => {
    const u = await account(t);
    const login = await t.http().post('/api/v1/auth/login').send({ username: u.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200); // 1
    const session = { token: login.body.accessToken as string };
    for (let i = 0; i < 10; i++) await t.http().get('/api/v1/auth/me').set(bearer(session)).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200); // 2
    await t
      .http()
      .post('/api/v1/auth/register')
      .send({ username: unique('reg'), displayName: '联系人', password: TEST_PASSWORD })
      .expect(201); // 3
    await t
      .http()
      .post('/api/v1/auth/password')
      .set(bearer(session))
      .send({ currentPassword: 'Wrong-Passw0rd', newPassword: 'Another-Passw0rd1' })
      .expect(400); // 4
    const limited = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 'x.y' }).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({
      code: 'too_many_requests',
      message: `请求过于频繁，请 ${retryAfter} 秒后再试`,
    });
    // Every limited route is refused now, while a signed-in portal goes on reading /auth/me.
    await t.http().post('/api/v1/auth/login').send({ username: u.username, password: TEST_PASSWORD }).expect(429);
    await t.http().get('/api/v1/auth/me').set(bearer(session)).expect(200);
  });
});

describe('CORS_ORIGINS', () => {
  const allowed = 'https://portal.example.gov.cn';
  let t: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${allowed}, https://other.example.gov.cn`, QUEUE_PREFIX: ownPrefix() });
    plain = await startTestApp({ QUEUE_PREFIX: ownPrefix() });
  });
  afterAll(() => Promise.all([t.close(), plain.close()]));

  it('answers an allowed origin with CORS headers, and a preflight', async () => {
    const res = await t.http().get('/api/v1/rules/catalog').set('Origin', allowed).expect(401);
    expect(res.headers['access-control-allow-origin']).toBe(allowed);
    expect(res.headers['access-control-expose-headers']).toContain('Retry-After');
    const preflight = await t
      .http()
      .options('/api/v1/auth/login')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/i);
  });

  it('gives another origin no CORS header', async () => {
    const res = await t.http().get('/health').set('Origin', 'https://evil.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS header at all by default', async () => {
    const res = await plain.http().get('/health').set('Origin', allowed);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a malformed CORS_ORIGINS at start-up, naming it', async () => {
    await expect(startTestApp({ CORS_ORIGINS: 'portal.example.gov.cn/path' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});

describe('lockout: the (account, client address) pair first, the account only beyond a higher bar', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a trusted proxy, X-Forwarded-For names the client: one test process plays many addresses.
    t = await startTestApp({
      TRUST_PROXY: '127.0.0.1,::1',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_MAX_FAILURES: '7',
      QUEUE_PREFIX: ownPrefix(),
    });
  });
  afterAll(() => t.close());

  const login = (from: string, username: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const fail = async (from: string, username: string, times: number) => {
    for (let i = 0; i < times; i++) await login(from, username, `Wrong-${i}-Passw0rd`).expect(401);
  };

  it('a stranger locks only their own address out; the owner elsewhere signs in', async () => {
    const u = await account(t, 'admin');
    await fail('198.51.100.1', u.username, 3);
    const locked = await login('198.51.100.1', u.username, TEST_PASSWORD).expect(423);
    expect(locked.body).toMatchObject({ code: 'account_locked' });
    expect(locked.body.message).toContain('当前网络地址已暂时锁定');
    await login('198.51.100.2', u.username, TEST_PASSWORD).expect(200);
  });

  it('an unknown username locks exactly like a real one (no enumeration through the lock)', async () => {
    const name = unique('nobody');
    await fail('198.51.100.3', name, 3);
    const res = await login('198.51.100.3', name, TEST_PASSWORD).expect(423);
    expect(res.body.message).toContain('当前网络地址已暂时锁定');
  });

  it('many addresses together lock the account itself, until an admin unlocks it', async () => {
    const u = await account(t);
    await fail('198.51.100.10', u.username, 3);
    await fail('198.51.100.11', u.username, 3);
    await fail('198.51.100.12', u.username, 1); // the 7th failure across addresses
    const locked = await login('198.51.100.13', u.username, TEST_PASSWORD).expect(423);
    expect(locked.body.message).toContain('账号已锁定');
    const admin = await account(t, 'admin');
    const adminLogin = await login('198.51.100.20', admin.username, TEST_PASSWORD).expect(200);
    const adminToken = { token: adminLogin.body.accessToken as string };
    const found = await t.http().get(`/api/v1/users?status=locked&q=${u.username}`).set(bearer(adminToken)).expect(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0].lockedUntil).not.toBeNull();
    expect(found.body.items[0].lockedAddresses).toBe(2);
    const unlocked = await t.http().post(`/api/v1/users/${u.id}/unlock`).set(bearer(adminToken)).expect(200);
    expect(unlocked.body).toMatchObject({ lockedUntil: null, lockedAddresses: 0 });
    await login('198.51.100.10', u.username, TEST_PASSWORD).expect(200);
  });

  it('a success resets the account count, so scattered typos never add up to a lock', async () => {
    const u = await account(t);
    for (const from of ['198.51.100.30', '198.51.100.31', '198.51.100.32']) {
      await fail(from, u.username, 2);
      await login(from, u.username, TEST_PASSWORD).expect(200);
    }
    await fail('198.51.100.33', u.username, 2);
    await login('198.51.100.34', u.username, TEST_PASSWORD).expect(200);
  });
});
