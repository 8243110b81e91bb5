import { DataSource } from 'typeorm';
import {
  ALL_DOMAINS,
  ExpertFixture,
  addExpert,
  eventually,
  publishedRound,
  reviewScenario,
  tasksOf,
} from './support/reviews';
import { TestApp, TestUser, bearer, startTestApp } from './support/test-app';

/**
 * Publication reserves, per task, the next best eligible experts under the same conflict rules;
 * a decline is reassigned to the first reserved alternate still eligible before the whole pool is
 * searched again.
 */
describe('reviews: alternates reserved at publication', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let pool: ExpertFixture[];
  let local: ExpertFixture;
  let round: { id: string; alternates: Record<string, string[]> };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    let batchId: string;
    ({ official, batchId, experts: pool } = await reviewScenario(t, { applications: 1, experts: 6 }));
    // In the applicant's county: a conflict (本地回避), never a task nor an alternate.
    local = await addExpert(t, official, {
      regionCode: '330106',
      expertise: ALL_DOMAINS.map((domain) => ({ domain, level: 'primary' })),
      maxTasksPerRound: 100,
    });
    round = await publishedRound(t, official, batchId, { title: '候补专家测试' });
  });
  afterAll(() => t.close());

  const panelOf = async (slot: string) => {
    const [applicationId, domain] = slot.split('~');
    const rows: { expert_id: string }[] = await ds.query(
      `SELECT expert_id FROM review_tasks WHERE round_id = $1 AND application_id = $2 AND domain_code = $3`,
      [round.id, applicationId, domain],
    );
    return rows.map((r) => r.expert_id);
  };

  it('reserves alternates for every task: eligible, off the panel, never a conflicted expert; audited', async () => {
    const slots = Object.keys(round.alternates);
    expect(slots).toHaveLength(8);
    const ids = new Set(pool.map((e) => e.id));
    for (const slot of slots) {
      const alternates = round.alternates[slot];
      expect(alternates).toHaveLength(2);
      expect(alternates.every((id) => ids.has(id))).toBe(true);
      expect(alternates).not.toContain(local.id);
      const panel = await panelOf(slot);
      expect(panel).toHaveLength(2);
      for (const id of alternates) expect(panel).not.toContain(id);
    }
    const [audit] = await ds.query(
      `SELECT after FROM audit_events WHERE action = 'review_round.published' AND entity_id = $1`,
      [round.id],
    );
    expect(audit.after.alternates).toBe(16);
  });

  const declineAndWait = async (expert: ExpertFixture, taskId: string) => {
    await t
      .http()
      .post(`/api/v1/review-tasks/${taskId}/decline`)
      .set(bearer(expert.user))
      .send({ reason: '时间冲突，无法参加本轮评审' })
      .expect(200);
    return eventually(async () => {
      const [r] = await ds.query(`SELECT id, expert_id FROM review_tasks WHERE replaces_task_id = $1`, [taskId]);
      return r as { id: string; expert_id: string } | undefined;
    });
  };

  it('reassigns a decline to the first alternate, and skips one that is no longer eligible', async () => {
    const byExpert = await Promise.all(pool.map(async (e) => ({ e, tasks: await tasksOf(t, e.user) })));
    const all = byExpert.flatMap(({ e, tasks }) => tasks.map((task) => ({ e, task })));
    const slotOf = (x: { task: { applicationId: string; domainCode: string } }) =>
      `${x.task.applicationId}~${x.task.domainCode}`;
    const first = all[0];
    const second = all.find((x) => slotOf(x) !== slotOf(first))!;

    const replaced = await declineAndWait(first.e, first.task.id);
    expect(replaced.expert_id).toBe(round.alternates[slotOf(first)][0]);
    const [audit] = await ds.query(
      `SELECT after FROM audit_events WHERE action = 'review_task.reassigned' AND entity_id = $1`,
      [replaced.id],
    );
    expect(audit.after.fromAlternates).toBe(true);

    // The next task's first alternate is retired meanwhile: the second one takes the task.
    const slot = slotOf(second);
    const [gone, next] = round.alternates[slot];
    await t.http().patch(`/api/v1/experts/${gone}`).set(bearer(official)).send({ active: false }).expect(200);
    const again = await declineAndWait(second.e, second.task.id);
    expect(again.expert_id).toBe(next);
  });
});
