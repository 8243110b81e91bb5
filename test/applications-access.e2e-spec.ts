import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditVerifier } from '@ff/audit';
import { AccessCase, Expected, accessMatrix, each, rows } from './support/access-matrix';
import {
  NARRATIVE,
  completeDraft,
  enterpriseUser,
  fingerprint,
  openBatch,
  uniqueCreditCode,
  waitForStatus,
} from './support/fixtures';
import { TEST_PASSWORD, TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * The access matrix of the applications slice (and the enterprise and batch routes around it):
 * every route, every role, allowed and refused. A refusal is 401 (no session), 403 (the role may
 * not call the route) or 404 (the resource is another party's or does not exist — the two look the
 * same); 403 and 404 leave an `access.denied` audit row for that actor and target, and a refused
 * write changes nothing (the shared runner, `support/access-matrix.ts`, checks all of it per case).
 *
 * Enterprises A and B are both in 西湖区 (330106), so B is refused by ownership, not by region.
 */

type Who =
  | 'entA'
  | 'entB'
  | 'entC'
  | 'county'
  | 'city'
  | 'neighbourCounty'
  | 'otherCity'
  | 'provinceRecommender'
  | 'expert'
  | 'official'
  | 'admin'
  | 'anonymous';
type Status = Expected;
type Case = AccessCase<Who>;

/** Who may read one application: its owner, the recommenders whose jurisdiction covers it, the province. */
const READ_APPLICATION: Partial<Record<Who, Status>> = {
  entA: 200,
  county: 200,
  city: 200,
  official: 200,
  entB: 404,
  neighbourCounty: 404,
  otherCity: 404,
  expert: 403,
  admin: 403,
  anonymous: 401,
};
/** A draft is the enterprise's own until it is first submitted: everyone else is told it does not exist. */
const READ_DRAFT: Partial<Record<Who, Status>> = {
  ...READ_APPLICATION,
  county: 404,
  city: 404,
  provinceRecommender: 404,
  official: 404,
};
/** Writes are the owning enterprise's alone: another enterprise is told the application does not exist. */
const OWNER_WRITE_REFUSED: Partial<Record<Who, Status>> = {
  entB: 404,
  county: 403,
  city: 403,
  otherCity: 403,
  official: 403,
  expert: 403,
  admin: 403,
  anonymous: 401,
};
/** Guessed ids: an unknown application is answered exactly like another party's. */
const GUESSED: Partial<Record<Who, Status>> = { entA: 404, county: 404, official: 404 };

describe('applications: who may do what (access matrix)', () => {
  let t: TestApp;
  let ds: DataSource;
  const users = {} as Record<Exclude<Who, 'anonymous'>, TestUser>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    users.official = await createUser(t, 'official', { regionCode: '330000' });
    users.county = await createUser(t, 'recommender', { regionCode: '330106' }); // 杭州市西湖区: A's county
    users.city = await createUser(t, 'recommender', { regionCode: '330100' }); // 杭州市: A's city
    users.neighbourCounty = await createUser(t, 'recommender', { regionCode: '330105' }); // 拱墅区: same city, other county
    users.otherCity = await createUser(t, 'recommender', { regionCode: '330200' }); // 宁波市
    // A recommender account at province level (sees all, has no recommending level) cannot be
    // created any more; one left from before jurisdictions were checked must still be refused.
    const legacy = await createUser(t, 'recommender', { regionCode: '330100' });
    await ds.query(`UPDATE users SET region_code = '330000' WHERE id = $1`, [legacy.id]);
    const relogin = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: legacy.username, password: TEST_PASSWORD })
      .expect(200);
    users.provinceRecommender = { ...legacy, token: relogin.body.accessToken, refreshToken: relogin.body.refreshToken };
    users.expert = await createUser(t, 'expert');
    users.admin = await createUser(t, 'admin');

    const batch = await openBatch(t, users.official);
    ids.batch = batch.id;
    const draftBatch = await t
      .http()
      .post('/api/v1/batches')
      .set(bearer(users.official))
      .send({
        code: `DRAFT${Date.now().toString(36)}`,
        title: '未开放的批次',
        tiers: ['workshop'],
        submissionOpensAt: new Date(Date.now() - 3600_000).toISOString(),
        submissionClosesAt: new Date(Date.now() + 86400_000).toISOString(),
      })
      .expect(201);
    ids.draftBatch = draftBatch.body.id;

    const a = await enterpriseUser(t, '330106');
    const b = await enterpriseUser(t, '330106');
    const c = await enterpriseUser(t, '330106');
    users.entA = a.user;
    users.entB = b.user;
    users.entC = c.user;
    ids.entA = a.enterprise.id;
    ids.entB = b.enterprise.id;
    ids.entACreditCode = a.enterprise.creditCode;

    const appA = await completeDraft(t, users.entA, batch.id);
    const appB = await completeDraft(t, users.entB, batch.id);
    ids.appA = appA.id;
    ids.evA = appA.evidenceId;
    ids.appB = appB.id;
    ids.evB = appB.evidenceId;
    ids.clause = appA.clauses.find((cl) => cl.obligation === 'mandatory')!.clauseId;
    ids.mandatory = JSON.stringify(appA.clauses.filter((cl) => cl.obligation === 'mandatory').map((cl) => cl.clauseId));
  });
  afterAll(() => t.close());

  const {
    run,
    fill,
    count,
    cases: check,
  } = accessMatrix<Who>({
    app: () => t,
    users,
    ids,
    resources: { applications: 'application', enterprises: 'enterprise', batches: 'batch' },
    unchanged: fingerprint,
  });

  // ------------------------------------------------------------------ a draft application

  describe('A’s draft: reads', () => {
    const cases: Case[] = [
      ...each('get', '/applications/{appA}', READ_DRAFT),
      ...each('get', '/applications/{appA}/self-assessment', READ_DRAFT),
      ...each('get', '/applications/{appA}/evidence', READ_DRAFT),
      ...each('get', '/applications/{appA}/evidence/{evA}/content', READ_DRAFT),
      ...each('get', '/applications/{appA}/precheck', READ_DRAFT),
      ...each('get', '/applications/{appA}/history', READ_DRAFT),
      ...each('get', '/applications?batchId={batch}', {
        entA: 200,
        entB: 200,
        county: 200,
        city: 200,
        neighbourCounty: 200,
        otherCity: 200,
        provinceRecommender: 200,
        official: 200,
        expert: 403,
        admin: 403,
        anonymous: 401,
      }),
      // B's own application and evidence: B may, A may not.
      ...each('get', '/applications/{appB}', { entB: 200, entA: 404 }),
      ...each('get', '/applications/{appB}/evidence/{evB}/content', { entB: 200, entA: 404 }),
      // Evidence ids only work with the application they belong to.
      ...each(
        'get',
        '/applications/{appA}/evidence/{evB}/content',
        { entA: 404 },
        { audited: ['evidence_file', '{evB}'] },
      ),
      ...each(
        'get',
        '/applications/{appB}/evidence/{evA}/content',
        { entB: 404 },
        { audited: ['evidence_file', '{evA}'] },
      ),
      // Guessed ids.
      ...each('get', '/applications/{random}', GUESSED),
      ...each('get', '/applications/{random}/self-assessment', GUESSED),
      ...each('get', '/applications/{random}/evidence', GUESSED),
      ...each('get', '/applications/{random}/evidence/{evA}/content', GUESSED),
      ...each('get', '/applications/{random}/precheck', GUESSED),
      ...each('get', '/applications/{random}/history', GUESSED),
    ];
    check(cases);

    it.each(rows(each('get', '/applications/{appA}/evidence/{random}/content', { entA: 404 })))('%s', async (_, c) => {
      // The application is visible; the unknown evidence id is what is denied (and audited).
      const path = fill(c.path);
      const evidenceId = path.split('/')[4];
      await run({ ...c, path, audited: ['evidence_file', evidenceId] });
    });

    it.each([
      ['entA', ['appA']],
      ['entB', ['appB']],
      ['county', []],
      ['city', []],
      ['provinceRecommender', []],
      ['official', []],
      ['neighbourCounty', []],
      ['otherCity', []],
    ] as const)('%s lists exactly %j of this batch while both are drafts', async (who, expected) => {
      const res = await t
        .http()
        .get('/api/v1/applications')
        .query({ batchId: ids.batch, pageSize: 100 })
        .set(bearer(users[who]))
        .expect(200);
      expect(res.body.items.map((a: { id: string }) => a.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
      expect(res.body.total).toBe(expected.length);
    });

    it('a filter never widens the scope: B searching for A’s credit code or region finds only its own', async () => {
      const byCode = await t
        .http()
        .get('/api/v1/applications')
        .query({ q: ids.entACreditCode })
        .set(bearer(users.entB))
        .expect(200);
      expect(byCode.body).toMatchObject({ total: 0, items: [] });
      for (const regionCode of ['330106', '330100', '330000']) {
        const res = await t
          .http()
          .get('/api/v1/applications')
          .query({ regionCode, batchId: ids.batch })
          .set(bearer(users.entB))
          .expect(200);
        expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([ids.appB]);
      }
      const ningbo = await t
        .http()
        .get('/api/v1/applications')
        .query({ regionCode: '330106' })
        .set(bearer(users.otherCity))
        .expect(200);
      expect(ningbo.body.total).toBe(0);
    });
  });

  describe('A’s draft: refused writes change nothing', () => {
    const TAMPER = { declarations: [{ clauseId: '{clause}', status: 'not_met', narrative: '被他人篡改' }] };
    const cases: Case[] = [
      ...each(
        'post',
        '/applications',
        { county: 403, city: 403, otherCity: 403, official: 403, expert: 403, admin: 403, anonymous: 401 },
        { body: { batchId: '{batch}', tier: 'workshop' } },
      ),
      // Not access refusals, but refusals all the same: one application per batch; drafts are hidden.
      ...each(
        'post',
        '/applications',
        { entA: 409 },
        { body: { batchId: '{batch}', tier: 'smart_factory' }, code: 'application_exists' },
      ),
      ...each(
        'post',
        '/applications',
        { entC: 404 },
        { body: { batchId: '{draftBatch}', tier: 'workshop' }, audited: ['batch', '{draftBatch}'] },
      ),
      ...each('patch', '/applications/{appA}', OWNER_WRITE_REFUSED, { body: { tier: 'smart_factory' } }),
      ...each('put', '/applications/{appA}/self-assessment', OWNER_WRITE_REFUSED, { body: TAMPER }),
      ...each('put', '/applications/{appA}/self-assessment/{clause}', OWNER_WRITE_REFUSED, {
        body: { status: 'not_met', narrative: '被他人篡改' },
      }),
      ...each('post', '/applications/{appA}/evidence', OWNER_WRITE_REFUSED, { upload: true }),
      ...each('post', '/applications/{appA}/submit', OWNER_WRITE_REFUSED),
      ...each('post', '/applications/{appA}/withdraw', OWNER_WRITE_REFUSED, { body: { reason: '他人代为撤回' } }),
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        {
          entA: 403,
          entB: 403,
          official: 403,
          expert: 403,
          admin: 403,
          neighbourCounty: 404,
          otherCity: 404,
          anonymous: 401,
        },
        { body: { decision: 'return', comment: '他人越权退回申报' } },
      ),
      // A's own id used by A's owner on B's application, and guessed ids.
      ...each('patch', '/applications/{appB}', { entA: 404 }, { body: { tier: 'smart_factory' } }),
      ...each(
        'put',
        '/applications/{appB}/self-assessment/{clause}',
        { entA: 404 },
        { body: { status: 'met', narrative: NARRATIVE, evidenceIds: ['{evA}'] } },
      ),
      ...each('patch', '/applications/{random}', { entA: 404 }, { body: { tier: 'smart_factory' } }),
      ...each('put', '/applications/{random}/self-assessment', { entA: 404 }, { body: TAMPER }),
      ...each('put', '/applications/{random}/self-assessment/{clause}', { entA: 404 }, { body: { status: 'met' } }),
      ...each('post', '/applications/{random}/evidence', { entA: 404 }, { upload: true }),
      ...each('post', '/applications/{random}/submit', { entA: 404 }),
      ...each('post', '/applications/{random}/withdraw', { entA: 404 }, { body: {} }),
      ...each('post', '/applications/{random}/recommendation', { county: 404 }, { body: { decision: 'recommend' } }),
      // The county does not even learn that A's draft exists.
      ...each('post', '/applications/{appA}/recommendation', { county: 404 }, { body: { decision: 'recommend' } }),
    ];
    check(cases);
  });

  describe('A’s draft: the owner’s writes are allowed', () => {
    const cases: Case[] = [
      ...each('patch', '/applications/{appA}', { entA: 200 }, { body: { tier: 'workshop' } }),
      ...each(
        'put',
        '/applications/{appA}/self-assessment/{clause}',
        { entA: 200 },
        { body: { status: 'met', narrative: NARRATIVE, evidenceIds: ['{evA}'] } },
      ),
      ...each('post', '/applications/{appA}/evidence', { entA: 201 }, { upload: true }),
      ...each(
        'put',
        '/applications/{appA}/self-assessment',
        { entA: 200 },
        {
          body: () => ({
            declarations: (JSON.parse(ids.mandatory) as string[]).map((clauseId) => ({
              clauseId,
              status: 'met',
              narrative: NARRATIVE,
              evidenceIds: [ids.evA],
            })),
          }),
        },
      ),
      ...each('post', '/applications', { entC: 201 }, { body: { batchId: '{batch}', tier: 'smart_factory' } }),
      ...each('post', '/applications/{appA}/submit', { entA: 200 }),
    ];
    check(cases);

    it('the pre-check passes A’s submission', async () => {
      expect(await waitForStatus(t, ids.appA, users.entA, 'submitted')).toMatchObject({ status: 'precheck_passed' });
    });
  });

  describe('recommendation and withdrawal', () => {
    const cases: Case[] = [
      ...each('post', '/applications/{appA}/submit', { entB: 404, county: 403 }),
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        {
          entA: 403,
          entB: 403,
          official: 403,
          expert: 403,
          admin: 403,
          neighbourCounty: 404,
          otherCity: 404,
          anonymous: 401,
        },
        { body: { decision: 'return', comment: '他人越权退回申报' } },
      ),
      // A recommender without a county or city level sees the application but may not decide on it.
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        { provinceRecommender: 403 },
        { body: { decision: 'recommend' }, audited: ['application', '{appA}'], code: 'recommender_level_required' },
      ),
      // The city may see it but must wait for the county.
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        { city: 409 },
        { body: { decision: 'recommend' }, code: 'invalid_transition' },
      ),
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        { county: 200 },
        { body: { decision: 'recommend', comment: '同意推荐' } },
      ),
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        { otherCity: 404, neighbourCounty: 404 },
        { body: { decision: 'return', comment: '他人越权退回申报' } },
      ),
      ...each(
        'post',
        '/applications/{appA}/recommendation',
        { city: 200 },
        { body: { decision: 'recommend', comment: '同意推荐至省级' } },
      ),
      // B's draft: only B withdraws it.
      ...each(
        'post',
        '/applications/{appB}/withdraw',
        { entA: 404, county: 403, city: 403, official: 403, expert: 403, admin: 403, anonymous: 401 },
        { body: { reason: '他人代为撤回' } },
      ),
      ...each('post', '/applications/{appB}/withdraw', { entB: 200 }, { body: { reason: '本年度暂不申报' } }),
      // Submitted, A's application is read by its recommenders and the province; B's draft, withdrawn
      // without ever being submitted, stays B's own.
      ...each('get', '/applications/{appA}', READ_APPLICATION),
      ...each('get', '/applications/{appA}/self-assessment', READ_APPLICATION),
      ...each('get', '/applications/{appA}/evidence/{evA}/content', READ_APPLICATION),
      ...each('get', '/applications/{appA}/history', READ_APPLICATION),
      ...each('get', '/applications/{appB}/history', {
        entB: 200,
        entA: 404,
        county: 404,
        city: 404,
        official: 404,
        otherCity: 404,
      }),
    ];
    check(cases);

    it.each([
      ['entA', ['appA']],
      ['entB', ['appB']],
      ['county', ['appA']],
      ['city', ['appA']],
      ['official', ['appA']],
      ['neighbourCounty', []],
    ] as const)('%s then lists exactly %j: the submitted one, never the withdrawn draft', async (who, expected) => {
      const res = await t
        .http()
        .get('/api/v1/applications')
        .query({ batchId: ids.batch, pageSize: 100 })
        .set(bearer(users[who]))
        .expect(200);
      expect(res.body.items.map((a: { id: string }) => a.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
    });

    it('ends where the allowed calls left it; denials are audited but are not part of the history', async () => {
      const a = await t.http().get(`/api/v1/applications/${ids.appA}`).set(bearer(users.entA)).expect(200);
      expect(a.body.status).toBe('city_recommended');
      const b = await t.http().get(`/api/v1/applications/${ids.appB}`).set(bearer(users.entB)).expect(200);
      expect(b.body.status).toBe('withdrawn');
      const history = await t
        .http()
        .get(`/api/v1/applications/${ids.appA}/history`)
        .set(bearer(users.entA))
        .expect(200);
      expect(history.body.map((h: { action: string }) => h.action)).not.toContain('access.denied');
      expect(await count(`SELECT count(*) AS n FROM recommendations WHERE application_id = $1`, [ids.appA])).toBe(2);
      expect(await count(`SELECT count(*) AS n FROM recommendations WHERE application_id = $1`, [ids.appB])).toBe(0);
    });
  });

  // ------------------------------------------------------------------ enterprises and batches

  describe('enterprise routes', () => {
    const REGISTER = () => ({
      name: '代为登记企业有限公司',
      creditCode: uniqueCreditCode(),
      regionCode: '330106',
      industryMode: 'discrete',
    });
    const cases: Case[] = [
      ...each('get', '/enterprises/{entA}', {
        entA: 200,
        county: 200,
        city: 200,
        official: 200,
        entB: 404,
        neighbourCounty: 404,
        otherCity: 404,
        expert: 403,
        admin: 403,
        anonymous: 401,
      }),
      ...each('get', '/enterprises/{random}', { entA: 404, official: 404 }),
      ...each('get', '/enterprises', {
        entA: 200,
        entB: 200,
        county: 200,
        city: 200,
        otherCity: 200,
        official: 200,
        expert: 403,
        admin: 403,
        anonymous: 401,
      }),
      ...each(
        'patch',
        '/enterprises/{entA}',
        { entB: 404, county: 403, city: 403, otherCity: 403, expert: 403, admin: 403, anonymous: 401 },
        { body: { contactName: '篡改者' } },
      ),
      ...each('patch', '/enterprises/{random}', { official: 404 }, { body: { contactName: '篡改者' } }),
      ...each('patch', '/enterprises/{entA}', { entA: 200, official: 200 }, { body: { contactName: '张三' } }),
      ...each(
        'post',
        '/enterprises',
        { county: 403, city: 403, expert: 403, admin: 403, anonymous: 401 },
        { body: REGISTER },
      ),
      ...each('post', '/enterprises', { entA: 409 }, { body: REGISTER, code: 'enterprise_already_bound' }),
      ...each('post', '/enterprises', { official: 201 }, { body: REGISTER }),
      ...each('get', '/regions', { entA: 200, county: 200, expert: 200, official: 200, admin: 200, anonymous: 401 }),
    ];
    check(cases);

    it.each([
      ['entA', ['entA']],
      ['entB', ['entB']],
      ['county', ['entA', 'entB']],
      ['otherCity', []],
    ] as const)('%s lists %j of A and B', async (who, expected) => {
      const res = await t
        .http()
        .get('/api/v1/enterprises')
        .query({ pageSize: 100 })
        .set(bearer(users[who]))
        .expect(200);
      const seen = res.body.items
        .map((e: { id: string }) => e.id)
        .filter((id: string) => id === ids.entA || id === ids.entB);
      expect(seen.sort()).toEqual(expected.map((k) => ids[k]).sort());
    });
  });

  describe('batch routes', () => {
    const BATCH = () => ({
      code: `ACL${randomUUID().slice(0, 8)}`,
      title: '权限测试批次',
      tiers: ['workshop'],
      submissionOpensAt: new Date(Date.now() - 3600_000).toISOString(),
      submissionClosesAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    const EVERYONE: Partial<Record<Who, Status>> = {
      entA: 200,
      county: 200,
      expert: 200,
      official: 200,
      admin: 200,
      anonymous: 401,
    };
    const OFFICIAL_ONLY: Partial<Record<Who, Status>> = {
      entA: 403,
      county: 403,
      city: 403,
      expert: 403,
      admin: 403,
      anonymous: 401,
    };
    const cases: Case[] = [
      ...each('get', '/batches', EVERYONE),
      ...each('get', '/batches/{batch}', EVERYONE),
      // A draft batch is the province's working copy: everyone else is told it does not exist.
      ...each('get', '/batches/{draftBatch}', {
        official: 200,
        entA: 404,
        county: 404,
        expert: 404,
        admin: 404,
        anonymous: 401,
      }),
      ...each('get', '/batches/{random}', { entA: 404, official: 404 }),
      ...each('post', '/batches', OFFICIAL_ONLY, { body: BATCH }),
      ...each('patch', '/batches/{batch}', OFFICIAL_ONLY, {
        body: { submissionClosesAt: new Date(Date.now() + 30 * 86400_000).toISOString() },
      }),
      ...each('post', '/batches/{draftBatch}/open', OFFICIAL_ONLY),
      ...each('post', '/batches/{batch}/close', OFFICIAL_ONLY),
      ...each('post', '/batches', { official: 201 }, { body: BATCH }),
      ...each(
        'patch',
        '/batches/{batch}',
        { official: 200 },
        { body: { submissionClosesAt: new Date(Date.now() + 30 * 86400_000).toISOString() } },
      ),
      ...each('post', '/batches/{draftBatch}/open', { official: 200 }),
      ...each('post', '/batches/{draftBatch}/close', { official: 200 }),
    ];
    check(cases);

    it('the audit chain is intact after all of the above', async () => {
      const chain = await t.app.get(AuditVerifier).verify();
      expect(chain.problems).toEqual([]);
      expect(chain.ok).toBe(true);
    });
  });
});
