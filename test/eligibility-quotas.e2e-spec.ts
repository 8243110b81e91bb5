import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { completeDraft, enterpriseUser, openBatch, precheckPassedApplication, waitForStatus } from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/**
 * The notice's eligibility thresholds and the recommendation chain's quotas over HTTP: declared
 * facts → pre-check findings (with and without the 山区海岛县 reduction, default and custom batch
 * policies), concurrent recommendations against a quota, ranking, reordering and withdrawal, and
 * the officials' statistics.
 */
describe('eligibility, quotas and ranked recommendation', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let county: TestUser;
  let city: TestUser;
  let batchId: string;
  const api = (path: string) => `/api/v1/applications${path}`;
  const http = () => t.http();

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    admin = await createUser(t, 'admin');
    official = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' });
    city = await createUser(t, 'recommender', { regionCode: '330100' });
    batchId = (await openBatch(t, official)).id;
  });
  afterAll(() => t.close());

  const dryRun = async (owner: TestUser, id: string) =>
    (
      await http()
        .post(api(`/${id}/precheck/dry-run`))
        .set(bearer(owner))
        .expect(200)
    ).body;
  const setFacts = (owner: TestUser, id: string, facts: Record<string, unknown>) =>
    http()
      .patch(api(`/${id}`))
      .set(bearer(owner))
      .send({ eligibilityFacts: facts });
  /** The eligibility findings (the fixtures leave the recommended clauses blank: warnings). */
  const codes = (report: { findings: { code: string }[] }) =>
    report.findings.map((f) => f.code).filter((c) => c.startsWith('eligibility.'));

  describe('facts → pre-check findings', () => {
    it('a new batch carries the 2025 notice defaults', async () => {
      const res = await http().get(`/api/v1/batches/${batchId}`).set(bearer(official)).expect(200);
      expect(res.body.eligibilityPolicy).toMatchObject({
        notice: '浙经信产数〔2025〕174号',
        requireEvidence: true,
        tiers: {
          workshop: { minDigitalLevel: 2, minInvestment: 2000, minInvestmentReduced: 1500, minCreditRating: 'good' },
          smart_factory: { minDigitalLevel: 2, minInvestment: 4000, minInvestmentReduced: 3000 },
          future_factory: { minDigitalLevel: 3, minInvestment: null, violationLookbackYears: 2 },
        },
      });
    });

    it('stores the facts with evidence, shows them, and freezes them in the snapshot', async () => {
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, batchId);
      const detail = await http()
        .get(api(`/${draft.id}`))
        .set(bearer(user))
        .expect(200);
      expect(detail.body.eligibilityFacts).toMatchObject({
        digitalLevel: { value: 3, evidenceIds: [draft.evidenceId] },
        creditRating: { value: 'good', valueName: '良好' },
        violations: { value: false, description: '', evidenceIds: [] },
      });
      // A fact left out is kept; null removes one.
      await setFacts(user, draft.id, {
        digitalLevel: null,
        investment: { value: 2100, evidenceIds: [draft.evidenceId] },
      }).expect(200);
      const after = await http()
        .get(api(`/${draft.id}`))
        .set(bearer(user))
        .expect(200);
      expect(after.body.eligibilityFacts.digitalLevel).toBeUndefined();
      expect(after.body.eligibilityFacts.investment.value).toBe(2100);
      expect(after.body.eligibilityFacts.creditRating.value).toBe('good');

      const report = await dryRun(user, draft.id);
      expect(codes(report)).toEqual(['eligibility.fact_missing']);
      expect(report.findings.at(-1).message).toBe('未填写“数字化水平”（申报“省级数字化车间”：数字化水平须不低于2.0）');
      expect(report.verdict).toBe('return');

      await setFacts(user, draft.id, { digitalLevel: { value: 2.0, evidenceIds: [draft.evidenceId] } }).expect(200);
      await http()
        .post(api(`/${draft.id}/submit`))
        .set(bearer(user))
        .expect(200);
      expect((await waitForStatus(t, draft.id, user, 'submitted')).status).toBe('precheck_passed');
      const [sub] = await ds.query(`SELECT content FROM application_submissions WHERE application_id = $1`, [draft.id]);
      expect(sub.content.eligibility).toMatchObject({
        mountainIslandCounty: false,
        facts: { digitalLevel: { value: 2, evidence: [{ id: draft.evidenceId }] }, investment: { value: 2100 } },
      });
      const pre = await http()
        .get(api(`/${draft.id}/precheck`))
        .set(bearer(user))
        .expect(200);
      expect(pre.body.report.eligibility).toMatchObject({
        passed: true,
        notice: '浙经信产数〔2025〕174号',
        supportedTiers: ['workshop'],
        highestSupportedTier: 'workshop',
      });
    });

    it('a failed threshold returns the application, citing the bar and the declared value', async () => {
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, batchId);
      await setFacts(user, draft.id, {
        investment: { value: 1800, evidenceIds: [draft.evidenceId] },
        creditRating: { value: 'medium', evidenceIds: [draft.evidenceId] },
      }).expect(200);
      await http()
        .post(api(`/${draft.id}/submit`))
        .set(bearer(user))
        .expect(200);
      const after = await waitForStatus(t, draft.id, user, 'submitted');
      expect(after.status).toBe('returned');
      const pre = await http()
        .get(api(`/${draft.id}/precheck`))
        .set(bearer(user))
        .expect(200);
      expect(codes(pre.body.report)).toEqual(['eligibility.investment_below', 'eligibility.credit_below']);
      const [investment, credit] = pre.body.report.eligibility.findings;
      expect(investment.message).toBe(
        '申报“省级数字化车间”近5年软硬件投资（不含土地、厂房）须不低于2000万元，申报值为1800万元',
      );
      expect(credit.message).toContain('信用等级须为“良好”及以上，申报为“中等”');
      const detail = await http()
        .get(api(`/${draft.id}`))
        .set(bearer(user))
        .expect(200);
      expect(detail.body.returnReason.comment).toContain('须不低于2000万元');
    });

    it('a 山区海岛县 enterprise gets the reduced bar; the admin list decides, audited', async () => {
      const { user } = await enterpriseUser(t, '330127'); // 淳安县, one of the 山区26县
      const draft = await completeDraft(t, user, batchId);
      await setFacts(user, draft.id, { investment: { value: 1800, evidenceIds: [draft.evidenceId] } }).expect(200);
      const reduced = await dryRun(user, draft.id);
      expect(reduced.verdict).toBe('pass');
      expect(reduced.eligibility).toMatchObject({ mountainIsland: true, passed: true });

      const list = await http()
        .get('/api/v1/regions/mountain-island-counties?pageSize=100')
        .set(bearer(user))
        .expect(200);
      expect(list.body.total).toBe(26);
      expect(list.body.items.find((c: { regionCode: string }) => c.regionCode === '330127')).toMatchObject({
        regionName: '淳安县',
        cityName: '杭州市',
        source: expect.stringContaining('山区26县'),
      });

      await http().delete('/api/v1/regions/mountain-island-counties/330127').set(bearer(admin)).expect(204);
      const full = await dryRun(user, draft.id);
      expect(codes(full)).toEqual(['eligibility.investment_below']);
      expect(full.eligibility.findings[0].message).toContain('须不低于2000万元');
      await http()
        .delete('/api/v1/regions/mountain-island-counties/330127')
        .set(bearer(admin))
        .expect(404)
        .expect((r) => expect(r.body.message).toBe('“淳安县”不在山区海岛县名单中'));

      const put = await http()
        .put('/api/v1/regions/mountain-island-counties/330127')
        .set(bearer(admin))
        .send({ source: '《浙江省山区26县跨越式高质量发展实施方案（2021—2025年）》' })
        .expect(200);
      expect(put.body).toMatchObject({ regionCode: '330127', regionName: '淳安县' });
      expect((await dryRun(user, draft.id)).verdict).toBe('pass');
      await http()
        .put('/api/v1/regions/mountain-island-counties/330100')
        .set(bearer(admin))
        .send({ source: '某文件' })
        .expect(400)
        .expect((r) => expect(r.body.code).toBe('not_a_county'));

      const audit = await ds.query(
        `SELECT action FROM audit_events WHERE entity_type = 'mountain_island_county' AND entity_id = '330127' ORDER BY id`,
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'mountain_island_county.removed',
        'mountain_island_county.added',
      ]);
    });

    it('validates the facts with Chinese messages', async () => {
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, batchId);
      const noDescription = await setFacts(user, draft.id, { violations: { value: true } }).expect(400);
      expect(noDescription.body.details[0]).toMatchObject({
        field: 'eligibilityFacts.violations.description',
        message: '申报存在违法违规情况时，须填写情况说明（至少5个字）',
      });
      const tooHigh = await setFacts(user, draft.id, { digitalLevel: { value: 7 } }).expect(400);
      expect(tooHigh.body.message).toMatch(/数字化水平|申报值/);
      const badRating = await setFacts(user, draft.id, { creditRating: { value: 'AAA' } }).expect(400);
      expect(badRating.body.details[0].message).toContain('申报值');
      const foreign = await setFacts(user, draft.id, {
        investment: { value: 3000, evidenceIds: ['00000000-0000-4000-8000-000000000000'] },
      }).expect(400);
      expect(foreign.body.details[0]).toMatchObject({ field: 'eligibilityFacts.investment.evidenceIds[0]' });
      // A described violation is accepted, and the pre-check refuses it quoting the description.
      await setFacts(user, draft.id, { violations: { value: true, description: '2025年环保行政处罚一次' } }).expect(
        200,
      );
      const report = await dryRun(user, draft.id);
      expect(report.findings.map((f: { message: string }) => f.message)).toContain(
        '近2年内须无违法违规情况，申报存在违法违规情况：2025年环保行政处罚一次',
      );
    });

    it('a draft batch changes its policy field by field, each change a new version', async () => {
      const now = Date.now();
      const created = await http()
        .post('/api/v1/batches')
        .set(bearer(official))
        .send({
          code: `E${now.toString(36)}`,
          title: '申报条件测试批次',
          tiers: ['workshop', 'future_factory'],
          submissionOpensAt: new Date(now + 3600_000).toISOString(),
          submissionClosesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
        })
        .expect(201);
      expect(created.body.eligibilityPolicy.version).toBe('eligibility-2025-174');
      const patched = await http()
        .patch(`/api/v1/batches/${created.body.id}`)
        .set(bearer(official))
        .send({
          eligibilityPolicy: {
            investmentWindowYears: 3,
            tierThresholds: { future_factory: { minInvestment: 10000, minCreditRating: 'excellent' } },
          },
        })
        .expect(200);
      expect(patched.body.eligibilityPolicy).toMatchObject({
        version: `eligibility-${created.body.code}-r1`,
        investmentWindowYears: 3,
        tiers: {
          workshop: { minInvestment: 2000 },
          future_factory: { minInvestment: 10000, minCreditRating: 'excellent', minDigitalLevel: 3 },
        },
      });
      const again = await http()
        .patch(`/api/v1/batches/${created.body.id}`)
        .set(bearer(official))
        .send({ eligibilityPolicy: { tierThresholds: { future_factory: { minInvestment: null } } } })
        .expect(200);
      expect(again.body.eligibilityPolicy.version).toBe(`eligibility-${created.body.code}-r2`);
      expect(again.body.eligibilityPolicy.tiers.future_factory).toMatchObject({
        minInvestment: null,
        minCreditRating: 'excellent',
      });
      const bad = await http()
        .patch(`/api/v1/batches/${created.body.id}`)
        .set(bearer(official))
        .send({ eligibilityPolicy: { tierThresholds: { workshop: { minCreditRating: 'AAA' } } } })
        .expect(400);
      expect(bad.body.details[0].message).toContain('最低信用等级');
    });

    it('a batch whose policy differs from the defaults is judged by its own values', async () => {
      const custom = await openBatch(t, official, {
        eligibilityPolicy: {
          notice: '某年度通知',
          tierThresholds: { workshop: { minDigitalLevel: 3.5, minCreditRating: 'excellent', minInvestment: null } },
        },
      });
      const batch = await http().get(`/api/v1/batches/${custom.id}`).set(bearer(official)).expect(200);
      expect(batch.body.eligibilityPolicy.tiers.workshop).toMatchObject({
        minDigitalLevel: 3.5,
        minCreditRating: 'excellent',
        minInvestment: null,
        minInvestmentReduced: 1500,
        violationLookbackYears: 2,
      });
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, custom.id);
      await setFacts(user, draft.id, { investment: { value: 1, evidenceIds: [draft.evidenceId] } }).expect(200);
      const report = await dryRun(user, draft.id);
      expect(codes(report)).toEqual(['eligibility.digital_level_below', 'eligibility.credit_below']);
      expect(report.eligibility.findings[0].message).toBe('申报“省级数字化车间”数字化水平须不低于3.5，申报值为3.0');
      expect(report.eligibility.notice).toBe('某年度通知');
      expect(report.eligibility.policyVersion).toBe(`eligibility-${custom.code}-r1`);
      // Changed again before opening? It is open now: only the closing time may change.
      await http()
        .patch(`/api/v1/batches/${custom.id}`)
        .set(bearer(official))
        .send({ eligibilityPolicy: { tierThresholds: { workshop: { minDigitalLevel: 2.0 } } } })
        .expect(409);
    });
  });

  describe('quotas and ranked recommendation', () => {
    const apps: string[] = [];

    const recommend = (who: TestUser, id: string, body: Record<string, unknown> = {}) =>
      http()
        .post(api(`/${id}/recommendation`))
        .set(bearer(who))
        .send({ decision: 'recommend', comment: '同意推荐，智能化水平较高', ...body });
    const ranked = async () =>
      (
        await http()
          .get(`/api/v1/batches/${batchId}/recommendation-list?tier=smart_factory`)
          .set(bearer(city))
          .expect(200)
      ).body;

    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const { user } = await enterpriseUser(t);
        const draft = await precheckPassedApplication(t, user, batchId, 'smart_factory');
        apps.push(draft.id);
        await recommend(county, draft.id).expect(200);
      }
    });

    it('the province sets a quota; two concurrent recommendations can never exceed it', async () => {
      const quota = await http()
        .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
        .set(bearer(official))
        .send({ regionCode: '330100', tier: 'smart_factory', quota: 2 })
        .expect(200);
      expect(quota.body).toMatchObject({ regionName: '杭州市', level: 'city', quota: 2, recommended: 0 });

      // Four at once for two places.
      const results = await Promise.all(apps.slice(0, 4).map((id) => recommend(city, id)));
      const ok = results.filter((r) => r.status === 200);
      const refused = results.filter((r) => r.status === 409);
      expect(ok).toHaveLength(2);
      expect(refused).toHaveLength(2);
      for (const r of refused) {
        expect(r.body).toMatchObject({
          code: 'quota_exceeded',
          message: '杭州市“省级智能工厂”的推荐名额为2个，当前已推荐2个，不能再推荐；可先撤回或调整已有推荐',
        });
      }
      const list = await ranked();
      expect(list).toMatchObject({ quota: 2, count: 2, levelName: '市级推荐' });
      expect(list.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2]);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM applications WHERE batch_id = $1 AND status = 'city_recommended'`,
        [batchId],
      );
      expect(n).toBe(2);

      // A quota below what is already recommended is refused.
      await http()
        .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
        .set(bearer(official))
        .send({ regionCode: '330100', tier: 'smart_factory', quota: 1 })
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('quota_below_count'));
    });

    it('a county quota holds under concurrency too, round after round', async () => {
      const fresh: string[] = [];
      for (let i = 0; i < 4; i++) {
        const { user } = await enterpriseUser(t, '330106');
        fresh.push((await precheckPassedApplication(t, user, batchId, 'workshop')).id);
      }
      for (const [round, quota] of [
        [1, 1],
        [2, 3],
      ]) {
        await http()
          .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
          .set(bearer(official))
          .send({ regionCode: '330106', tier: 'workshop', quota })
          .expect(200);
        const waiting = (
          await ds.query(`SELECT id FROM applications WHERE id = ANY($1::uuid[]) AND status = 'precheck_passed'`, [
            fresh,
          ])
        ).map((r: { id: string }) => r.id);
        const results = await Promise.all(waiting.map((id: string) => recommend(county, id)));
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[]) AND status = 'county_recommended'`,
          [fresh],
        );
        expect({ round, recommended: n }).toEqual({ round, recommended: quota });
        expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'quota_exceeded')).toBe(true);
      }
    });

    it('ranks on recommendation, reorders and withdraws, each audited', async () => {
      await http()
        .put(`/api/v1/batches/${batchId}/recommendation-quotas`)
        .set(bearer(official))
        .send({ regionCode: '330100', tier: 'smart_factory', quota: 3 })
        .expect(200);
      const before = (await ranked()).items.map((i: { applicationId: string }) => i.applicationId);
      const waiting = apps.slice(0, 4).find((id) => !before.includes(id))!;
      // Put first: the others move down.
      const c = await recommend(city, waiting, { rank: 1, comment: '链主企业，优先推荐' }).expect(200);
      expect(c.body).toMatchObject({ status: 'city_recommended', cityRank: 1, countyRank: expect.any(Number) });
      let list = await ranked();
      expect(list.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([waiting, ...before]);
      expect(list.items[0].reason).toBe('链主企业，优先推荐');

      // Move the last one to the top.
      const last = before[1];
      list = (
        await http()
          .put(api(`/${last}/recommendation/rank`))
          .set(bearer(city))
          .send({ rank: 1 })
          .expect(200)
      ).body;
      expect(list.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([last, waiting, before[0]]);
      expect(list.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3]);

      // Withdraw the second: back to 县级已推荐; the third moves up.
      const withdrawn = await http()
        .post(api(`/${waiting}/recommendation/withdraw`))
        .set(bearer(city))
        .send({ reason: '企业情况有变，暂缓推荐' })
        .expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'county_recommended', cityRank: null });
      list = await ranked();
      expect(list.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([last, before[0]]);
      expect(list.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2]);
      // A withdrawn recommendation can be made again.
      await recommend(city, waiting, { rank: 2 }).expect(200);
      expect((await ranked()).items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
        last,
        waiting,
        before[0],
      ]);

      const history = await http()
        .get(api(`/${waiting}/history`))
        .set(bearer(official))
        .expect(200);
      const actions = history.body.map((h: { action: string }) => h.action);
      expect(actions.slice(-3)).toEqual([
        'application.city_recommend',
        'application.city_recommend_withdraw',
        'application.city_recommend',
      ]);
      const [reranked] = await ds.query(
        `SELECT before, after FROM audit_events WHERE action = 'application.recommendation_reranked' AND entity_id = $1`,
        [last],
      );
      expect(reranked).toMatchObject({ before: { rank: 3 }, after: { rank: 1 } });
      const lastHistory = await http()
        .get(api(`/${last}/history`))
        .set(bearer(city))
        .expect(200);
      expect(lastHistory.body.at(-1)).toMatchObject({
        action: 'application.recommendation_reranked',
        actionName: '调整推荐优先顺序',
      });
      const withdrawal = history.body.find(
        (h: { action: string }) => h.action === 'application.city_recommend_withdraw',
      );
      expect(withdrawal).toMatchObject({
        actionName: '撤回市级推荐',
        fromStatusName: '市级已推荐',
        toStatusName: '县级已推荐',
        comment: '企业情况有变，暂缓推荐',
      });
    });

    it('the province sees the ranks and filters and sorts by them', async () => {
      const res = await http()
        .get(`/api/v1/applications?batchId=${batchId}&status=city_recommended&sort=cityRank`)
        .set(bearer(official))
        .expect(200);
      expect(res.body.items.map((a: { cityRank: number }) => a.cityRank)).toEqual([1, 2, 3]);
      const top = await http()
        .get(`/api/v1/applications?batchId=${batchId}&maxCityRank=1`)
        .set(bearer(official))
        .expect(200);
      expect(top.body.total).toBe(1);
      expect(top.body.items[0]).toMatchObject({ cityRank: 1, status: 'city_recommended' });
    });

    it('reordering and withdrawing stop once the province starts review', async () => {
      const first = (await ranked()).items[0].applicationId;
      // What starting expert review does to the application (the reviews context's round publish).
      await ds.query(`UPDATE applications SET status = 'under_review' WHERE id = $1`, [first]);
      await http()
        .post(api(`/${first}/recommendation/withdraw`))
        .set(bearer(city))
        .send({ reason: '企业情况有变，暂缓推荐' })
        .expect(409)
        .expect((r) => expect(r.body.message).toBe('申报当前状态为“专家评审中”，不能执行“撤回市级推荐”'));
      await http()
        .put(api(`/${first}/recommendation/rank`))
        .set(bearer(city))
        .send({ rank: 2 })
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('recommendation_not_found'));
    });

    it('statistics per city and county: by status, recommended vs quota, pre-check pass rate', async () => {
      const res = await http()
        .get(`/api/v1/batches/${batchId}/statistics?regionCode=330100`)
        .set(bearer(official))
        .expect(200);
      const hz = res.body.items.find((r: { regionCode: string }) => r.regionCode === '330100');
      const xh = res.body.items.find((r: { regionCode: string }) => r.regionCode === '330106');
      expect(hz).toMatchObject({ regionName: '杭州市', level: 'city' });
      expect(xh).toMatchObject({ regionName: '西湖区', level: 'county', cityCode: '330100' });
      expect(hz.recommendations.find((r: { tier: string }) => r.tier === 'smart_factory')).toEqual({
        tier: 'smart_factory',
        tierName: '省级智能工厂',
        recommended: 3, // the one under review still holds its place
        quota: 3,
      });
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM applications a JOIN enterprises e ON e.id = a.enterprise_id
          WHERE a.batch_id = $1 AND e.region_code LIKE '3301%'`,
        [batchId],
      );
      expect(hz.total).toBe(n);
      expect(hz.byStatus.find((s: { status: string }) => s.status === 'returned')).toMatchObject({
        statusName: '已退回',
      });
      expect(hz.prechecked).toBeGreaterThan(hz.precheckPassed);
      expect(hz.precheckPassRate).toBeCloseTo(hz.precheckPassed / hz.prechecked);
      // The county sees its own row only.
      const mine = await http().get(`/api/v1/batches/${batchId}/statistics`).set(bearer(county)).expect(200);
      expect(mine.body.items.map((r: { regionCode: string }) => r.regionCode)).toEqual(['330106']);
      expect(
        mine.body.items[0].recommendations.find((r: { tier: string }) => r.tier === 'smart_factory'),
      ).toMatchObject({ recommended: 5, quota: null });
    });
  });
});
