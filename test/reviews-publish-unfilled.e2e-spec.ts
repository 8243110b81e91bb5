import { DataSource } from 'typeorm';
import { createRound, eventually, previewOf, reviewScenario } from './support/reviews';
import { TestApp, TestUser, bearer, startTestApp } from './support/test-app';

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
    // Two experts for panels of three: every slot misses one.
    let batchId: string;
    ({ official, batchId } = await reviewScenario(t, { applications: 1, experts: 2 }));
    roundId = (await createRound(t, official, batchId, { title: '未满员发布测试', panelSizes: { workshop: 3 } })).id;
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
