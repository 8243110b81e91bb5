import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { QueueService } from '@ff/queue';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';
import { NARRATIVE, completeDraft, enterpriseUser, openBatch, waitForStatus } from './support/fixtures';

const api = (path: string) => `/api/v1${path}`;

/**
 * The api without a worker of its own and, started by the test, the worker as its own process on
 * Redis — the production deployment (docker-compose.yml). What a separate worker must prove: it
 * consumes the jobs the api queues, including one queued before it started, and each job runs
 * against the batch it belongs to.
 */
describe('a separate worker process on Redis', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;
  let workerLog = '';
  let admin: TestUser;
  let official: TestUser;
  // A prefix of its own (removed with the run's): no other suite's worker can take these jobs.
  const prefix = `${process.env.QUEUE_PREFIX}_sep`;

  beforeAll(async () => {
    t = await startTestApp({ WORKER_IN_PROCESS: 'false', QUEUE_PREFIX: prefix });
    admin = await createUser(t, 'admin');
    official = await createUser(t, 'official', { regionCode: '330000' });
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await t.close();
  });

  const startWorker = async () => {
    const main = join(__dirname, '..', 'dist', 'apps', 'worker', 'src', 'main.js');
    if (!existsSync(main)) throw new Error('run `npm run build` first (npm test does)');
    worker = spawn(process.execPath, [main], {
      env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_IN_PROCESS: 'true', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d) => (workerLog += d));
    worker.stderr!.on('data', (d) => (workerLog += d));
    const deadline = Date.now() + 60_000;
    while (!/consuming queue \\?"precheck/.test(workerLog)) {
      if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${workerLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it('POST /system/queue-check is for admins only; with no worker running it says so (503)', async () => {
    await t.http().post(api('/system/queue-check')).expect(401);
    for (const role of ['enterprise', 'expert', 'official'] as const) {
      const user = await createUser(t, role, role === 'official' ? { regionCode: '330000' } : {});
      const res = await t.http().post(api('/system/queue-check')).set(bearer(user)).expect(403);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const recommender = await createUser(t, 'recommender', { regionCode: '330100' });
    await t.http().post(api('/system/queue-check')).set(bearer(recommender)).expect(403);
    // The api consumes nothing itself: the check's job waits for a worker that is not there.
    const res = await t.http().post(api('/system/queue-check')).set(bearer(admin)).expect(503);
    expect(res.body.code).toBe('worker_unavailable');
  });

  it('GET /system/audit-chain is for admins only; with no worker the api leaves its events unsealed', async () => {
    await t.http().get(api('/system/audit-chain')).expect(401);
    await t.http().get(api('/system/audit-chain')).set(bearer(official)).expect(403);
    const res = await t.http().get(api('/system/audit-chain')).set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ configuredAlgorithm: 'sha256', maxLagSeconds: 60 });
    expect(res.body.unsealed).toBeGreaterThan(0);
    const health = await t.http().get('/health').expect(200);
    expect(health.body.details.audit).toMatchObject({ status: 'up', unsealed: res.body.unsealed });
  });

  let withdrawnId = '';
  let withdrawnOwner: TestUser;
  it('a withdrawal while its pre-check job is still queued: withdrawn, the job waits', async () => {
    const batch = await openBatch(t, official);
    const { user } = await enterpriseUser(t);
    withdrawnOwner = user;
    const draft = await completeDraft(t, user, batch.id);
    withdrawnId = draft.id;
    await t
      .http()
      .post(api(`/applications/${draft.id}/submit`))
      .set(bearer(user))
      .expect(200);
    const withdrawn = await t
      .http()
      .post(api(`/applications/${draft.id}/withdraw`))
      .set(bearer(user))
      .send({ reason: '材料需补充，主动撤回' })
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const counts = await t.app.get(QueueService).queue('precheck').getJobCounts('waiting', 'completed');
    expect(counts).toEqual({ waiting: 1, completed: 0 });
  });

  it('the worker process consumes the queue: the queue check, and the job queued before it started', async () => {
    await startWorker();
    // It seals the audit chain too: what the api wrote before it started is chained.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const chain = await t.http().get(api('/system/audit-chain')).set(bearer(admin)).expect(200);
      if (chain.body.unsealed === 0) {
        expect(Number(chain.body.headSeq)).toBeGreaterThan(0);
        break;
      }
      if (Date.now() > deadline) throw new Error(`still unsealed: ${JSON.stringify(chain.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const check = await t.http().post(api('/system/queue-check')).set(bearer(admin)).expect(200);
    expect(check.body.backend).toBe('redis');

    const queue = t.app.get(QueueService).queue('precheck');
    for (let i = 0; (await queue.getJobCounts('completed')).completed < 1; i++) {
      if (i > 300) throw new Error(`queued pre-check never ran:\n${workerLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Evaluated (the report is kept with the submission), but the withdrawal stands, and says so.
    const app = await t
      .http()
      .get(api(`/applications/${withdrawnId}`))
      .set(bearer(withdrawnOwner))
      .expect(200);
    expect(app.body.status).toBe('withdrawn');
    const stale = await t.app
      .get(DataSource)
      .query(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'application.precheck_stale'`, [
        withdrawnId,
      ]);
    expect(stale).toHaveLength(1);
    expect(stale[0].after).toMatchObject({ status: 'withdrawn', verdict: 'pass' });
    // Starting a Nest process on a busy 2-core machine takes its time.
  }, 90_000);

  it('a batch with a non-default pre-check policy: the worker applies that policy', async () => {
    // The same content in two batches: 说明 of NARRATIVE.length characters, enough by default.
    const strict = await openBatch(t, official, { precheckPolicy: { minNarrativeLength: NARRATIVE.length + 1 } });
    const lenient = await openBatch(t, official);
    const verdicts: Record<string, { status: string; codes: string[] }> = {};
    for (const [name, batch] of [
      ['strict', strict],
      ['lenient', lenient],
    ] as const) {
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, batch.id);
      await t
        .http()
        .post(api(`/applications/${draft.id}/submit`))
        .set(bearer(user))
        .expect(200);
      const after = await waitForStatus(t, draft.id, user, 'submitted', 30_000);
      const report = await t
        .http()
        .get(api(`/applications/${draft.id}/precheck`))
        .set(bearer(user))
        .expect(200);
      verdicts[name] = {
        status: after.status,
        codes: [...new Set<string>(report.body.report.findings.map((f: { code: string }) => f.code))],
      };
    }
    expect(verdicts.lenient.status).toBe('precheck_passed');
    expect(verdicts.lenient.codes).not.toContain('narrative.too_short');
    expect(verdicts.strict.status).toBe('returned');
    expect(verdicts.strict.codes).toContain('narrative.too_short');
  }, 60_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => worker!.once('exit', (code) => r(code)));
    worker!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('accounts and forms', () => {
  let t: TestApp;
  let admin: TestUser;
  let official: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    official = await createUser(t, 'official', { regionCode: '330000' });
  });
  afterAll(() => t.close());

  it('deactivating a user ends every session it has; reactivating does not revive them', async () => {
    const user = await createUser(t, 'expert');
    const second = await t
      .http()
      .post(api('/auth/login'))
      .send({ username: user.username, password: 'Test-Passw0rd!' })
      .expect(200);
    const sessions = [
      { token: user.token, refreshToken: user.refreshToken },
      { token: second.body.accessToken, refreshToken: second.body.refreshToken },
    ];
    for (const s of sessions) await t.http().get(api('/auth/me')).set(bearer(s)).expect(200);

    await t
      .http()
      .patch(api(`/users/${user.id}`))
      .set(bearer(admin))
      .send({ active: false })
      .expect(200);
    for (const s of sessions) {
      await t.http().get(api('/auth/me')).set(bearer(s)).expect(401);
      await t.http().post(api('/auth/refresh')).send({ refreshToken: s.refreshToken }).expect(401);
    }
    await t.http().post(api('/auth/login')).send({ username: user.username, password: 'Test-Passw0rd!' }).expect(401);

    await t
      .http()
      .patch(api(`/users/${user.id}`))
      .set(bearer(admin))
      .send({ active: true })
      .expect(200);
    for (const s of sessions) {
      await t.http().get(api('/auth/me')).set(bearer(s)).expect(401);
      await t.http().post(api('/auth/refresh')).send({ refreshToken: s.refreshToken }).expect(401);
    }
    await t.http().post(api('/auth/login')).send({ username: user.username, password: 'Test-Passw0rd!' }).expect(200);
  });

  it('the future-factory form shows only the clauses of the applicant’s industry mode (sub-domains 15 and 16)', async () => {
    const batch = await openBatch(t, official);
    const forms: Record<string, string[]> = {};
    for (const mode of ['discrete', 'process'] as const) {
      const { user } = await enterpriseUser(t, '330106', mode);
      const created = await t
        .http()
        .post(api('/applications'))
        .set(bearer(user))
        .send({ batchId: batch.id, tier: 'future_factory' })
        .expect(201);
      const form = await t
        .http()
        .get(api(`/applications/${created.body.id}/self-assessment`))
        .set(bearer(user))
        .expect(200);
      forms[mode] = form.body.clauses.map((c: { clauseId: string }) => c.clauseId);
    }
    const only = (a: string[], b: string[]) => a.filter((id) => !b.includes(id)).sort();
    // c1）离散行业 / c2）流程行业 of 15 and 16 are the future-factory tier's industry-specific clauses.
    expect(only(forms.discrete, forms.process)).toEqual(['sd15.ff.c1', 'sd16.ff.c1']);
    expect(only(forms.process, forms.discrete)).toEqual(['sd15.ff.c2', 'sd16.ff.c2']);
    expect(forms.discrete.length).toBe(forms.process.length);
    expect(forms.discrete.length).toBeGreaterThan(100);
  });
});
