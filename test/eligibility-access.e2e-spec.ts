import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { completeDraft, enterpriseUser, openBatch, precheckPassedApplication } from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * The access matrix of the eligibility and quota routes: who may change the 山区海岛县 list, set
 * quotas, read statistics and ranked lists, and change another party's facts or recommendations —
 * guessed or foreign ids answer exactly like unknown ones (404, audited).
 */
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

  const denials = async (id: string) =>
    (
      await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND entity_id = $1`, [
        id,
      ])
    )[0].n as number;

  it('only the admin changes the 山区海岛县 list; everyone signed in reads it', async () => {
    for (const who of [official, county, owner, expert]) {
      await t
        .http()
        .put('/api/v1/regions/mountain-island-counties/330106')
        .set(bearer(who))
        .send({ source: '某文件' })
        .expect(403);
      await t.http().delete('/api/v1/regions/mountain-island-counties/330127').set(bearer(who)).expect(403);
      await t.http().get('/api/v1/regions/mountain-island-counties').set(bearer(who)).expect(200);
    }
    await t.http().get('/api/v1/regions/mountain-island-counties').expect(401);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM mountain_island_counties`);
    expect(n).toBe(26);
  });

  it('only the province sets quotas', async () => {
    for (const who of [admin, county, city, owner, expert]) {
      await t
        .http()
        .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
        .set(bearer(who))
        .send({ regionCode: '330100', tier: 'workshop', quota: 5 })
        .expect(403);
    }
    await t
      .http()
      .put(`/api/v1/batches/${randomUUID()}/recommendation-quotas`)
      .set(bearer(official))
      .send({ regionCode: '330100', tier: 'workshop', quota: 5 })
      .expect(404);
    await t
      .http()
      .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
      .set(bearer(official))
      .send({ regionCode: '330100', tier: 'workshop', quota: 5 })
      .expect(200);
    await t
      .http()
      .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
      .set(bearer(official))
      .send({ regionCode: '330200', tier: 'workshop', quota: 4 })
      .expect(200);
  });

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
      (await t.http().get(`/api/v1/batches/${batchId}/statistics${query}`).set(bearer(who)).expect(200)).body.items.map(
        (r: { regionCode: string }) => r.regionCode,
      );
    expect(await stats(official)).toEqual(['330100', '330106', '330200']);
    expect(await stats(city)).toEqual(['330100', '330106']);
    // Asking for another region gives nothing of it.
    expect(await stats(otherCity, '?regionCode=330100')).toEqual([]);
    expect(await stats(otherCounty)).toEqual([]);
    for (const who of [owner, expert, admin]) {
      await t.http().get(`/api/v1/batches/${batchId}/statistics`).set(bearer(who)).expect(403);
      await t.http().get(`/api/v1/batches/${batchId}/recommendation-quotas`).set(bearer(who)).expect(403);
    }
    const guess = randomUUID();
    await t.http().get(`/api/v1/batches/${guess}/statistics`).set(bearer(city)).expect(404);
  });

  it('ranked lists belong to recommenders; each sees its own', async () => {
    const list = async (who: TestUser) =>
      (await t.http().get(`/api/v1/batches/${batchId}/recommendation-list?tier=workshop`).set(bearer(who)).expect(200))
        .body;
    expect((await list(city)).items.map((i: { applicationId: string }) => i.applicationId)).toEqual([appId]);
    expect((await list(otherCity)).items).toEqual([]);
    expect((await list(county)).items.map((i: { applicationId: string }) => i.applicationId)).toEqual([appId]);
    for (const who of [official, owner, expert, admin]) {
      await t.http().get(`/api/v1/batches/${batchId}/recommendation-list?tier=workshop`).set(bearer(who)).expect(403);
    }
  });

  it('another city, another county or a guessed id cannot reorder or withdraw a recommendation', async () => {
    const before = await denials(appId);
    for (const who of [otherCity, otherCounty]) {
      await t
        .http()
        .put(`/api/v1/applications/${appId}/recommendation/rank`)
        .set(bearer(who))
        .send({ rank: 1 })
        .expect(404);
      await t
        .http()
        .post(`/api/v1/applications/${appId}/recommendation/withdraw`)
        .set(bearer(who))
        .send({ reason: '撤回推荐测试理由' })
        .expect(404);
    }
    expect(await denials(appId)).toBe(before + 4);
    for (const who of [official, owner, expert]) {
      await t
        .http()
        .put(`/api/v1/applications/${appId}/recommendation/rank`)
        .set(bearer(who))
        .send({ rank: 1 })
        .expect(403);
    }
    const guess = randomUUID();
    await t
      .http()
      .put(`/api/v1/applications/${guess}/recommendation/rank`)
      .set(bearer(city))
      .send({ rank: 1 })
      .expect(404);
    expect(await denials(guess)).toBe(1);
    // The county may not take back the city's recommendation.
    await t
      .http()
      .post(`/api/v1/applications/${appId}/recommendation/withdraw`)
      .set(bearer(county))
      .send({ reason: '撤回推荐测试理由' })
      .expect(409);
    const [{ status }] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [appId]);
    expect(status).toBe('city_recommended');
  });

  it("another enterprise cannot read or change an application's facts", async () => {
    await t
      .http()
      .patch(`/api/v1/applications/${strangerDraft.id}`)
      .set(bearer(owner))
      .send({ eligibilityFacts: { digitalLevel: { value: 4 } } })
      .expect(404);
    await t.http().get(`/api/v1/applications/${strangerDraft.id}`).set(bearer(owner)).expect(404);
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
    // Recommenders and officials read the facts, never change them.
    for (const who of [county, official]) {
      const detail = await t.http().get(`/api/v1/applications/${appId}`).set(bearer(who)).expect(200);
      expect(detail.body.eligibilityFacts.digitalLevel.value).toBe(3);
      await t
        .http()
        .patch(`/api/v1/applications/${appId}`)
        .set(bearer(who))
        .send({ eligibilityFacts: { digitalLevel: { value: 4 } } })
        .expect(403);
    }
  });
});
