import { DataSource } from 'typeorm';
import { AuditService, AuditVerifier } from '@ff/audit';
import { PrecheckProcessor } from '@ff/applications';
import { QueueService, jobId } from '@ff/queue';
import { completeDraft, enterpriseUser, openBatch, waitForStatus } from './support/fixtures';
import { TestApp, bearer, createUser, startTestApp } from './support/test-app';

/**
 * A pre-check job that dies half-way — after writing the report, before the status change and its
 * audit event commit — is retried by the queue, and its effects land exactly once: one report, one
 * status change, one audit event. Running it yet again changes nothing.
 */
describe('pre-check: a job that dies mid-way is retried, with idempotent effects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('ends precheck_passed once, after one failed attempt', async () => {
    const official = await createUser(t, 'official', { regionCode: '330000' });
    const batch = await openBatch(t, official);
    const { user } = await enterpriseUser(t);
    const draft = await completeDraft(t, user, batch.id);

    const audit = t.app.get(AuditService);
    const record = audit.record.bind(audit);
    let crashes = 0;
    const spy = jest.spyOn(audit, 'record').mockImplementation(async (em, actor, meta, entry) => {
      if (entry.action === 'application.precheck_pass' && crashes === 0) {
        crashes++;
        // The report is already written in this transaction; the crash must take it back too.
        const [sub] = await em.query(`SELECT precheck_status FROM application_submissions WHERE application_id = $1`, [
          draft.id,
        ]);
        expect(sub.precheck_status).toBe('passed');
        throw new Error('worker killed mid-way');
      }
      return record(em, actor, meta, entry);
    });
    try {
      await t.http().post(`/api/v1/applications/${draft.id}/submit`).set(bearer(user)).expect(200);
      const after = await waitForStatus(t, draft.id, user, 'submitted');
      expect(after.status).toBe('precheck_passed');
    } finally {
      spy.mockRestore();
    }
    expect(crashes).toBe(1);

    const ds = t.app.get(DataSource);
    const [sub] = await ds.query(
      `SELECT id, precheck_status, precheck_report FROM application_submissions WHERE application_id = $1`,
      [draft.id],
    );
    expect(sub.precheck_status).toBe('passed');
    expect(sub.precheck_report.verdict).toBe('pass');
    const job = (await t.app
      .get(QueueService)
      .queue('precheck')
      .getJob(jobId('precheck.run', draft.id, sub.id)))!;
    expect(await job.getState()).toBe('completed');
    // Two attempts, the first of which failed with the crash.
    expect(job.attemptsMade).toBe(2);
    expect(job.stacktrace).toHaveLength(1);
    expect(job.stacktrace?.[0]).toContain('worker killed mid-way');
    expect(job.returnvalue).toEqual({ outcome: 'precheck_pass', verdict: 'pass' });

    const events = async () =>
      (await ds.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [draft.id])).map(
        (e: { action: string }) => e.action,
      );
    const history = await events();
    expect(history.filter((a: string) => a.startsWith('application.precheck'))).toEqual(['application.precheck_pass']);

    // Delivered once more (at-least-once): nothing new is written.
    expect(await t.app.get(PrecheckProcessor).run(draft.id, sub.id)).toEqual({
      outcome: 'already_prechecked',
      verdict: 'passed',
    });
    expect(await events()).toEqual(history);
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ ok: true });
  }, 30_000);
});
