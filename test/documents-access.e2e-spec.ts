import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { accessMatrix, each } from './support/access-matrix';
import { enterpriseUser } from './support/fixtures';
import { ExpertFixture, eventually, publishedRound, reviewScenario, scoreAndSubmit, tasksOf } from './support/reviews';
import { TestApp, TestUser, bearer, binaryBody, createUser, startTestApp } from './support/test-app';
import { SYSTEM_ACTOR } from '@ff/core';
import { DocumentStore, certificateLines, sampleCertificate } from '@ff/documents';
import { extractPdfText, squeeze } from '../libs/documents/src/__tests__/pdf-text';

/**
 * The assessment report and the results export through the API: who may request, read and
 * download them (officials always; the applicant and its recommenders only once a decision
 * exists; anyone else an audited 404), rendering in a job with a 202 while it runs, stored
 * content-addressed and rendered again only when the content changes. Who may call what runs on the
 * shared access-matrix runner (`support/access-matrix.ts`).
 */
type Who =
  'official' | 'county' | 'city' | 'owner' | 'otherOwner' | 'stranger' | 'elsewhere' | 'expert' | 'admin' | 'anonymous';
describe('documents: assessment reports and results exports', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let county: TestUser;
  let city: TestUser;
  let experts: ExpertFixture[];
  let app: { id: string; enterpriseId: string; owner: TestUser };
  let other: { id: string; enterpriseId: string; owner: TestUser };
  let batchId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    let apps: (typeof app)[];
    ({ official, county, city, batchId, apps, experts } = await reviewScenario(t, { applications: 2, experts: 2 }));
    [app, other] = apps;
    await publishedRound(t, official, batchId, { title: '报告轮次', applicationIds: [app.id] });
    // Expert 0 scores 0.8 with comments, expert 1 scores 1: a final result, no divergence.
    for (const [i, e] of experts.entries())
      for (const task of await tasksOf(t, e.user)) {
        await t.http().post(`/api/v1/review-tasks/${task.id}/accept`).set(bearer(e.user)).expect(200);
        await scoreAndSubmit(t, e.user, task.id, i === 0 ? 0.8 : 1);
      }
    await eventually(async () => {
      const res = await t.http().get(`/api/v1/applications/${app.id}/assessment-report`).set(bearer(official));
      return res.status === 200;
    });
  }, 120_000);
  afterAll(() => t.close());

  const report = (id: string) => `/api/v1/applications/${id}/assessment-report`;

  const users: Partial<Record<Who, TestUser>> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    Object.assign(users, {
      official,
      county,
      city,
      owner: app.owner,
      otherOwner: other.owner,
      expert: experts[0].user,
      stranger: (await enterpriseUser(t, '330106')).user,
      elsewhere: await createUser(t, 'recommender', { regionCode: '330200' }),
      admin: await createUser(t, 'admin'),
    });
    Object.assign(ids, { app: app.id, other: other.id, batch: batchId });
  });
  const { cases } = accessMatrix<Who>({ app: () => t, users, ids, resources: { applications: 'application' } });
  const REPORT = '/applications/{app}/assessment-report';

  it('an official requests the report: 202 while it renders, then the PDF, stored content-addressed', async () => {
    const before = await t.http().get(report(app.id)).set(bearer(official)).expect(200);
    expect(before.body).toMatchObject({ status: 'not_rendered', decided: false, documentId: null });
    const requested = await t.http().post(report(app.id)).set(bearer(official)).expect(202);
    expect(['rendering', 'ready']).toContain(requested.body.status);
    expect(requested.body.inputHash).toBe(before.body.inputHash);

    const ready = await eventually(async () => {
      const res = await t
        .http()
        .get(`${report(app.id)}/content`)
        .set(bearer(official))
        .buffer(true)
        .parse(binaryBody);
      if (res.status === 202) expect(JSON.parse(String(res.body)).status).toBe('rendering');
      return res.status === 200 ? res : null;
    });
    expect(ready.headers['content-type']).toBe('application/pdf');
    const pdf = ready.body as Buffer;
    const status = await t.http().get(report(app.id)).set(bearer(official)).expect(200);
    expect(status.body).toMatchObject({ status: 'ready', documentId: requested.body.documentId, size: pdf.length });
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(status.body.sha256);

    // The text is Chinese, the experts anonymous.
    const text = squeeze(extractPdfText(pdf).join(''));
    const [enterprise] = await ds.query(`SELECT name FROM enterprises WHERE id = $1`, [app.enterpriseId]);
    expect(text).toContain(squeeze(enterprise.name));
    expect(text).toContain('认定决定：尚未作出认定决定');
    // Only the expert who scored below the top left comments: lettered A or B by a fixed order.
    expect(text).toMatch(/专家[AB]1\.新一代信息技术/);
    expect(text).toContain('部分要求尚未达到，需补充材料');
    const names: { name: string }[] = await ds.query(`SELECT name FROM experts WHERE id = ANY($1::uuid[])`, [
      experts.map((e) => e.id),
    ]);
    for (const { name } of names) expect(text).not.toContain(name);
  });

  it('asking again renders nothing new; a changed content renders once more', async () => {
    const first = await t.http().post(report(app.id)).set(bearer(official)).expect(202);
    expect(first.body.status).toBe('ready');
    const rows = () =>
      ds.query(`SELECT id, status, input_hash FROM documents WHERE subject_id = $1 ORDER BY created_at`, [app.id]);
    expect(await rows()).toHaveLength(1);
    const rendered = () =>
      ds
        .query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.rendered' AND entity_id = $1`, [
          first.body.documentId,
        ])
        .then((r: { n: number }[]) => r[0].n);
    expect(await rendered()).toBe(1);
    // A redelivered job finds the row rendered and changes nothing.
    expect(await t.app.get(DocumentStore).render(first.body.documentId, false)).toEqual({ outcome: 'already ready' });
    expect(await rendered()).toBe(1);

    // The panel's result is settled with a note (what an official's accept writes): the content changes.
    await ds.query(`UPDATE review_results SET resolution = $2 WHERE application_id = $1`, [
      app.id,
      { action: 'accept', note: '复核后确认采纳', subdomains: [], by: randomUUID(), at: new Date().toISOString() },
    ]);
    const changed = await t.http().get(report(app.id)).set(bearer(official)).expect(200);
    expect(changed.body.status).toBe('not_rendered');
    expect(changed.body.inputHash).not.toBe(first.body.inputHash);
    const pending = await t
      .http()
      .get(`${report(app.id)}/content`)
      .set(bearer(official))
      .expect(202);
    expect(pending.body.documentId).not.toBe(first.body.documentId);
    await eventually(async () => (await rows()).every((r: { status: string }) => r.status === 'ready'));
    expect(await rows()).toHaveLength(2);
    const pdf = await t
      .http()
      .get(`${report(app.id)}/content`)
      .set(bearer(official))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(squeeze(extractPdfText(pdf.body as Buffer).join(''))).toContain('复核后确认采纳');
  });

  describe('before a decision, the applicant and its recommenders are told the report is not released', () => {
    const NOT_RELEASED = { owner: 409, county: 409, city: 409 } as const;
    cases([
      ...each<Who>('get', REPORT, NOT_RELEASED, { code: 'report_not_released' }),
      ...each<Who>('get', `${REPORT}/content`, NOT_RELEASED, { code: 'report_not_released' }),
      // Requesting a rendering is the officials' alone.
      ...each<Who>('post', REPORT, { owner: 403, county: 403, anonymous: 401 }),
    ]);
  });

  describe("other parties cannot read another's report by guessing ids: audited 404s", () => {
    const OTHERS = { stranger: 404, elsewhere: 404, otherOwner: 404 } as const;
    cases([
      ...each<Who>('get', REPORT, OTHERS),
      ...each<Who>('get', `${REPORT}/content`, OTHERS),
      // Experts and admins have no report routes.
      ...each<Who>('get', REPORT, { expert: 403, admin: 403, anonymous: 401 }),
      // A guessed id, even for an official: 404, audited.
      ...each<Who>('get', '/applications/{random}/assessment-report', { official: 404 }),
      ...each<Who>('post', '/applications/{random}/assessment-report', { official: 404 }),
      // An application without a panel result has no report yet.
      ...each<Who>(
        'post',
        '/applications/{other}/assessment-report',
        { official: 409 },
        { code: 'report_not_available' },
      ),
    ]);
  });

  it('exports the batch results for officials only, hostile names inert', async () => {
    // A name a spreadsheet would run as a formula.
    await ds.query(`UPDATE enterprises SET name = $2 WHERE id = $1`, [app.enterpriseId, "=cmd|' /C calc'!A0"]);
    const res = await t
      .http()
      .get(`/api/v1/batches/${batchId}/results-export`)
      .set(bearer(official))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '省级数字化车间', '统计']);
    const overview = wb.getWorksheet('概览')!;
    expect(overview.rowCount).toBe(2); // the one application with a result
    expect(overview.getRow(2).getCell(1).value).toBe("'=cmd|' /C calc'!A0");
    expect(overview.getRow(2).values).toContain('待认定');
  });

  describe('the results export is the officials’ alone', () => {
    cases([
      ...each<Who>('get', '/batches/{batch}/results-export', {
        owner: 403,
        county: 403,
        city: 403,
        expert: 403,
        anonymous: 401,
      }),
      ...each<Who>('get', '/batches/{random}/results-export', { official: 404 }),
    ]);
  });

  it('once a second official confirms a decision, the applicant and its recommenders read the report', async () => {
    const second = await createUser(t, 'official', { regionCode: '330000' });
    const proposed = await t
      .http()
      .post('/api/v1/decisions')
      .set(bearer(official))
      .send({ applicationId: app.id, outcome: 'designate_applied', reasonCode: 'meets_applied_tier' })
      .expect(201);
    // A proposal is not a decision: still not released.
    expect((await t.http().get(report(app.id)).set(bearer(app.owner)).expect(409)).body.code).toBe(
      'report_not_released',
    );
    await t.http().post(`/api/v1/decisions/${proposed.body.id}/confirm`).set(bearer(second)).expect(200);

    for (const who of [app.owner, county, city]) {
      const status = await t.http().get(report(app.id)).set(bearer(who)).expect(200);
      expect(status.body.decided).toBe(true);
    }
    // The applicant's download starts the rendering of the new content (the decision is in it).
    const pdf = await eventually(async () => {
      const res = await t
        .http()
        .get(`${report(app.id)}/content`)
        .set(bearer(app.owner))
        .buffer(true)
        .parse(binaryBody);
      return res.status === 200 ? (res.body as Buffer) : null;
    });
    const text = squeeze(extractPdfText(pdf).join(''));
    expect(text).toContain('认定决定：按申报层级认定（省级数字化车间）');
    expect(text).toContain('专家评分达到申报层级通过线，无否决项');
    expect(text).not.toContain('尚未作出认定决定');
    // Others still get the audited 404; the results export shows the decision in words.
    await t.http().get(report(app.id)).set(bearer(other.owner)).expect(404);
    const res = await t
      .http()
      .get(`/api/v1/batches/${batchId}/results-export`)
      .set(bearer(official))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.getWorksheet('概览')!.getRow(2).values).toContain('按申报层级认定（省级数字化车间）');
  });

  it('renders a certificate through the same store and job, once per set of facts', async () => {
    const store = t.app.get(DocumentStore);
    const designationId = randomUUID();
    const facts = sampleCertificate({ enterpriseName: '浙江证书测试有限公司' });
    const first = await store.request(SYSTEM_ACTOR, {}, 'certificate', designationId, facts);
    const ready = await eventually(async () => {
      const row = await store.find('certificate', designationId, facts);
      return row?.status === 'ready' ? row : null;
    });
    expect(ready.id).toBe(first.id);
    const again = await store.request(SYSTEM_ACTOR, {}, 'certificate', designationId, facts);
    expect(again).toMatchObject({ id: first.id, status: 'ready' });
    const chunks: Buffer[] = [];
    for await (const c of (await store.open(ready)) as AsyncIterable<Buffer>) chunks.push(c);
    const text = squeeze(extractPdfText(Buffer.concat(chunks)).join(''));
    for (const line of certificateLines(facts, t.config.documents.issuer)) expect(text).toContain(squeeze(line));
  });
});
