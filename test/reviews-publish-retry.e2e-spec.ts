import { DataSource } from 'typeorm';
import { AuditService } from '@ff/audit';
import { QueueService, jobId } from '@ff/queue';
import { RoundPublishService } from '@ff/reviews';
import { createRound, eventually, previewOf, reviewScenario } from './support/reviews';
import { TestApp, bearer, startTestApp } from './support/test-app';

/**
 * A publication job killed mid-way — tasks inserted, applications moved, notices written, then the
 * worker dies before the commit — is retried by the queue and publishes each task exactly once,
 * with one notice per task; running it again changes nothing.
 */
describe('reviews: a publication job that dies mid-way', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('publishes each task exactly once after one failed attempt', async () => {
    const { official, batchId } = await reviewScenario(t, { applications: 1, experts: 3 });
    const roundId = (await createRound(t, official, batchId, { title: '重试测试' })).id;
    const preview = await previewOf(t, official, roundId, 1);

    const ds = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    const record = audit.record.bind(audit);
    let crashes = 0;
    const spy = jest.spyOn(audit, 'record').mockImplementation(async (em, actor, meta, entry) => {
      if (entry.action === 'review_round.published' && crashes === 0) {
        crashes++;
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM review_tasks WHERE round_id = $1`, [roundId]);
        expect(n).toBe(preview.assignments.length);
        throw new Error('worker killed mid-way');
      }
      return record(em, actor, meta, entry);
    });
    try {
      await t
        .http()
        .post(`/api/v1/review-rounds/${roundId}/publish`)
        .set(bearer(official))
        .send({ run: 1 })
        .expect(202);
      await eventually(async () => {
        const res = await t.http().get(`/api/v1/review-rounds/${roundId}`).set(bearer(official)).expect(200);
        return res.body.status === 'published';
      });
    } finally {
      spy.mockRestore();
    }
    expect(crashes).toBe(1);
    // The round commits inside the handler; the job is marked completed just after.
    const queue = t.app.get(QueueService).queue('reviews');
    const id = jobId('review.publish', roundId, '1');
    await eventually(async () => (await (await queue.getJob(id))!.getState()) === 'completed');
    const job = (await queue.getJob(id))!;
    expect(job.attemptsMade).toBe(2);
    expect(job.stacktrace?.[0]).toContain('worker killed mid-way');

    const count = async () => {
      const [{ tasks }] = await ds.query(`SELECT count(*)::int AS tasks FROM review_tasks WHERE round_id = $1`, [
        roundId,
      ]);
      const [{ notices }] = await ds.query(
        `SELECT count(*)::int AS notices FROM notifications WHERE kind = 'review.task_assigned' AND data->>'roundId' = $1`,
        [roundId],
      );
      const [{ events }] = await ds.query(
        `SELECT count(*)::int AS events FROM audit_events WHERE action = 'review_round.published' AND entity_id = $1`,
        [roundId],
      );
      return { tasks, notices, events };
    };
    expect(await count()).toEqual({
      tasks: preview.assignments.length,
      notices: preview.assignments.length,
      events: 1,
    });
    // Delivered once more (at-least-once): nothing new.
    expect(await t.app.get(RoundPublishService).run(roundId, 1, 'x')).toEqual({ outcome: 'already_published' });
    expect(await count()).toEqual({
      tasks: preview.assignments.length,
      notices: preview.assignments.length,
      events: 1,
    });
  });
});
