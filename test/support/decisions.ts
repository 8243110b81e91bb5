import { TestApp, TestUser, bearer } from './test-app';
import {
  cityRecommended,
  eventually,
  expertPool,
  previewOf,
  publish,
  retireOtherExperts,
  scoreAndSubmit,
  tasksOf,
} from './reviews';

const DAY = 24 * 3600_000;

/**
 * Applications of `batchId` (one per tier given) walked to 评审完成 with final results: a round
 * with panels of one expert, every task accepted and scored `score` on every clause.
 */
export async function reviewedApplications(
  t: TestApp,
  official: TestUser,
  batchId: string,
  county: TestUser,
  city: TestUser,
  tiers: string[],
  score = 1,
): Promise<{ id: string; enterpriseId: string; owner: TestUser }[]> {
  const apps = [];
  for (const tier of tiers) apps.push(await cityRecommended(t, batchId, county, city, tier));
  await retireOtherExperts(t);
  const [expert] = await expertPool(t, official, 1, 100);
  const round = await t
    .http()
    .post('/api/v1/review-rounds')
    .set(bearer(official))
    .send({
      batchId,
      title: '认定前评审',
      panelSizes: { workshop: 1, smart_factory: 1, future_factory: 1 },
      dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
    })
    .expect(201);
  await previewOf(t, official, round.body.id, 1);
  await publish(t, official, round.body.id, 1);
  for (const task of await tasksOf(t, expert.user)) {
    await t.http().post(`/api/v1/review-tasks/${task.id}/accept`).set(bearer(expert.user)).expect(200);
    await scoreAndSubmit(t, expert.user, task.id, score);
  }
  await eventually(async () => {
    const res = await t.http().get(`/api/v1/review-rounds/${round.body.id}/results`).set(bearer(official)).expect(200);
    return res.body.length === apps.length && res.body.every((r: { status: string }) => r.status === 'final');
  }, 30_000);
  return apps;
}
