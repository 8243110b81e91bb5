import { DataSource } from 'typeorm';
import { ResultsReader } from '@ff/reviews';
import { scoreApplication } from '@ff/rules';
import {
  ExpertFixture,
  createRound,
  eventually,
  previewOf,
  publish,
  reviewScenario,
  scoreAndSubmit,
  tasksOf,
} from './support/reviews';
import { TestApp, TestUser, bearer, startTestApp } from './support/test-app';

/**
 * Scoring to stored results: experts accept and score by sub-domain, blind until they submit;
 * @ff/rules aggregates each application once its panel is in; a divergent panel is sent back
 * with a note, rescored, and its result recomputed; calibration shows each expert's severity.
 */
describe('reviews: scoring, aggregation, reconciliation and calibration', () => {
  let t: TestApp;
  let official: TestUser;
  let experts: ExpertFixture[];
  let apps: { id: string }[];
  let roundId: string;
  let batchId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ({ official, apps, experts, batchId } = await reviewScenario(t, { applications: 2, experts: 4 }));
    const created = await createRound(t, official, batchId, {
      title: '评分轮次',
      closesInDays: 9,
      resultBasis: 'severity_adjusted',
    });
    expect(created).toMatchObject({ resultBasis: 'severity_adjusted', resultBasisName: '宽严度校准后评分' });
    roundId = created.id;
    await previewOf(t, official, roundId, 1);
    await publish(t, official, roundId, 1);
  });
  afterAll(() => t.close());

  const taskMap = async () => {
    const all: { id: string; applicationId: string; domainCode: string; expert: ExpertFixture }[] = [];
    for (const e of experts) for (const task of await tasksOf(t, e.user)) all.push({ ...task, expert: e });
    return all;
  };

  it('walks from accepted tasks to stored results, reconciling a divergent panel', async () => {
    const tasks = await taskMap();
    expect(tasks).toHaveLength(2 * 8 * 2);
    for (const task of tasks)
      await t.http().post(`/api/v1/review-tasks/${task.id}/accept`).set(bearer(task.expert.user)).expect(200);

    // One domain of the first application splits its panel: 0 against 1.
    const split = tasks.filter((x) => x.applicationId === apps[0].id && x.domainCode === 'technology_support');
    expect(split).toHaveLength(2);
    const [strict, lenient] = split;

    // Incomplete sheets cannot be submitted; the errors name each gap.
    const incomplete = await t
      .http()
      .post(`/api/v1/review-tasks/${strict.id}/submit`)
      .set(bearer(strict.expert.user))
      .expect(400);
    expect(incomplete.body.code).toBe('sheet_incomplete');
    // Off-scale scores and foreign clauses are refused, naming the field.
    const sheets = await t
      .http()
      .get(`/api/v1/review-tasks/${strict.id}/sheets`)
      .set(bearer(strict.expert.user))
      .expect(200);
    const first = sheets.body[0];
    const off = await t
      .http()
      .put(`/api/v1/review-tasks/${strict.id}/sheets/${first.subdomainNo}`)
      .set(bearer(strict.expert.user))
      .send({ scores: { [first.clauses[0].clauseId]: { score: 0.7 }, 'sd99.ws.a': { score: 1 } } })
      .expect(400);
    expect(off.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      `scores.${first.clauses[0].clauseId}.score`,
      'scores.sd99.ws.a',
    ]);
    // Blind until submitted: the panel's sheets are not the expert's to read yet.
    await t.http().get(`/api/v1/review-tasks/${strict.id}/panel`).set(bearer(strict.expert.user)).expect(404);

    await scoreAndSubmit(t, strict.expert.user, strict.id, 0);
    for (const task of tasks.filter((x) => x.id !== strict.id)) await scoreAndSubmit(t, task.expert.user, task.id, 1);
    // Immutable once submitted: the shared 409 of a status that does not allow the action.
    const late = await t
      .http()
      .put(`/api/v1/review-tasks/${strict.id}/sheets/${first.subdomainNo}`)
      .set(bearer(strict.expert.user))
      .send({ scores: { [first.clauses[0].clauseId]: { score: 1 } } })
      .expect(409);
    expect(late.body).toMatchObject({
      code: 'invalid_transition',
      message: '评审任务当前状态为“已提交”，不能执行“保存评分”',
    });
    const panel = await t
      .http()
      .get(`/api/v1/review-tasks/${strict.id}/panel`)
      .set(bearer(strict.expert.user))
      .expect(200);
    expect(panel.body.some((s: { expertId: string }) => s.expertId === lenient.expert.id)).toBe(true);

    const results = async () =>
      (await t.http().get(`/api/v1/review-rounds/${roundId}/results`).set(bearer(official)).expect(200)).body as {
        id: string;
        applicationId: string;
        status: string;
        generation: number;
        result: { total: number; divergent: number[]; decision: { recommendation: string } };
        highestTier: string | null;
      }[];
    const stored = await eventually(async () => {
      const r = await results();
      return r.length === 2 ? r : null;
    });
    const clean = stored.find((r) => r.applicationId === apps[1].id)!;
    expect(clean).toMatchObject({ status: 'final', highestTier: 'workshop' });
    expect(clean.result.total).toBe(1);
    const divergent = stored.find((r) => r.applicationId === apps[0].id)!;
    expect(divergent.status).toBe('divergent');
    expect(divergent.result.divergent.length).toBeGreaterThan(0);

    const ds = t.app.get(DataSource);
    const status = async (id: string) =>
      (await ds.query(`SELECT status FROM applications WHERE id = $1`, [id]))[0].status;
    expect(await status(apps[1].id)).toBe('reviewed');
    expect(await status(apps[0].id)).toBe('under_review');

    // Calibration: the strict expert's severity is negative.
    const calibration = await t
      .http()
      .get(`/api/v1/review-rounds/${roundId}/calibration`)
      .set(bearer(official))
      .expect(200);
    const sev = calibration.body.experts.find((e: { expertId: string }) => e.expertId === strict.expert.id);
    expect(sev.severity).toBeLessThan(0);

    // Reconcile: both sheets of the divergent domain go back with the note; rescored, the result is final.
    await t
      .http()
      .post(`/api/v1/review-results/${divergent.id}/reconcile`)
      .set(bearer(official))
      .send({ reason: '请专家组对“技术支撑”各子域统一评分尺度后重评' })
      .expect(200);
    const reopened = await t
      .http()
      .get(`/api/v1/review-tasks/${strict.id}`)
      .set(bearer(strict.expert.user))
      .expect(200);
    expect(reopened.body).toMatchObject({
      status: 'reopened',
      reopenNote: '请专家组对“技术支撑”各子域统一评分尺度后重评',
    });
    await scoreAndSubmit(t, strict.expert.user, strict.id, 1);
    await t.http().post(`/api/v1/review-tasks/${lenient.id}/submit`).set(bearer(lenient.expert.user)).expect(200);
    const final = await eventually(async () => {
      const r = (await results()).find((x) => x.applicationId === apps[0].id)!;
      return r.status === 'final' ? r : null;
    });
    expect(final.generation).toBe(2);
    expect(final.result.decision.recommendation).toBe('pass');
    expect(await status(apps[0].id)).toBe('reviewed');
  });

  // The round's result basis decides which reading decisions and reports use. With this small pool
  // each expert always sits with the same partner, so the real severities cancel out; the stored
  // severity-adjusted result of the second application is replaced by what a severe calibration
  // would give (every expert of its panels found lenient by a full point: every score 0), computed
  // by @ff/rules' own aggregation, so the two readings differ in total and in supported tier.
  it('decisions and reports read the results on the basis the round sets: severity-adjusted, then raw', async () => {
    const ds = t.app.get(DataSource);
    const reader = t.app.get(ResultsReader);
    const app = apps[1].id;
    const [{ industry_mode: industry }] = await ds.query(`SELECT industry_mode FROM applications WHERE id = $1`, [app]);
    const [stored] = await reader.finalResults([app]);
    const sheets = await reader.submittedSheets(roundId, app);
    const panels = [...new Set(sheets.map((x) => x.subdomainNo))].map((no) => ({
      subdomainNo: no,
      experts: sheets
        .filter((x) => x.subdomainNo === no)
        .map((x) => ({ expertId: x.expertId, clauses: Object.fromEntries(Object.keys(x.scores).map((k) => [k, 0])) })),
    }));
    const [batch] = await ds.query(`SELECT rule_set_version, scoring_policy FROM batches WHERE id = $1`, [batchId]);
    const severe = scoreApplication(
      { ruleSetVersion: batch.rule_set_version, tier: 'workshop', industry, panels },
      batch.scoring_policy,
    );
    if (!severe.ok) throw new Error('the severe reading did not aggregate');
    expect(severe.decision.recommendation).toBe('fail');
    await ds.query(`UPDATE review_results SET adjusted = $2, adjusted_highest_tier = NULL WHERE id = $1`, [
      stored.resultId,
      JSON.stringify(severe),
    ]);

    const candidate = async () =>
      (
        await t.http().get('/api/v1/decision-candidates').query({ batchId }).set(bearer(official)).expect(200)
      ).body.items.find((c: { applicationId: string }) => c.applicationId === app);
    const resultView = async () =>
      (await t.http().get(`/api/v1/review-results/${stored.resultId}`).set(bearer(official)).expect(200)).body;

    // Severity-adjusted (the round's policy): the decision list and the reader see the severe reading.
    expect(await candidate()).toMatchObject({ total: 0, recommendation: 'fail', highestSupportedTier: null });
    expect((await reader.finalResults([app]))[0]).toMatchObject({
      basis: 'severity_adjusted',
      recommendation: 'fail',
      highestTier: null,
      rawTotal: 1,
    });
    expect((await reader.latestForApplication(app))!.result.total).toBe(0);
    expect(await resultView()).toMatchObject({
      basis: 'severity_adjusted',
      basisName: '宽严度校准后评分',
      highestTier: 'workshop',
      adjustedHighestTier: null,
    });
    const calibration = await t
      .http()
      .get(`/api/v1/review-rounds/${roundId}/calibration`)
      .set(bearer(official))
      .expect(200);
    expect(calibration.body).toMatchObject({ basis: 'severity_adjusted', basisName: '宽严度校准后评分' });
    expect(calibration.body.results.find((r: { applicationId: string }) => r.applicationId === app)).toMatchObject({
      total: 1,
      adjustedTotal: 0,
      basis: 'severity_adjusted',
    });

    // Raw (the default policy): the same stored result now reads as the panel scored it.
    await ds.query(`UPDATE review_rounds SET result_basis = 'raw' WHERE id = $1`, [roundId]);
    expect(await candidate()).toMatchObject({ total: 1, recommendation: 'pass', highestSupportedTier: 'workshop' });
    expect((await reader.finalResults([app]))[0]).toMatchObject({ basis: 'raw', highestTier: 'workshop', rawTotal: 1 });
    expect(await resultView()).toMatchObject({ basis: 'raw', basisName: '原始评分' });
  });
});
