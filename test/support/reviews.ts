import { DataSource } from 'typeorm';
import { getRuleSet } from '@ff/rules';
import { TestApp, TEST_PASSWORD, TestUser, bearer, createUser, unique } from './test-app';
import { enterpriseUser, openBatch, precheckPassedApplication, uniqueCreditCode } from './fixtures';

const DAY = 24 * 3600_000;

export interface ExpertFixture {
  id: string;
  user: TestUser;
  employerCreditCode: string | null;
}

/**
 * An expert added by `official` over HTTP, signed in: first login with the one-time password,
 * the required password change, and a fresh login.
 */
export async function addExpert(
  t: TestApp,
  official: TestUser,
  profile: Record<string, unknown> = {},
): Promise<ExpertFixture> {
  const username = unique('ex');
  const created = await t
    .http()
    .post('/api/v1/experts')
    .set(bearer(official))
    .send({
      username,
      name: `专家${username.slice(-4)}`,
      title: '高级工程师',
      employerName: `评审单位${username}`,
      employerCreditCode: uniqueCreditCode(),
      regionCode: '330200',
      expertise: [{ domain: 'technology_support', level: 'primary' }],
      maxTasksPerRound: 10,
      ...profile,
    })
    .expect(201);
  const first = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password: created.body.initialPassword })
    .expect(200);
  await t
    .http()
    .post('/api/v1/auth/password')
    .set(bearer({ token: first.body.accessToken }))
    .send({ currentPassword: created.body.initialPassword, newPassword: TEST_PASSWORD })
    .expect(204);
  const login = await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
  return {
    id: created.body.id,
    employerCreditCode: created.body.employerCreditCode,
    user: { id: created.body.userId, username, token: login.body.accessToken, refreshToken: login.body.refreshToken },
  };
}

/** Every domain code of the current rule set. */
export const ALL_DOMAINS = getRuleSet().domains.map((d) => d.code);

/** `n` experts in Ningbo (outside the applicants' county), distinct employers, every domain primary. */
export async function expertPool(t: TestApp, official: TestUser, n: number, cap = 30): Promise<ExpertFixture[]> {
  const out: ExpertFixture[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await addExpert(t, official, {
        expertise: ALL_DOMAINS.map((domain) => ({ domain, level: 'primary' })),
        maxTasksPerRound: cap,
      }),
    );
  return out;
}

/** A precheck-passed application recommended by its county, then its city: 市级已推荐. */
export async function cityRecommended(
  t: TestApp,
  batchId: string,
  county: TestUser,
  city: TestUser,
  tier = 'workshop',
): Promise<{ id: string; enterpriseId: string; owner: TestUser }> {
  const { user, enterprise } = await enterpriseUser(t, '330106');
  const draft = await precheckPassedApplication(t, user, batchId, tier);
  for (const who of [county, city])
    await t
      .http()
      .post(`/api/v1/applications/${draft.id}/recommendation`)
      .set(bearer(who))
      .send({ decision: 'recommend', comment: '同意推荐' })
      .expect(200);
  return { id: draft.id, enterpriseId: enterprise.id, owner: user };
}

/**
 * Who a review scenario needs: a provincial official, the applicants' county (330106) and city
 * (330100) recommenders, and an open batch.
 */
export interface ReviewCast {
  official: TestUser;
  county: TestUser;
  city: TestUser;
  batchId: string;
}

export async function reviewCast(t: TestApp): Promise<ReviewCast> {
  const official = await createUser(t, 'official', { regionCode: '330000' });
  const county = await createUser(t, 'recommender', { regionCode: '330106' });
  const city = await createUser(t, 'recommender', { regionCode: '330100' });
  const batch = await openBatch(t, official);
  return { official, county, city, batchId: batch.id };
}

/**
 * The cast, `applications` city-recommended workshop applications, and — the other files' experts
 * retired — a pool of `experts` experts of its own.
 */
