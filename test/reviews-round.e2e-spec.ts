import { DataSource } from 'typeorm';
import { QueueService, jobId } from '@ff/queue';
import { Clock, DeadlineService } from '@ff/reviews';
import {
  ExpertFixture,
  createRound,
  eventually,
  expertPool,
  previewOf,
  publish,
  reviewScenario,
  tasksOf,
} from './support/reviews';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

const DAY = 24 * 3600_000;

/**
 * A round from city recommendation to published tasks: the dry run with its explanations and lower
 * bound, a hand adjustment that needs an override reason, publication, a decline and its
 * reassignment, an acceptance deadline, a reminder (run twice, sent once) and the overdue
 * escalation at the hard deadline — the clock advanced, never slept.
 */
describe('reviews: a round from city recommendation to published tasks', () => {
  let t: TestApp;
  let official: TestUser;
  let experts: ExpertFixture[];
  let apps: { id: string; enterpriseId: string }[];
  let roundId: string;
  let clock: jest.SpyInstance;
  const start = Date.now();

  beforeAll(async () => {
    t = await startTestApp();
    clock = jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(start));
    let batchId: string;
    ({ official, apps, experts, batchId } = await reviewScenario(t, { applications: 3, experts: 5 }));
    const created = await createRound(t, official, batchId, {
      title: '2026年第一轮专家评审',
      now: start,
      closesInDays: 10,
      reminderHours: [24],
      acceptWithinHours: 48,
    });
    roundId = created.id;
    expect(created.applicationIds.sort()).toEqual(apps.map((a) => a.id).sort());
  });
  afterAll(async () => {
    clock.mockRestore();
    await t.close();
  });

  it('previews an explained assignment with its lower bound, adjusts it by hand, and publishes once', async () => {
    const preview = await previewOf(t, official, roundId, 1);
    // 3 workshop applications × 8 domains × 2 experts.
    expect(preview.stats.slotsWanted).toBe(48);
    expect(preview.unfilled).toEqual([]);
    expect(preview.assignments).toHaveLength(48);
    expect(preview.maxLoadRatio).toBeCloseTo(preview.maxLoadLowerBound, 9);
    expect(preview.assignments[0].why.summary).toEqual(expect.any(String));

    // A local expert (same county as the applicants) is a conflict: only with a written reason.
    const local = await expertPool(t, official, 1).then(([e]) => e);
    await t
      .http()
      .patch(`/api/v1/experts/${local.id}`)
      .set(bearer(official))
      .send({ regionCode: '330106' })
      .expect(200);
    const slot = preview.assignments[0];
    const [applicationId, domain] = slot.taskId.split('~');
    const body = { op: 'swap', applicationId, domain, removeExpertId: slot.expertId, addExpertId: local.id, run: 1 };
    const refused = await t
      .http()
      .post(`/api/v1/review-rounds/${roundId}/adjustments`)
      .set(bearer(official))
      .send(body)
      .expect(400);
    expect(refused.body.code).toBe('assignment_override_reason_required');
    await t
      .http()
      .post(`/api/v1/review-rounds/${roundId}/adjustments`)
      .set(bearer(official))
      .send({ ...body, overrideReason: '该领域省内专家不足经处务会同意' })
      .expect(202);
    const adjusted = await previewOf(t, official, roundId, 2);
    const onSlot = adjusted.assignments.filter((a: { taskId: string }) => a.taskId === slot.taskId);
    expect(onSlot.map((a: { expertId: string }) => a.expertId)).toContain(local.id);
    expect(onSlot.map((a: { expertId: string }) => a.expertId)).not.toContain(slot.expertId);
    const [audit] = await t.app
      .get(DataSource)
      .query(`SELECT after FROM audit_events WHERE action = 'review_round.adjusted' AND entity_id = $1`, [roundId]);
    expect(audit.after.overrideReason).toBe('该领域省内专家不足经处务会同意');
    experts.push(local);

    // A stale run cannot be published.
    await t.http().post(`/api/v1/review-rounds/${roundId}/publish`).set(bearer(official)).send({ run: 1 }).expect(409);
    await publish(t, official, roundId, 2);
    const ds = t.app.get(DataSource);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM review_tasks WHERE round_id = $1`, [roundId]);
    expect(n).toBe(48);
    const statuses = await ds.query(`SELECT DISTINCT status FROM applications WHERE id = ANY($1)`, [
      apps.map((a) => a.id),
    ]);
    expect(statuses).toEqual([{ status: 'under_review' }]);
    const inbox = await t.http().get('/api/v1/notifications').set(bearer(local.user)).expect(200);
    expect(inbox.body.items.some((m: { kind: string }) => m.kind === 'review.task_assigned')).toBe(true);
  });

  it('reassigns a declined task to the best eligible expert left, and records a declared conflict', async () => {
    const [task] = await tasksOf(t, experts[0].user);
    const declined = await t
      .http()
      .post(`/api/v1/review-tasks/${task.id}/decline`)
      .set(bearer(experts[0].user))
      .send({ reason: '与该企业存在咨询服务关系', conflict: true })
      .expect(200);
    expect(declined.body.status).toBe('declined');
    const ds = t.app.get(DataSource);
    const replacement = await eventually(async () => {
      const [r] = await ds.query(`SELECT * FROM review_tasks WHERE replaces_task_id = $1`, [task.id]);
      return r;
    });
    expect(replacement.expert_id).not.toBe(experts[0].id);
    expect(replacement.application_id).toBe(task.applicationId);
    expect(replacement.domain_code).toBe(task.domainCode);
    const [conflict] = await ds.query(`SELECT source FROM expert_conflicts WHERE expert_id = $1`, [experts[0].id]);
    expect(conflict.source).toBe('decline');
    // The declined task is no longer the expert's to read.
    await t.http().get(`/api/v1/review-tasks/${task.id}`).set(bearer(experts[0].user)).expect(404);
  });

  it('expires an unaccepted task at its acceptance deadline and reassigns it', async () => {
    const mine = (await tasksOf(t, experts[1].user)).filter((x) => x.status === 'assigned');
    for (const x of mine.slice(1))
      await t.http().post(`/api/v1/review-tasks/${x.id}/accept`).set(bearer(experts[1].user)).expect(200);
    const lazy = mine[0];
    clock.mockImplementation(() => new Date(start + 49 * 3600_000));
    const job = (await t.app
      .get(QueueService)
      .queue('reviews')
      .getJob(jobId('review.deadline', lazy.id, 'accept')))!;
    await job.promote();
    const ds = t.app.get(DataSource);
    const replacement = await eventually(async () => {
      const [r] = await ds.query(`SELECT * FROM review_tasks WHERE replaces_task_id = $1`, [lazy.id]);
      return r;
    });
    expect(replacement.status).toBe('assigned');
    const [old] = await ds.query(`SELECT status FROM review_tasks WHERE id = $1`, [lazy.id]);
    expect(old.status).toBe('expired');
  });

  it('reminds once before the due date, even when the job runs twice', async () => {
    const [task] = (await tasksOf(t, experts[1].user)).filter((x) => x.status === 'accepted');
    clock.mockImplementation(() => new Date(start + 6 * DAY + 1000));
    const job = (await t.app
      .get(QueueService)
      .queue('reviews')
      .getJob(jobId('review.deadline', task.id, 'remind24')))!;
    await job.promote();
    const reminders = async () =>
      (
        await t.http().get('/api/v1/notifications?pageSize=100').set(bearer(experts[1].user)).expect(200)
      ).body.items.filter(
        (m: { kind: string; data: { taskId: string } }) =>
          m.kind === 'review.task_reminder' && m.data.taskId === task.id,
      );
    await eventually(async () => (await reminders()).length === 1);
    expect(await t.app.get(DeadlineService).run(task.id, 'remind', 24)).toEqual({ outcome: 'already_sent' });
    expect(await reminders()).toHaveLength(1);
  });

  it('marks unsubmitted tasks overdue at the hard deadline and escalates to every active official of the province, once each', async () => {
    const [task] = (await tasksOf(t, experts[1].user)).filter((x) => x.status === 'accepted');
    const colleague = await createUser(t, 'official', { regionCode: '330000' });
    const retired = await createUser(t, 'official', { regionCode: '330000' });
    await t.app.get(DataSource).query(`UPDATE users SET active = false WHERE id = $1`, [retired.id]);
    const early = await t.app
      .get(DeadlineService)
      .run(task.id, 'close')
      .catch((e: Error) => e.message);
    expect(early).toContain('is due at');
    clock.mockImplementation(() => new Date(start + 10 * DAY + 1000));
    const job = (await t.app
      .get(QueueService)
      .queue('reviews')
      .getJob(jobId('review.deadline', task.id, 'close')))!;
    await job.promote();
    const escalation = await eventually(async () => {
      const res = await t.http().get('/api/v1/notifications?pageSize=100').set(bearer(official)).expect(200);
      return res.body.items.find(
        (m: { kind: string; data: { taskId: string } }) => m.kind === 'review.escalation' && m.data.taskId === task.id,
      );
    });
    expect(escalation.title).toContain('逾期');
    // The same escalation reached the other official, not the inactive one; the job run again sends nothing twice.
    await t.app.get(DeadlineService).run(task.id, 'close');
    const escalationsOf = async (who: TestUser) => {
      const rows = await t.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'review.escalation' AND data->>'taskId' = $2`,
          [who.id, task.id],
        );
      return rows[0].n as number;
    };
    expect(await escalationsOf(official)).toBe(1);
    expect(await escalationsOf(colleague)).toBe(1);
    expect(await escalationsOf(retired)).toBe(0);
    const colleagueInbox = await t.http().get('/api/v1/notifications?pageSize=100').set(bearer(colleague)).expect(200);
    expect(
      colleagueInbox.body.items.filter(
        (m: { kind: string; data: { taskId: string } }) => m.kind === 'review.escalation' && m.data.taskId === task.id,
      ),
    ).toHaveLength(1);
    const audits = await t.app
      .get(DataSource)
      .query(`SELECT after FROM audit_events WHERE action = 'review_task.overdue' AND entity_id = $1`, [task.id]);
    expect(audits).toHaveLength(1);
    const escalatedTo: string[] = audits[0].after.escalatedTo;
    expect(escalatedTo).toEqual(expect.arrayContaining([official.id, colleague.id]));
    expect(escalatedTo).not.toContain(retired.id);
    expect(new Set(escalatedTo).size).toBe(escalatedTo.length);
    const progress = await t.http().get(`/api/v1/review-rounds/${roundId}/progress`).set(bearer(official)).expect(200);
    expect(progress.body.overdue).toBeGreaterThan(0);
    expect(progress.body.experts.length).toBeGreaterThanOrEqual(5);
  });
});
