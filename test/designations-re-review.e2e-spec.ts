import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addYearsInclusive, nextDate } from '@ff/designations';
import { Clock } from '@ff/reviews';
import { openBatch } from './support/fixtures';
import { designate, reviewedApplications } from './support/decisions';
import {
  eventually,
  expertPool,
  previewOf,
  publish,
  retireOtherExperts,
  scoreAndSubmit,
  tasksOf,
} from './support/reviews';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

const DAY = 24 * 3600_000;

interface Designation {
  id: string;
  applicationId: string;
  enterpriseId: string;
  certificateNumber: string;
  verificationCode: string;
  validUntil: string;
  status: string;
}

/**
 * Re-review (复核) through expert review: two designations → not yet due (the policy's window) → the
 * clock moved to three months before the end of their validity → a re-review round over the batch
 * (designations 复核中) → assigned, published, scored by a new expert (one well, one badly) →
 * results → outcomes proposed and confirmed by another official: one maintained (validity
 * extended), one failed (revoked, with its ban). The public verification shows the status at each
 * step.
 */
describe('designations: re-review rounds through expert review', () => {
  let t: TestApp;
  let officialA: TestUser;
  let officialB: TestUser;
  let officialC: TestUser;
  let batch: { id: string; code: string };
  let kept: Designation;
  let failing: Designation;

  beforeAll(async () => {
    t = await startTestApp();
    officialA = await createUser(t, 'official', { regionCode: '330000' });
    officialB = await createUser(t, 'official', { regionCode: '330000' });
    officialC = await createUser(t, 'official', { regionCode: '330000' });
    const county = await createUser(t, 'recommender', { regionCode: '330106' });
    const city = await createUser(t, 'recommender', { regionCode: '330100' });
    batch = await openBatch(t, officialA);
    const apps = await reviewedApplications(t, officialA, batch.id, county, city, ['workshop', 'workshop']);
    [kept, failing] = await designate<Designation>(
      t,
      officialA,
      officialB,
      batch.id,
      apps.map((a) => a.id),
    );
  }, 120_000);
  afterAll(() => t?.close());

  const api = (who: TestUser) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set(bearer(who)),
    post: (path: string, body: object = {}) => t.http().post(`/api/v1${path}`).set(bearer(who)).send(body),
  });
  /** An outcome proposed by official A. */
  const propose = (designationId: string, reReviewOutcome: 'maintained' | 'failed', reReviewNote: string) =>
    api(officialA).post('/re-review-outcomes', { designationId, reReviewOutcome, reReviewNote });
  const verify = async (d: Designation) =>
    (
      await t
        .http()
        .get('/api/v1/public/designations/verify')
        .query({ certificateNumber: d.certificateNumber, verificationCode: d.verificationCode })
        .expect(200)
    ).body as { status: string; statusName: string; validUntil: string };

  it('re-reviews designations due: one maintained with its validity extended, one revoked with its ban', async () => {
    const A = api(officialA);
    const B = api(officialB);
    expect(await verify(kept)).toMatchObject({ status: 'active', statusName: '有效' });
    const policy = await A.get(`/batches/${batch.id}/designation-policy`).expect(200);
    expect(policy.body).toMatchObject({ validityYears: 3, reReviewWindowMonths: 6 });
    const roundBody = (now: number, extra: object = {}) => ({
      batchId: batch.id,
      title: '有效期届满前复核',
      panelSizes: { workshop: 1, smart_factory: 1, future_factory: 1 },
      dueAt: new Date(now + 7 * DAY).toISOString(),
      closesAt: new Date(now + 9 * DAY).toISOString(),
      ...extra,
    });

    // Designated today, valid for 3 years: nothing is due within 6 months.
    const early = await A.post('/re-review-rounds', roundBody(Date.now())).expect(409);
    expect(early.body.code).toBe('re_review_nothing_due');

    // Three months before the end of validity (the clock moves; jobs read the same clock).
    const shift = Date.parse(`${kept.validUntil}T12:00:00+08:00`) - 90 * DAY - Date.now();
    let roundId = '';
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + shift));
    try {
      const now = Date.now() + shift;
      const stranger = await A.post('/re-review-rounds', roundBody(now, { designationIds: [randomUUID()] })).expect(
        400,
      );
      expect(stranger.body.details[0]).toMatchObject({
        field: 'designationIds[0]',
        code: 're_review_designation_ineligible',
      });

      // The experts of the first review are retired; a new one scores the re-review.
      await retireOtherExperts(t);
      const [expert] = await expertPool(t, officialA, 1, 100);
      // Two officials open a round at once: one wins the designations, the other is refused whole.
      const both = await Promise.all([A, B].map((x) => x.post('/re-review-rounds', roundBody(now))));
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(['re_review_designation_taken', 're_review_nothing_due']).toContain(
        both.find((r) => r.status === 409)!.body.code,
      );
      const opened = both.find((r) => r.status === 201)!;
      const rounds = await A.get(`/review-rounds?batchId=${batch.id}&kind=re_review&status=draft,published`).expect(
        200,
      );
      expect(rounds.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ kind: 're_review' }] });
      const round = opened.body.round;
      roundId = round.id;
      expect(round).toMatchObject({ kind: 're_review', kindName: '复核评审', status: 'draft' });
      expect([...round.applicationIds].sort()).toEqual([kept.applicationId, failing.applicationId].sort());
      expect(opened.body.designations.map((d: Designation) => [d.id, d.status]).sort()).toEqual(
        [
          [kept.id, 'under_re_review'],
          [failing.id, 'under_re_review'],
        ].sort(),
      );
      expect(await verify(kept)).toMatchObject({ status: 'under_re_review', statusName: '复核中' });
      // Taken by the round: no second round, no conclusion by hand, no outcome before a result.
      expect((await A.post('/re-review-rounds', roundBody(now)).expect(409)).body.code).toBe('re_review_nothing_due');
      const byHand = await A.post(`/designations/${kept.id}/re-review/complete`, {
        passed: true,
        reReviewNote: '复核通过，继续保持',
      }).expect(409);
      expect(byHand.body.code).toBe('designation_re_review_in_round');
      const tooEarly = await propose(kept.id, 'maintained', '复核评分达到认定层级通过线').expect(409);
      expect(tooEarly.body.code).toBe('re_review_result_pending');

      // The review machinery: preview (conflict rules), publication, tasks, scores, results.
      await previewOf(t, officialA, round.id, 1);
      await publish(t, officialA, round.id, 1);
      const tasks = await tasksOf(t, expert.user);
      expect(new Set(tasks.map((x) => x.applicationId))).toEqual(new Set([kept.applicationId, failing.applicationId]));
      for (const task of tasks) {
        await t.http().post(`/api/v1/review-tasks/${task.id}/accept`).set(bearer(expert.user)).expect(200);
        await scoreAndSubmit(t, expert.user, task.id, task.applicationId === kept.applicationId ? 1 : 0);
      }
      await eventually(async () => {
        const res = await A.get(`/review-rounds/${round.id}/results`).expect(200);
        return res.body.length === 2 && res.body.every((r: { status: string }) => r.status === 'final');
      }, 30_000);
      // The applications stay 评审完成.
      const app = await A.get(`/applications/${kept.applicationId}`).expect(200);
      expect(app.body.status).toBe('reviewed');
    } finally {
      clock.mockRestore();
    }

    const items = await A.get(`/re-review-rounds/${roundId}/designations`).expect(200);
    const support = Object.fromEntries(
      items.body.map((i: { designation: Designation; result: { supportsTier: boolean } }) => [
        i.designation.id,
        i.result.supportsTier,
      ]),
    );
    expect(support).toEqual({ [kept.id]: true, [failing.id]: false });
    // Decisions read the initial review only: there the failing enterprise still passed.
    const candidates = await A.get(`/decision-candidates?batchId=${batch.id}`).expect(200);
    const initial = candidates.body.items.find(
      (c: { applicationId: string }) => c.applicationId === failing.applicationId,
    );
    expect(initial.recommendation).toBe('pass');
    expect(items.body.map((i: { result: { resultId: string } }) => i.result.resultId)).not.toContain(initial.resultId);

    // Maintaining what the scores do not support is refused, naming the mark.
    const unsupported = await propose(failing.id, 'maintained', '企业整改中，拟维持认定').expect(409);
    expect(unsupported.body.code).toBe('re_review_not_supported');
    const maintain = await propose(kept.id, 'maintained', '复核评分达到认定层级通过线').expect(201);
    expect(maintain.body).toMatchObject({ status: 'proposed', reReviewOutcomeName: '复核通过，维持认定' });
    await propose(kept.id, 'failed', '重复提出的复核结论').expect(409);
    const fail = await propose(failing.id, 'failed', '复核评分未达到认定层级通过线').expect(201);

    // Four eyes: the proposer cannot confirm; of two concurrent confirmations one wins.
    const own = await A.post(`/re-review-outcomes/${maintain.body.id}/confirm`).expect(403);
    expect(own.body.code).toBe('re_review_outcome_same_official');
    expect(await verify(kept)).toMatchObject({ status: 'under_re_review' });
    const confirms = await Promise.all(
      [officialB, officialC].map((o) => api(o).post(`/re-review-outcomes/${maintain.body.id}/confirm`)),
    );
    expect(confirms.map((r) => r.status).sort()).toEqual([200, 409]);
    const maintained = await A.get(`/designations/${kept.id}`).expect(200);
    expect(maintained.body).toMatchObject({
      status: 'active',
      validUntil: addYearsInclusive(nextDate(kept.validUntil), 3),
    });
    expect(await verify(kept)).toMatchObject({
      status: 'active',
      statusName: '有效',
      validUntil: maintained.body.validUntil,
    });

    const failed = await B.post(`/re-review-outcomes/${fail.body.id}/confirm`).expect(200);
    expect(failed.body).toMatchObject({ status: 'confirmed', confirmedBy: officialB.id });
    const revoked = await A.get(`/designations/${failing.id}`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'failed_re_review' });
    expect(await verify(failing)).toMatchObject({ status: 'revoked', statusName: '已撤销' });
    const bans = await A.get(`/reapplication-bans?enterpriseId=${failing.enterpriseId}&inForce=true`).expect(200);
    expect(bans.body.items).toHaveLength(1);
    const ban = bans.body.items[0];
    expect(Number(ban.endsOn.slice(0, 4)) - Number(ban.startsOn.slice(0, 4))).toBe(2);
    expect(ban.reason).toContain(failing.certificateNumber);
    await B.post(`/re-review-outcomes/${fail.body.id}/confirm`).expect(409);

    expect(maintained.body.reReviewRoundId).toBe(roundId);
    const outcomes = (await A.get(`/re-review-rounds/${roundId}/designations`).expect(200)).body;
    expect(outcomes.map((i: { outcome: { status: string } }) => i.outcome.status)).toEqual(['confirmed', 'confirmed']);
    const audit = await t.app
      .get(DataSource)
      .query(`SELECT action FROM audit_events WHERE entity_id = ANY($1::text[]) ORDER BY id`, [[kept.id, failing.id]]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['designation.re_review_started', 'designation.re_review_passed', 'designation.revoked']),
    );
  }, 120_000);
});