export async function reviewScenario(
  t: TestApp,
  n: { applications: number; experts: number },
): Promise<ReviewCast & { apps: { id: string; enterpriseId: string; owner: TestUser }[]; experts: ExpertFixture[] }> {
  const cast = await reviewCast(t);
  const apps = [];
  for (let i = 0; i < n.applications; i++) apps.push(await cityRecommended(t, cast.batchId, cast.county, cast.city));
  await retireOtherExperts(t);
  return { ...cast, apps, experts: await expertPool(t, cast.official, n.experts) };
}

/**
 * A draft round over the batch (201): workshop panels of two unless `panelSizes` says otherwise,
 * due 7 days after `now` (the real time unless given) and closing `closesInDays` (8) after it; any
 * other field goes into the request as given.
 */
export async function createRound(
  t: TestApp,
  official: TestUser,
  batchId: string,
  round: { title: string; now?: number; closesInDays?: number } & Record<string, unknown>,
): Promise<{ id: string; applicationIds: string[] } & Record<string, unknown>> {
  const { now = Date.now(), closesInDays = 8, ...fields } = round;
  const res = await t
    .http()
    .post('/api/v1/review-rounds')
    .set(bearer(official))
    .send({
      batchId,
      panelSizes: { workshop: 2 },
      dueAt: new Date(now + 7 * DAY).toISOString(),
      closesAt: new Date(now + closesInDays * DAY).toISOString(),
      ...fields,
    })
    .expect(201);
  return res.body;
}

/** Polls `probe` (an HTTP read) until it returns a value. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v as T;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The round's preview once the run it asks for is computed. */
export async function previewOf(t: TestApp, official: TestUser, roundId: string, run: number) {
  return eventually(async () => {
    const res = await t.http().get(`/api/v1/review-rounds/${roundId}/preview`).set(bearer(official));
    return res.status === 200 && res.body.run === run ? res.body : null;
  });
}

/** Publishes `run` and waits for the job to have created the tasks. */
export async function publish(t: TestApp, official: TestUser, roundId: string, run: number) {
  await t.http().post(`/api/v1/review-rounds/${roundId}/publish`).set(bearer(official)).send({ run }).expect(202);
  return eventually(async () => {
    const res = await t.http().get(`/api/v1/review-rounds/${roundId}`).set(bearer(official)).expect(200);
    return res.body.status === 'published' ? res.body : null;
  });
}

/** A round created as `createRound` does, its first run previewed and published. */
export async function publishedRound(
  t: TestApp,
  official: TestUser,
  batchId: string,
  round: Parameters<typeof createRound>[3],
) {
  const created = await createRound(t, official, batchId, round);
  await previewOf(t, official, created.id, 1);
  return publish(t, official, created.id, 1);
}

/** Every task of the expert, as its list shows them. */
export async function tasksOf(
  t: TestApp,
  expert: TestUser,
): Promise<{ id: string; applicationId: string; domainCode: string; status: string }[]> {
  const res = await t.http().get('/api/v1/review-tasks?pageSize=100').set(bearer(expert)).expect(200);
  return res.body.items;
}

/** Scores every clause of every sheet of the task with `score` (comments where needed) and submits. */
export async function scoreAndSubmit(t: TestApp, expert: TestUser, taskId: string, score = 1) {
  const sheets = await t.http().get(`/api/v1/review-tasks/${taskId}/sheets`).set(bearer(expert)).expect(200);
  for (const s of sheets.body as { subdomainNo: number; clauses: { clauseId: string }[] }[]) {
    const scores = Object.fromEntries(
      s.clauses.map((c) => [c.clauseId, { score, comment: score < 1 ? '部分要求尚未达到，需补充材料' : null }]),
    );
    await t
      .http()
      .put(`/api/v1/review-tasks/${taskId}/sheets/${s.subdomainNo}`)
      .set(bearer(expert))
      .send({ scores })
      .expect(200);
  }
  return t.http().post(`/api/v1/review-tasks/${taskId}/submit`).set(bearer(expert)).expect(200);
}

/**
 * Test files share one schema: experts other files added are still in the pool. A scenario that
 * counts on its own experts retires the others first (the assignment only considers active ones).
 */
export async function retireOtherExperts(t: TestApp): Promise<void> {
  await t.app.get(DataSource).query(`UPDATE experts SET active = false`);
}
