import { PublicityService } from '@ff/designations';
import { Clock } from '@ff/reviews';
import { TestApp, TestUser, bearer } from './test-app';
import {
  cityRecommended,
  eventually,
  expertPool,
  publishedRound,
  retireOtherExperts,
  scoreAndSubmit,
  tasksOf,
} from './reviews';

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
  const round = await publishedRound(t, official, batchId, {
    title: '认定前评审',
    panelSizes: { workshop: 1, smart_factory: 1, future_factory: 1 },
    closesInDays: 9,
  });
  for (const task of await tasksOf(t, expert.user)) {
    await t.http().post(`/api/v1/review-tasks/${task.id}/accept`).set(bearer(expert.user)).expect(200);
    await scoreAndSubmit(t, expert.user, task.id, score);
  }
  await eventually(async () => {
    const res = await t.http().get(`/api/v1/review-rounds/${round.id}/results`).set(bearer(official)).expect(200);
    return res.body.length === apps.length && res.body.every((r: { status: string }) => r.status === 'final');
  }, 30_000);
  return apps;
}

/**
 * The applications designated at their applied tier: proposed in bulk by `proposer`, confirmed by
 * `confirmer` (four eyes), published, and the 公示 window closed (the clock moved past its end for
 * the close only). Answers their designations, in the order of `applicationIds`.
 */
export async function designate<T extends { applicationId: string }>(
  t: TestApp,
  proposer: TestUser,
  confirmer: TestUser,
  batchId: string,
  applicationIds: string[],
): Promise<T[]> {
  const as = (who: TestUser) => (path: string, body: object) =>
    t.http().post(`/api/v1${path}`).set(bearer(who)).send(body);
  const proposed = await as(proposer)('/decisions/bulk-propose', {
    applicationIds,
    outcome: 'designate_applied',
    reasonCode: 'meets_applied_tier',
  }).expect(201);
  await as(confirmer)('/decisions/bulk-confirm', {
    decisionIds: proposed.body.map((d: { id: string }) => d.id),
  }).expect(200);
  const pub = await as(proposer)('/publicities', { batchId }).expect(201);
  const spy = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(new Date(pub.body.endsAt).getTime() + 1000));
  try {
    expect(await t.app.get(PublicityService).close(pub.body.id)).toEqual({
      outcome: 'closed',
      designated: applicationIds.length,
    });
  } finally {
    spy.mockRestore();
  }
  const list = await t.http().get(`/api/v1/designations?batchId=${batchId}`).set(bearer(proposer)).expect(200);
  return applicationIds.map((id) => list.body.items.find((d: T) => d.applicationId === id) as T);
}
