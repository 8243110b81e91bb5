import { DataSource } from 'typeorm';
import { accessMatrix, each } from './support/access-matrix';
import { completeDraft, enterpriseUser, openBatch, precheckPassedApplication } from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * The access matrix of the eligibility and quota routes: who may change the 山区海岛县 list, set
 * quotas, read statistics and ranked lists, and change another party's facts or recommendations —
 * guessed or foreign ids answer exactly like unknown ones (404, audited). The role tables run on the
 * shared runner (`support/access-matrix.ts`); what each party then sees in a list is checked beside them.
 */
type Who =
  | 'admin'
  | 'official'
  | 'county'
  | 'city'
  | 'otherCity'
  | 'otherCounty'
  | 'owner'
  | 'stranger'
  | 'expert'
  | 'anonymous';
describe('eligibility and quotas: who may do what', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let county: TestUser;
  let city: TestUser;
  let otherCity: TestUser;
  let otherCounty: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let expert: TestUser;
  let batchId: string;
  let appId: string;
  let strangerDraft: { id: string; evidenceId: string };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    admin = await createUser(t, 'admin');
    official = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' });
    city = await createUser(t, 'recommender', { regionCode: '330100' });
    otherCity = await createUser(t, 'recommender', { regionCode: '330200' });
    otherCounty = await createUser(t, 'recommender', { regionCode: '330108' });
    expert = await createUser(t, 'expert');
    batchId = (await openBatch(t, official)).id;
    owner = (await enterpriseUser(t)).user;
    stranger = (await enterpriseUser(t)).user;
    appId = (await precheckPassedApplication(t, owner, batchId)).id;
    strangerDraft = await completeDraft(t, stranger, batchId);
    await t
      .http()
      .post(`/api/v1/applications/${appId}/recommendation`)
      .set(bearer(county))
      .send({ decision: 'recommend' })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/applications/${appId}/recommendation`)
      .set(bearer(city))
      .send({ decision: 'recommend', comment: '同意推荐' })
      .expect(200);
  });
  afterAll(() => t.close());

  const users: Partial<Record<Who, TestUser>> = {};
  const ids: Record<string, string> = {};
  beforeAll(() => {
    Object.assign(users, { admin, official, county, city, otherCity, otherCounty, owner, stranger, expert });
    Object.assign(ids, { batch: batchId, app: appId, strangerApp: strangerDraft.id });
  });
  const { cases } = accessMatrix<Who>({ app: () => t, users, ids, resources: { applications: 'application' } });

  describe('the 山区海岛县 list: only the admin changes it; everyone signed in reads it', () => {
    const OTHERS = { official: 403, county: 403, owner: 403, expert: 403 } as const;
    cases([
      ...each<Who>('put', '/regions/mountain-island-counties/330106', OTHERS, { body: { source: '某文件' } }),
      ...each<Who>('delete', '/regions/mountain-island-counties/330127', OTHERS),
      ...each<Who>('get', '/regions/mountain-island-counties', {
        official: 200,
        county: 200,
        owner: 200,
        expert: 200,
        anonymous: 401,
      }),
    ]);
    it('the list is unchanged', async () => {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM mountain_island_counties`);
      expect(n).toBe(26);
    });
  });

  describe('only the province sets quotas', () => {
    const QUOTA = { regionCode: '330100', tier: 'workshop', quota: 5 };
    cases([
      ...each<Who>(
        'put',
        '/batches/{batch}/recommendation-quotas',
        { admin: 403, county: 403, city: 403, owner: 403, expert: 403, anonymous: 401 },
        { body: QUOTA },
      ),
      ...each<Who>('put', '/batches/{random}/recommendation-quotas', { official: 404 }, { body: QUOTA }),
      ...each<Who>('put', '/batches/{batch}/recommendation-quotas', { official: 200 }, { body: QUOTA }),
      ...each<Who>(
        'put',
        '/batches/{batch}/recommendation-quotas',
        { official: 200 },
        { body: { regionCode: '330200', tier: 'workshop', quota: 4 } },
      ),
    ]);
  });

  describe('quotas and statistics: recommenders and the province, each its own jurisdiction', () => {
    const REFUSED = { owner: 403, expert: 403, admin: 403, anonymous: 401 } as const;
    cases([
      ...each<Who>('get', '/batches/{batch}/statistics', REFUSED),
      ...each<Who>('get', '/batches/{batch}/recommendation-quotas', REFUSED),
      ...each<Who>('get', '/batches/{random}/statistics', { city: 404 }),
    ]);

    it('a recommender sees the quotas and statistics of its own jurisdiction only', async () => {
      const quotas = async (who: TestUser) =>
        (
          await t.http().get(`/api/v1/batches/${batchId}/recommendation-quotas`).set(bearer(who)).expect(200)
        ).body.items.map((q: { regionCode: string }) => q.regionCode);
      expect(await quotas(official)).toEqual(['330100', '330200']);
      expect(await quotas(city)).toEqual(['330100']);
      expect(await quotas(otherCity)).toEqual(['330200']);
      expect(await quotas(county)).toEqual([]);

      const stats = async (who: TestUser, query = '') =>
        (
          await t.http().get(`/api/v1/batches/${batchId}/statistics${query}`).set(bearer(who)).expect(200)
        ).body.items.map((r: { regionCode: string }) => r.regionCode);
      expect(await stats(official)).toEqual(['330100', '330106', '330200']);
      expect(await stats(city)).toEqual(['330100', '330106']);
      // Asking for another region gives nothing of it.
      expect(await stats(otherCity, '?regionCode=330100')).toEqual([]);
      expect(await stats(otherCounty)).toEqual([]);
    });
  });

  describe('ranked lists belong to recommenders; each sees its own', () => {
    cases(
      each<Who>('get', '/batches/{batch}/recommendation-list?tier=workshop', {
        official: 403,
        owner: 403,
        expert: 403,
        admin: 403,
        anonymous: 401,
      }),
    );

    it('each recommender lists its own', async () => {
      const list = async (who: TestUser) =>
        (
          await t
            .http()
            .get(`/api/v1/batches/${batchId}/recommendation-list?tier=workshop`)
            .set(bearer(who))
            .expect(200)
        ).body;
      expect((await list(city)).items.map((i: { applicationId: string }) => i.applicationId)).toEqual([appId]);
      expect((await list(otherCity)).items).toEqual([]);
      expect((await list(county)).items.map((i: { applicationId: string }) => i.applicationId)).toEqual([appId]);
    });
  });

  describe('another city, another county or a guessed id cannot reorder or withdraw a recommendation', () => {
    const RANK = { body: { rank: 1 } };
    const WITHDRAW = { body: { reason: '撤回推荐测试理由' } };
    cases([
      ...each<Who>('put', '/applications/{app}/recommendation/rank', { otherCity: 404, otherCounty: 404 }, RANK),
      ...each<Who>(
        'post',
        '/applications/{app}/recommendation/withdraw',
        { otherCity: 404, otherCounty: 404 },
        WITHDRAW,
      ),
      ...each<Who>(
        'put',
        '/applications/{app}/recommendation/rank',
        { official: 403, owner: 403, expert: 403, anonymous: 401 },
        RANK,
      ),
      ...each<Who>('put', '/applications/{random}/recommendation/rank', { city: 404 }, RANK),
    ]);

    it('the county may not take back the city’s recommendation', async () => {
      await t
        .http()
        .post(`/api/v1/applications/${appId}/recommendation/withdraw`)
        .set(bearer(county))
        .send({ reason: '撤回推荐测试理由' })
        .expect(409);
      const [{ status }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [appId]);
      expect(status).toBe('city_recommended');
    });
  });

  describe("an application's facts: the owner's alone to change", () => {
    cases([
      ...each<Who>(
        'patch',
        '/applications/{strangerApp}',
        { owner: 404 },
        { body: { eligibilityFacts: { digitalLevel: { value: 4 } } } },
      ),
      ...each<Who>('get', '/applications/{strangerApp}', { owner: 404 }),
      // Recommenders and officials read the facts, never change them.
      ...each<Who>('get', '/applications/{app}', { county: 200, official: 200 }),
      ...each<Who>(
        'patch',
        '/applications/{app}',
        { county: 403, official: 403 },
        { body: { eligibilityFacts: { digitalLevel: { value: 4 } } } },
      ),
    ]);
  });

  it("another application's evidence cannot be cited; the facts stay as they were", async () => {
    // Evidence of another application cannot be cited.
    const own = await completeDraft(t, owner, (await openBatch(t, official)).id);
    await t
      .http()
      .patch(`/api/v1/applications/${own.id}`)
      .set(bearer(owner))
      .send({ eligibilityFacts: { digitalLevel: { value: 4, evidenceIds: [strangerDraft.evidenceId] } } })
      .expect(400);
    const [{ facts }] = await ds.query(`SELECT eligibility_facts AS facts FROM applications WHERE id = $1`, [
      strangerDraft.id,
    ]);
    expect(facts.digitalLevel.value).toBe(3);
    for (const who of [county, official]) {
      const detail = await t.http().get(`/api/v1/applications/${appId}`).set(bearer(who)).expect(200);
      expect(detail.body.eligibilityFacts.digitalLevel.value).toBe(3);
    }
  });
});
