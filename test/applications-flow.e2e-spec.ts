import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@ff/audit';
import { makeCreditCode } from '@ff/enterprises';
import { NARRATIVE, PDF, passingFacts } from './support/fixtures';
import {
  TEST_PASSWORD,
  TestApp,
  TestUser,
  bearer,
  binaryBody,
  createUser,
  startTestApp,
  unique,
} from './support/test-app';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const randomCreditCode = (region = '330106') =>
  makeCreditCode(
    `91${region}` + Array.from({ length: 9 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join(''),
  );

interface Clause {
  clauseId: string;
  obligation: 'mandatory' | 'recommended';
}

describe('applications: the whole slice over HTTP (real PostgreSQL, Redis, worker)', () => {
  let t: TestApp;
  let official: TestUser;
  let county: TestUser;
  let city: TestUser;
  let otherCity: TestUser;
  let ent: { token: string };
  let batchId: string;
  let appId: string;
  let enterpriseId: string;
  let clauses: Clause[];
  let evidenceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' }); // 杭州市西湖区
    city = await createUser(t, 'recommender', { regionCode: '330100' }); // 杭州市
    otherCity = await createUser(t, 'recommender', { regionCode: '330200' }); // 宁波市
  });
  afterAll(() => t.close());

  const http = () => t.http();
  const api = (path: string) => `/api/v1/applications${path}`;

  async function waitForStatus(id: string, user: { token: string }, not: string, timeoutMs = 15_000) {
    const started = Date.now();
    for (;;) {
      const res = await http()
        .get(api(`/${id}`))
        .set(bearer(user))
        .expect(200);
      if (res.body.status !== not) return res.body;
      if (Date.now() - started > timeoutMs) throw new Error(`status still ${not} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('the programme office opens a batch', async () => {
    const now = Date.now();
    const created = await http()
      .post('/api/v1/batches')
      .set(bearer(official))
      .send({
        code: unique('B'),
        title: '2026年度第一批智能制造分级申报',
        tiers: ['workshop', 'smart_factory'],
        submissionOpensAt: new Date(now - 3600_000).toISOString(),
        submissionClosesAt: new Date(now + 30 * 86400_000).toISOString(),
      })
      .expect(201);
    batchId = created.body.id;
    await http().post(`/api/v1/batches/${batchId}/open`).set(bearer(official)).expect(200);
  });

  it('an enterprise user signs up, logs in and registers its enterprise', async () => {
    const username = unique('ent');
    await http()
      .post('/api/v1/auth/register')
      .send({ username, displayName: '西湖智能装备', password: TEST_PASSWORD })
      .expect(201);
    const login = await http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    ent = { token: login.body.accessToken };
    const res = await http()
      .post('/api/v1/enterprises')
      .set(bearer(ent))
      .send({
        name: '杭州西湖智能装备有限公司',
        creditCode: randomCreditCode(),
        regionCode: '330106',
        industryMode: 'discrete',
      })
      .expect(201);
    enterpriseId = res.body.id;
  });

  it('creates a draft application; a second one in the same batch is refused', async () => {
    const res = await http().post(api('')).set(bearer(ent)).send({ batchId, tier: 'workshop' }).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      statusName: '草稿',
      tier: 'workshop',
      industryMode: 'discrete',
      enterpriseId,
      regionCode: '330106',
    });
    appId = res.body.id;
    const again = await http().post(api('')).set(bearer(ent)).send({ batchId, tier: 'smart_factory' }).expect(409);
    expect(again.body.code).toBe('application_exists');
    expect(again.body.message).toMatch(/每个批次只能申报一次/);
  });

  it('shows the self-assessment form for the tier and industry', async () => {
    const res = await http()
      .get(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .expect(200);
    clauses = res.body.clauses;
    expect(clauses.length).toBeGreaterThan(10);
    expect(res.body.progress).toMatchObject({ total: clauses.length, declared: 0 });
    expect(res.body.editable).toBe(true);
    // A discrete enterprise's form never shows a process-industry clause.
    expect(clauses.some((c) => /\.c2$/.test(c.clauseId))).toBe(false);
  });

  it('uploads evidence (type from the content, sha256-addressed) and downloads it with safe headers', async () => {
    const res = await http()
      .post(api(`/${appId}/evidence`))
      .set(bearer(ent))
      .attach('file', PDF, { filename: '设备联网 说明.pdf', contentType: 'application/octet-stream' })
      .expect(201);
    expect(res.body).toMatchObject({ name: '设备联网 说明.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(res.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    evidenceId = res.body.id;

    const list = await http()
      .get(api(`/${appId}/evidence`))
      .set(bearer(ent))
      .expect(200);
    expect(list.body.map((e: { id: string }) => e.id)).toEqual([evidenceId]);

    // A draft is the enterprise's own: the county does not learn that it exists until it is submitted.
    await http()
      .get(api(`/${appId}/evidence/${evidenceId}/content`))
      .set(bearer(county))
      .expect(404);
    const dl = await http()
      .get(api(`/${appId}/evidence/${evidenceId}/content`))
      .set(bearer(ent))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(Buffer.compare(dl.body as Buffer, PDF)).toBe(0);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('设备联网 说明.pdf')}`);
    // Another city's recommender cannot fetch it, nor tell that it exists.
    await http()
      .get(api(`/${appId}/evidence/${evidenceId}/content`))
      .set(bearer(otherCity))
      .expect(404);
  });

  it('rejects unknown clause ids in a bulk save, naming the field, and writes nothing', async () => {
    const res = await http()
      .put(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .send({
        declarations: [
          { clauseId: clauses[0].clauseId, status: 'met', narrative: NARRATIVE, evidenceIds: [evidenceId] },
          { clauseId: 'sd99.ws.z', status: 'met', narrative: NARRATIVE },
        ],
      })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'declarations[1].clauseId', code: 'unknown_clause' }),
    ]);
    const form = await http()
      .get(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .expect(200);
    expect(form.body.progress.declared).toBe(0);
  });

  it('submits an incomplete form; the pre-check returns it with findings in Chinese', async () => {
    const mandatory = clauses.filter((c) => c.obligation === 'mandatory');
    const half = mandatory.slice(0, Math.ceil(mandatory.length / 2));
    await http()
      .put(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .send({
        declarations: half.map((c) => ({
          clauseId: c.clauseId,
          status: 'met',
          narrative: NARRATIVE,
          evidenceIds: [evidenceId],
        })),
      })
      .expect(200);

    const submitted = await http()
      .post(api(`/${appId}/submit`))
      .set(bearer(ent))
      .expect(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      statusName: '已提交（形式审查中）',
      submissionCount: 1,
    });

    const after = await waitForStatus(appId, ent, 'submitted');
    expect(after.status).toBe('returned');
    expect(after.returnReason).toMatchObject({ source: 'precheck' });
    expect(after.returnReason.comment).toMatch(/未填写自评/);

    const report = await http()
      .get(api(`/${appId}/precheck`))
      .set(bearer(ent))
      .expect(200);
    expect(report.body.precheckStatus).toBe('returned');
    expect(report.body.report.verdict).toBe('return');
    const missing = report.body.report.findings.filter((f: { code: string }) => f.code === 'declaration.missing');
    expect(missing).toHaveLength(mandatory.length - half.length);
    expect(missing[0].message).toMatch(/必选条款（应），未填写自评/);
  });

  it('the frozen snapshot carries its hash and cannot be changed', async () => {
    const ds = t.app.get(DataSource);
    const [sub] = await ds.query(
      `SELECT id, content, content_hash FROM application_submissions WHERE application_id = $1 AND seq = 1`,
      [appId],
    );
    expect(sub.content_hash).toBe(createHash('sha256').update(canonicalJson(sub.content)).digest('hex'));
    expect(sub.content.enterprise).toMatchObject({ id: enterpriseId, regionCode: '330106', industryMode: 'discrete' });
    expect(sub.content.evidenceSha256).toEqual([createHash('sha256').update(PDF).digest('hex')]);
    await expect(ds.query(`UPDATE application_submissions SET content = '{}' WHERE id = $1`, [sub.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(ds.query(`DELETE FROM application_submissions WHERE id = $1`, [sub.id])).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it('the enterprise fixes the form, resubmits, and the pre-check passes', async () => {
    const mandatory = clauses.filter((c) => c.obligation === 'mandatory');
    await http()
      .put(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .send({
        declarations: mandatory.map((c) => ({
          clauseId: c.clauseId,
          status: 'met',
          narrative: NARRATIVE,
          evidenceIds: [evidenceId],
        })),
      })
      .expect(200);
    // One clause saved on its own as well.
    const one = await http()
      .put(api(`/${appId}/self-assessment/${mandatory[0].clauseId}`))
      .set(bearer(ent))
      .send({ status: 'partial', narrative: NARRATIVE, evidenceIds: [evidenceId] })
      .expect(200);
    // It answers the saved clause and the form's progress, not the whole form.
    expect(one.body).toMatchObject({ clauseId: mandatory[0].clauseId, declaration: { status: 'partial' } });
    expect(one.body.progress.mandatoryDeclared).toBe(mandatory.length);
    // The notice's eligibility facts (数字化水平, investment …), which the first submission lacked.
    await http()
      .patch(api(`/${appId}`))
      .set(bearer(ent))
      .send({ eligibilityFacts: passingFacts(evidenceId) })
      .expect(200);

    await http()
      .post(api(`/${appId}/submit`))
      .set(bearer(ent))
      .expect(200);
    const after = await waitForStatus(appId, ent, 'submitted');
    expect(after).toMatchObject({
      status: 'precheck_passed',
      statusName: '形式审查通过',
      submissionCount: 2,
      returnReason: null,
    });
    const report = await http()
      .get(api(`/${appId}/precheck`))
      .set(bearer(ent))
      .expect(200);
    expect(report.body).toMatchObject({ seq: 2, precheckStatus: 'passed' });
    expect(report.body.report.verdict).toBe('pass');
  });

  it('only the right level acts: the city cannot skip the county', async () => {
    // Submitted, the application and its evidence are open to the recommenders of its jurisdiction.
    await http()
      .get(api(`/${appId}/evidence/${evidenceId}/content`))
      .set(bearer(county))
      .expect(200);
    const res = await http()
      .post(api(`/${appId}/recommendation`))
      .set(bearer(city))
      .send({ decision: 'recommend', comment: '同意推荐' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'invalid_transition' });
    expect(res.body.message).toContain('形式审查通过');
    await http()
      .post(api(`/${appId}/recommendation`))
      .set(bearer(otherCity))
      .send({ decision: 'recommend' })
      .expect(404);
  });

  it('the county recommends, then the city recommends', async () => {
    const c1 = await http()
      .post(api(`/${appId}/recommendation`))
      .set(bearer(county))
      .send({ decision: 'recommend', comment: '材料齐全，同意推荐' })
      .expect(200);
    expect(c1.body).toMatchObject({ status: 'county_recommended', statusName: '县级已推荐' });
    const c2 = await http()
      .post(api(`/${appId}/recommendation`))
      .set(bearer(city))
      .send({ decision: 'recommend', comment: '同意推荐至省级' })
      .expect(200);
    expect(c2.body).toMatchObject({ status: 'city_recommended', statusName: '市级已推荐' });
    // No edits outside draft/returned.
    const edit = await http()
      .put(api(`/${appId}/self-assessment`))
      .set(bearer(ent))
      .send({ declarations: [] })
      .expect(409);
    expect(edit.body).toMatchObject({ code: 'application_not_editable' });
    expect(edit.body.message).toContain('市级已推荐');
    // Past the city, the enterprise can no longer withdraw.
    const w = await http()
      .post(api(`/${appId}/withdraw`))
      .set(bearer(ent))
      .send({})
      .expect(409);
    expect(w.body.message).toContain('市级已推荐');
  });

  it('the province sees it in its list; lists are scoped by role', async () => {
    const res = await http()
      .get(api(''))
      .query({ batchId, status: 'city_recommended' })
      .set(bearer(official))
      .expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({
      id: appId,
      status: 'city_recommended',
      enterpriseName: '杭州西湖智能装备有限公司',
      regionName: '西湖区',
    });

    const byName = await http().get(api('')).query({ q: '西湖智能', batchId }).set(bearer(official)).expect(200);
    expect(byName.body.items.map((a: { id: string }) => a.id)).toEqual([appId]);
    const byRegion = await http()
      .get(api(''))
      .query({ regionCode: '330200', batchId })
      .set(bearer(official))
      .expect(200);
    expect(byRegion.body.total).toBe(0);

    expect((await http().get(api('')).query({ batchId }).set(bearer(ent)).expect(200)).body.total).toBe(1);
    expect((await http().get(api('')).query({ batchId }).set(bearer(county)).expect(200)).body.total).toBe(1);
    expect((await http().get(api('')).query({ batchId }).set(bearer(otherCity)).expect(200)).body.total).toBe(0);
    const expert = await createUser(t, 'expert');
    await http().get(api('')).set(bearer(expert)).expect(403);
    await http()
      .get(api(`/${appId}`))
      .set(bearer(expert))
      .expect(403);
  });

  it('the history tells the story from the audit log, in Chinese', async () => {
    const res = await http()
      .get(api(`/${appId}/history`))
      .set(bearer(ent))
      .expect(200);
    const actions = res.body.map((h: { action: string }) => h.action);
    expect(actions).toEqual([
      'application.created',
      'application.evidence_uploaded',
      'application.self_assessment_saved',
      'application.submit',
      'application.precheck_fail',
      'application.self_assessment_saved',
      'application.self_assessment_saved',
      'application.updated',
      'application.submit',
      'application.precheck_pass',
      'application.county_recommend',
      'application.city_recommend',
    ]);
    const county = res.body.find((h: { action: string }) => h.action === 'application.county_recommend');
    expect(county).toMatchObject({
      actorRole: 'recommender',
      actorRoleName: '属地推荐单位',
      actionName: '县级推荐',
      fromStatus: 'precheck_passed',
      fromStatusName: '形式审查通过',
      toStatusName: '县级已推荐',
      comment: '材料齐全，同意推荐',
    });
    const fail = res.body.find((h: { action: string }) => h.action === 'application.precheck_fail');
    expect(fail).toMatchObject({ actorRole: 'system', actorRoleName: '系统', toStatusName: '已退回' });
    // Denied attempts are audited, but are not part of the application's story.
    expect(actions).not.toContain('access.denied');
  });
});
