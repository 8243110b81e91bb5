import type { Server } from 'node:http';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { AuditVerifier } from '@ff/audit';
import { QueueService } from '@ff/queue';
import { completeDraft, enterpriseUser, openBatch, precheckPassedApplication, waitForStatus } from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * Concurrent decisions on one application: whatever the interleaving, exactly one wins, the losers
 * get 409 with a Chinese message, and the status, the recommendations and the audit log all tell the
 * winner's story. Every race runs a few rounds on fresh applications, so different interleavings get
 * a chance to happen.
 */
const ROUNDS = 3;

interface Attempt {
  name: string;
  send: (id: string) => Test;
  /** The status the application ends in when this attempt wins. */
  to: string;
  /** The audit action this attempt writes when it wins. */
  action: string;
  /** Whether a win writes a recommendation row. */
  recommends: boolean;
}

describe('applications: concurrent decisions cannot both win', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let county: TestUser;
  let county2: TestUser;
  let city: TestUser;
  let city2: TestUser;
  let batchId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    // Listen once, so simultaneous requests share one server instead of each starting their own.
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    official = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' });
    county2 = await createUser(t, 'recommender', { regionCode: '330106' });
    city = await createUser(t, 'recommender', { regionCode: '330100' });
    city2 = await createUser(t, 'recommender', { regionCode: '330100' });
    batchId = (await openBatch(t, official)).id;
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1/applications${path}`;
  const recommendation = (
    who: () => TestUser,
    decision: 'recommend' | 'return',
    level: 'county' | 'city',
    name: string,
  ): Attempt => ({
    name,
    send: (id) =>
      t
        .http()
        .post(api(`/${id}/recommendation`))
        .set(bearer(who()))
        .send({ decision, comment: decision === 'return' ? '佐证材料不充分，请补充' : '同意推荐' }),
    to: decision === 'recommend' ? `${level}_recommended` : 'returned',
    action: `application.${level}_${decision}`,
    recommends: true,
  });

  /** The application's own audit story, denials aside. */
  const story = async (id: string): Promise<string[]> =>
    (
      await ds.query(
        `SELECT action FROM audit_events WHERE entity_type = 'application' AND entity_id = $1 AND action <> 'access.denied' ORDER BY id`,
        [id],
      )
    ).map((r: { action: string }) => r.action);

  const count = async (sql: string, params: unknown[]) => Number((await ds.query(sql, params))[0].n);

  /** Fires every attempt at once; checks one winner, the losers' 409s and that everything agrees with the winner. */
  async function race(id: string, owner: TestUser, attempts: Attempt[], round: number) {
    // Each round fires them in a different order, so the first-sent does not always win.
    const shift = round % attempts.length;
    attempts = [...attempts.slice(shift), ...attempts.slice(0, shift)];
    const storyBefore = await story(id);
    const recsBefore = await count(`SELECT count(*) AS n FROM recommendations WHERE application_id = $1`, [id]);
    const results = await Promise.all(attempts.map((a) => a.send(id)));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(attempts.length - 1);
    const winner = attempts[statuses.indexOf(200)];
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.code).toBe('invalid_transition');
      expect(loser.body.message).toMatch(/申报(当前)?状态/);
    }
    expect(results[statuses.indexOf(200)].body.status).toBe(winner.to);

    const now = await t
      .http()
      .get(api(`/${id}`))
      .set(bearer(owner))
      .expect(200);
    expect(now.body.status).toBe(winner.to);
    expect(await story(id)).toEqual([...storyBefore, winner.action]);
    expect(await count(`SELECT count(*) AS n FROM recommendations WHERE application_id = $1`, [id])).toBe(
      recsBefore + (winner.recommends ? 1 : 0),
    );
    return winner;
  }

  async function precheckPassed() {
    const { user } = await enterpriseUser(t);
    const { id } = await precheckPassedApplication(t, user, batchId);
    return { id, owner: user };
  }

  describe.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))('round %i', (round) => {
    it('county recommend vs county return (two county users): one wins', async () => {
      const { id, owner } = await precheckPassed();
      await race(
        id,
        owner,
        [
          recommendation(() => county, 'recommend', 'county', 'recommend'),
          recommendation(() => county2, 'return', 'county', 'return'),
        ],
        round,
      );
    });

    it('the same county user recommends and returns at once: one wins', async () => {
      const { id, owner } = await precheckPassed();
      await race(
        id,
        owner,
        [
          recommendation(() => county, 'recommend', 'county', 'recommend'),
          recommendation(() => county, 'return', 'county', 'return'),
        ],
        round,
      );
    });

    it('two county users recommend at once: one recommendation is recorded', async () => {
      const { id, owner } = await precheckPassed();
      await race(
        id,
        owner,
        [
          recommendation(() => county, 'recommend', 'county', 'first'),
          recommendation(() => county2, 'recommend', 'county', 'second'),
          recommendation(() => county, 'recommend', 'county', 'double click'),
        ],
        round,
      );
    });

    it('city recommend vs city return vs the enterprise withdrawing: one wins', async () => {
      // Withdrawal is allowed up to county_recommended and from returned, so it races the city's
      // recommendation (after which it is not allowed) rather than the county's.
      const { id, owner } = await precheckPassed();
      await t
        .http()
        .post(api(`/${id}/recommendation`))
        .set(bearer(county))
        .send({ decision: 'recommend' })
        .expect(200);
      const withdraw: Attempt = {
        name: 'withdraw',
        send: (appId) =>
          t
            .http()
            .post(api(`/${appId}/withdraw`))
            .set(bearer(owner))
            .send({ reason: '企业决定撤回' }),
        to: 'withdrawn',
        action: 'application.withdraw',
        recommends: false,
      };
      const winner = await race(
        id,
        owner,
        [
          recommendation(() => city, 'recommend', 'city', 'recommend'),
          recommendation(() => city2, 'recommend', 'city', 'recommend 2'),
          withdraw,
        ],
        round,
      );
      if (winner.recommends) {
        expect(
          await count(`SELECT count(*) AS n FROM recommendations WHERE application_id = $1 AND level = 'city'`, [id]),
        ).toBe(1);
      }
    });

    it('city recommend vs city return: one wins', async () => {
      const { id, owner } = await precheckPassed();
      await t
        .http()
        .post(api(`/${id}/recommendation`))
        .set(bearer(county))
        .send({ decision: 'recommend' })
        .expect(200);
      await race(
        id,
        owner,
        [
          recommendation(() => city, 'recommend', 'city', 'recommend'),
          recommendation(() => city2, 'return', 'city', 'return'),
        ],
        round,
      );
    });

    it('a double submit: one submission snapshot, one pre-check job, one pre-check', async () => {
      const { user } = await enterpriseUser(t);
      const { id } = await completeDraft(t, user, batchId);
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t
            .http()
            .post(api(`/${id}/submit`))
            .set(bearer(user)),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body.code).toBe('invalid_transition');
        expect(loser.body.message).toMatch(/申报(当前)?状态/);
      }

      const after = await waitForStatus(t, id, user, 'submitted');
      expect(after).toMatchObject({ status: 'precheck_passed', submissionCount: 1 });
      expect(await count(`SELECT count(*) AS n FROM application_submissions WHERE application_id = $1`, [id])).toBe(1);
      const jobs = await t.app
        .get(QueueService)
        .queue('precheck')
        .getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized']);
      expect(jobs.filter((j) => j.data.applicationId === id)).toHaveLength(1);
      expect(await story(id)).toEqual([
        'application.created',
        'application.evidence_uploaded',
        'application.self_assessment_saved',
        'application.updated', // the fixture declares the eligibility facts
        'application.submit',
        'application.precheck_pass',
      ]);
    });

    it('a double create in one batch: one application', async () => {
      const { user, enterprise } = await enterpriseUser(t);
      const results = await Promise.all(
        [1, 2, 3].map(() => t.http().post(api('')).set(bearer(user)).send({ batchId, tier: 'workshop' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const loser of results.filter((r) => r.status === 409)) {
        expect(loser.body.code).toBe('application_exists');
        expect(loser.body.message).toMatch(/每个批次只能申报一次/);
      }
      expect(await count(`SELECT count(*) AS n FROM applications WHERE enterprise_id = $1`, [enterprise.id])).toBe(1);
      const id = results.find((r) => r.status === 201)!.body.id;
      expect(await story(id)).toEqual(['application.created']);
    });
  });

  describe('afterwards', () => {
    it('the audit chain is intact after the races', async () => {
      expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ ok: true });
    });
  });
});
