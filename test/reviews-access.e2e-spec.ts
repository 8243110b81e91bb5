import { DataSource } from 'typeorm';
import { TasksService, canSeeTask } from '@ff/reviews';
import { accessMatrix, each } from './support/access-matrix';
import { ExpertFixture, expertPool, publishedRound, reviewScenario, tasksOf } from './support/reviews';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * The expert role in the access matrix: an expert reads only its own live tasks and their frozen
 * material, never another expert's sheet before its own is submitted, never a draft; anything
 * else — including guessed ids — answers 404 and is audited. The role tables run on the shared
 * runner (`support/access-matrix.ts`).
 */
type Who = 'official' | 'expert' | 'outsider' | 'enterprise' | 'recommender' | 'anonymous';
describe('reviews: what an expert may read', () => {
  let t: TestApp;
  let official: TestUser;
  let pool: ExpertFixture[];
  let outsider: ExpertFixture;
  let app: { id: string };
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    const scenario = await reviewScenario(t, { applications: 1, experts: 3 });
    ({ official, experts: pool } = scenario);
    app = scenario.apps[0];
    await publishedRound(t, official, scenario.batchId, { title: '权限测试轮次' });
    outsider = (await expertPool(t, official, 1))[0];
  });
  afterAll(() => t.close());

  const users: Partial<Record<Who, TestUser>> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    Object.assign(users, {
      official,
      expert: pool[0].user,
      outsider: outsider.user,
      enterprise: await createUser(t, 'enterprise'),
      recommender: await createUser(t, 'recommender', { regionCode: '330106' }),
    });
    Object.assign(ids, { task: (await tasksOf(t, pool[0].user))[0].id, app: app.id });
  });
  const { cases } = accessMatrix<Who>({ app: () => t, users, ids, resources: { 'review-tasks': 'review_task' } });

  describe('an expert without a task on the application reads none of it', () => {
    it('has no task', async () => {
      expect(await tasksOf(t, outsider.user)).toEqual([]);
    });
    cases([
      ...['', '/material', '/sheets', '/panel'].flatMap((path) =>
        each<Who>('get', `/review-tasks/{task}${path}`, { outsider: 404 }),
      ),
      // The application itself is not an expert's to read, nor to guess.
      ...each<Who>('get', '/applications/{app}', { outsider: 403 }),
    ]);
  });

  describe('guessed ids answer 404, audited', () => {
    cases([
      ...each<Who>('get', '/review-tasks/{random}', { expert: 404 }),
      ...each<Who>('post', '/review-tasks/{random}/accept', { expert: 404 }),
    ]);
  });

  describe('other roles have no review routes', () => {
    cases([
      ...each<Who>('get', '/review-tasks', { enterprise: 403, recommender: 403, anonymous: 401 }),
      ...each<Who>('get', '/review-rounds', { enterprise: 403, recommender: 403, expert: 403, anonymous: 401 }),
    ]);
  });

  it("another expert's sheets stay hidden until one's own are submitted; drafts are nobody else's", async () => {
    // Two experts on the same task (one application × one domain): every task has a panel of two.
    const mine = await tasksOf(t, pool[0].user);
    const peer = (await Promise.all(pool.slice(1).map(async (p) => ({ p, tasks: await tasksOf(t, p.user) })))).find(
      (x) => x.tasks.some((o) => mine.some((m) => m.domainCode === o.domainCode)),
    )!;
    const shared = mine.find((m) => peer.tasks.some((o) => o.domainCode === m.domainCode));
    expect(shared).toBeDefined();
    const other = peer.tasks.find((o) => o.domainCode === shared!.domainCode)!;
    await t.http().post(`/api/v1/review-tasks/${other.id}/accept`).set(bearer(peer.p.user)).expect(200);
    await t.http().post(`/api/v1/review-tasks/${shared!.id}/accept`).set(bearer(pool[0].user)).expect(200);
    // Another expert's task, its draft sheets: 404.
    await t.http().get(`/api/v1/review-tasks/${other.id}/sheets`).set(bearer(pool[0].user)).expect(404);
    // The panel before one's own submission: 404.
    await t.http().get(`/api/v1/review-tasks/${shared!.id}/panel`).set(bearer(pool[0].user)).expect(404);
    // Officials do not read drafts either.
    await t.http().get(`/api/v1/review-tasks/${other.id}/sheets`).set(bearer(official)).expect(404);
    // The frozen material of one's own task: the submission's hash, only this domain's clauses.
    const material = await t
      .http()
      .get(`/api/v1/review-tasks/${shared!.id}/material`)
      .set(bearer(pool[0].user))
      .expect(200);
    const [sub] = await ds.query(`SELECT content_hash FROM application_submissions WHERE application_id = $1`, [
      app.id,
    ]);
    expect(material.body.contentHash).toBe(sub.content_hash);
    expect(material.body.declarations.length).toBeGreaterThan(0);
    // Its evidence files open for the assigned expert, not for the outsider.
    const evidence = material.body.declarations.flatMap((d: { evidence: { id: string }[] }) => d.evidence)[0];
    const file = await t
      .http()
      .get(`/api/v1/review-tasks/${shared!.id}/evidence/${evidence.id}`)
      .set(bearer(pool[0].user))
      .expect(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    await t
      .http()
      .get(`/api/v1/review-tasks/${shared!.id}/evidence/${evidence.id}`)
      .set(bearer(outsider.user))
      .expect(404);
  });

  it('the policy in its three forms agrees: predicate, SQL list, bulk allowedIds', async () => {
    const tasks = t.app.get(TasksService);
    const all: { id: string; status: string; expert_user_id: string }[] = await ds.query(
      `SELECT t.id, t.status, x.user_id AS expert_user_id FROM review_tasks t JOIN experts x ON x.id = t.expert_id`,
    );
    const ids = all.map((r) => r.id);
    for (const who of [...pool, outsider]) {
      const actor = { userId: who.user.id, role: 'expert' as const, enterpriseId: null, regionCode: null };
      const byPredicate = new Set(
        all
          .filter((r) => canSeeTask(actor, { expertUserId: r.expert_user_id, status: r.status as never }))
          .map((r) => r.id),
      );
      const bySql = new Set((await tasksOf(t, who.user)).map((x) => x.id));
      const byBulk = await tasks.allowedIds(actor, ids);
      expect(bySql).toEqual(byPredicate);
      expect(byBulk).toEqual(byPredicate);
    }
  });
});
