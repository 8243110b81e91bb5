import { DataSource } from 'typeorm';
import { openBatch } from './support/fixtures';
import { cityRecommended, eventually, expertPool, previewOf, retireOtherExperts } from './support/reviews';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

const DAY = 24 * 3600_000;

/**
 * A round whose slots cannot all be filled is refused publication unless the official
 * acknowledges the empty slots with a reason; then the slots, each with the constraint that
 * emptied it, are listed in the response and on the round, and audited.
 */
describe('reviews: publishing a round with unfilled slots', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let roundId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    official = await createUser(t, 'official', { regionCode: '330000' });
    const county = await createUser(t, 'recommender', { regionCode: '330106' });
    const city = await createUser(t, 'recommender', { regionCode: '330100' });
    const batch = await openBatch(t, official);
    await cityRecommended(t, batch.id, county, city);
    await retireOtherExperts(t);
    // Two experts for panels of three: every slot misses one.
    await expertPool(t, official, 2);
    const round = await t
      .http()
      .post('/api/v1/review-rounds')
      .set(bearer(official))
      .send({
        batchId: batch.id,
        title: '未满员发布测试',
        panelSizes: { workshop: 3 },
        dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
        closesAt: new Date(Date.now() + 8 * DAY).toISOString(),
      })
      .expect(201);
    roundId = round.body.id;
  });
  afterAll(() => t.close());

  const publishing = (body: object) =>
    t.http().post(`/api/v1/review-rounds/${roundId}/publish`).set(bearer(official)).send(body);

  it('refuses without an acknowledgement, and an acknowledgement without a reason', async () => {
    const preview = await previewOf(t, official, roundId, 1);
    expect(preview.unfilled.length).toBeGreaterThan(0);
    const refused = await publishing({ run: 1 }).expect(409);
    expect(refused.body.code).toBe('round_unfilled');
    expect(refused.body.message).toContain('allowUnfilled');
    const noReason = await publishing({ run: 1, allowUnfilled: true }).expect(400);
    expect(noReason.body.code).toBe('round_unfilled_reason_required');
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'unfilledReason' })]);
    const [{ status }] = await ds.query(`SELECT status FROM review_rounds WHERE id = $1`, [roundId]);
    expect(status).toBe('draft');
  });

  it('publishes with the acknowledged slots listed with their reasons in the response and the round, audited', async () => {
    const preview = await previewOf(t, official, roundId, 1);
    const reason = '本领域省内专家不足、先行发布、空缺席位另行补充';
    const accepted = await publishing({ run: 1, allowUnfilled: true, unfilledReason: reason }).expect(202);
    const missing = preview.unfilled.map((u: { taskId: string; missing: number }) => [u.taskId, u.missing]);
    expect(accepted.body.unfilledReason).toBe(reason);
    expect(accepted.body.unfilledSlots.map((u: { taskId: string; missing: number }) => [u.taskId, u.missing])).toEqual(
      missing,
    );
    for (const u of accepted.body.unfilledSlots) {
      expect(u.reason).toBe('expertise');
      expect(u.message).toContain('需要 3 名');
    }
    const published = await eventually(async () => {
      const res = await t.http().get(`/api/v1/review-rounds/${roundId}`).set(bearer(official)).expect(200);
      return res.body.status === 'published' ? res.body : null;
    });
    expect(published.unfilledReason).toBe(reason);
    expect(published.unfilledSlots).toEqual(accepted.body.unfilledSlots);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM review_tasks WHERE round_id = $1`, [roundId]);
    expect(n).toBe(preview.assignments.length);
    const audits = await ds.query(
      `SELECT action, after FROM audit_events WHERE entity_id = $1 AND action IN ('review_round.publish_requested', 'review_round.published')
       ORDER BY occurred_at`,
      [roundId],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'review_round.publish_requested',
      'review_round.published',
    ]);
    for (const a of audits) {
      expect(a.after.unfilledReason).toBe(reason);
      expect(a.after.unfilledSlots).toHaveLength(preview.unfilled.length);
    }
  });
});
