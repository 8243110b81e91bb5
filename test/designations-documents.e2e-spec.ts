import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { DocumentStore, REGISTRY_COLUMNS, certificateLines, certificateVerifyUrl, chineseDate } from '@ff/documents';
import { TIER_NAMES, clausesFor, getRuleSet } from '@ff/rules';
import { openBatch } from './support/fixtures';
import { designate, reviewedApplications } from './support/decisions';
import { eventually, expertPool } from './support/reviews';
import { TestApp, TestUser, bearer, binaryBody, createUser, startTestApp } from './support/test-app';
import { extractPdfText, squeeze } from '../libs/documents/src/__tests__/pdf-text';

interface Designation {
  id: string;
  applicationId: string;
  enterpriseId: string;
  enterpriseName: string;
  certificateNumber: string;
  verificationCode: string;
  validFrom: string;
  validUntil: string;
  tier: 'workshop';
}

/**
 * Designations → their certificates and the registry export: a certificate PDF through the
 * document store whose text states the designation, a QR URL that opens the public verification,
 * rendered again only when the facts change (not on revocation), the access matrix of the new
 * routes, and the registry workbook with hostile values inert.
 */
describe('designations: certificates and the registry export', () => {
  let t: TestApp;
  let ds: DataSource;
  let officialA: TestUser;
  let officialB: TestUser;
  let county: TestUser;
  let city: TestUser;
  let batch: { id: string; code: string };
  let apps: { id: string; enterpriseId: string; owner: TestUser }[];
  let first: Designation;
  let second: Designation;
  let roundId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    officialA = await createUser(t, 'official', { regionCode: '330000' });
    officialB = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' });
    city = await createUser(t, 'recommender', { regionCode: '330100' });
    batch = await openBatch(t, officialA);
    apps = await reviewedApplications(t, officialA, batch.id, county, city, ['workshop', 'workshop', 'workshop']);
    // Decided and reported on the severity-adjusted scores: changed while nothing is decided yet.
    const rounds = await t.http().get(`/api/v1/review-rounds?batchId=${batch.id}`).set(bearer(officialA)).expect(200);
    roundId = rounds.body.items[0].id;
    const basis = await t
      .http()
      .put(`/api/v1/review-rounds/${roundId}/result-basis`)
      .set(bearer(officialA))
      .send({ resultBasis: 'severity_adjusted' })
      .expect(200);
    expect(basis.body).toMatchObject({ resultBasis: 'severity_adjusted', resultBasisName: '宽严度校准后评分' });
    // Both designated at their tier: proposed, confirmed by another official, published, window closed.
    [first, second] = await designate<Designation>(
      t,
      officialA,
      officialB,
      batch.id,
      apps.slice(0, 2).map((a) => a.id),
    );
  }, 120_000);
  afterAll(() => t?.close());

  const cert = (id: string) => `/api/v1/designations/${id}/certificate`;
  const download = (id: string, who: TestUser) =>
    t
      .http()
      .get(`${cert(id)}/content`)
      .set(bearer(who))
      .buffer(true)
      .parse(binaryBody);
  const pdfOf = (id: string, who: TestUser) =>
    eventually(async () => {
      const res = await download(id, who);
      return res.status === 200 ? (res.body as Buffer) : null;
    });
  const denials = async (id: string) =>
    (
      await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND entity_id = $1`, [
        id,
      ])
    )[0].n as number;

  it('renders the certificate: the PDF states the enterprise, tier, number and dates', async () => {
    const before = await t.http().get(cert(first.id)).set(bearer(officialA)).expect(200);
    expect(before.body).toMatchObject({
      designationId: first.id,
      certificateNumber: first.certificateNumber,
      designationStatus: 'active',
      status: 'not_rendered',
      documentId: null,
    });
    const requested = await t.http().post(cert(first.id)).set(bearer(officialA)).expect(202);
    expect(['rendering', 'ready']).toContain(requested.body.status);
    expect(requested.body.inputHash).toBe(before.body.inputHash);

    const pdf = await pdfOf(first.id, officialA);
    const text = squeeze(extractPdfText(pdf).join(''));
    expect(text).toContain(squeeze(first.enterpriseName));
    expect(text).toContain(TIER_NAMES.workshop);
    expect(text).toContain(`证书编号：${first.certificateNumber}`);
    expect(text).toContain(`有效期：${chineseDate(first.validFrom)}至${chineseDate(first.validUntil)}`);
    expect(text).toContain(`验证码：${first.verificationCode}`);
    const [{ credit_code }] = await ds.query(`SELECT credit_code FROM designations WHERE id = $1`, [first.id]);
    const [row] = await ds.query(`SELECT input FROM documents WHERE id = $1`, [requested.body.documentId]);
    for (const line of certificateLines(row.input, t.config.documents.issuer)) expect(text).toContain(squeeze(line));
    expect(row.input).toMatchObject({ creditCode: credit_code, tier: 'workshop', issuedAt: first.validFrom });

    // Asked again: the same document, nothing rendered twice.
    const again = await t.http().post(cert(first.id)).set(bearer(officialA)).expect(202);
    expect(again.body).toMatchObject({ status: 'ready', documentId: requested.body.documentId });
    const rendered = await ds.query(`SELECT count(*)::int AS n FROM documents WHERE subject_id = $1`, [first.id]);
    expect(rendered[0].n).toBe(1);
  });

  it('the QR code opens the public verification, which answers this designation', async () => {
    const status = await t.http().get(cert(first.id)).set(bearer(officialA)).expect(200);
    const [row] = await ds.query(`SELECT input FROM documents WHERE id = $1`, [status.body.documentId]);
    // What the QR code carries is the stored facts' URL, the same the status tells.
    expect(row.input.verifyUrl).toBe(status.body.verifyUrl);
    expect(status.body.verifyUrl).toBe(
      certificateVerifyUrl(t.config.documents.publicBaseUrl, first.certificateNumber, first.verificationCode),
    );
    const url = new URL(status.body.verifyUrl);
    expect(url.origin).toBe(new URL(t.config.documents.publicBaseUrl).origin);
    // No account needed: the public verification route itself.
    const verified = await t
      .http()
      .get(url.pathname + url.search)
      .expect(200);
    expect(verified.body).toMatchObject({
      certificateNumber: first.certificateNumber,
      enterpriseName: first.enterpriseName,
      tier: 'workshop',
      validFrom: first.validFrom,
      validUntil: first.validUntil,
      status: 'active',
    });
    // The same URL with another certificate's code: the same 404 as an unknown number.
    url.searchParams.set('verificationCode', second.verificationCode);
    await t
      .http()
      .get(url.pathname + url.search)
      .expect(404);
  });

  it('who may request, read and download a certificate; everyone else an audited 404', async () => {
    const owner = apps[0].owner;
    const elsewhere = await createUser(t, 'recommender', { regionCode: '330200' });
    const expert = await createUser(t, 'expert');
    const admin = await createUser(t, 'admin');
    // The designated enterprise and the recommenders over it: status, download, request.
    for (const who of [owner, county, city]) {
      const status = await t.http().get(cert(first.id)).set(bearer(who)).expect(200);
      expect(status.body.certificateNumber).toBe(first.certificateNumber);
      const res = await download(first.id, who).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      await t.http().post(cert(first.id)).set(bearer(who)).expect(202);
    }
    // Another designated enterprise, a recommender elsewhere: 404, audited, as for an unknown id.
    const before = await denials(first.id);
    for (const who of [apps[1].owner, elsewhere]) {
      await t.http().get(cert(first.id)).set(bearer(who)).expect(404);
      await download(first.id, who).expect(404);
      await t.http().post(cert(first.id)).set(bearer(who)).expect(404);
    }
    expect(await denials(first.id)).toBe(before + 6);
    // The other enterprise reads its own.
    await t.http().get(cert(second.id)).set(bearer(apps[1].owner)).expect(200);
    // Experts and admins have no certificate routes; no token, no answer.
    for (const who of [expert, admin]) {
      await t.http().get(cert(first.id)).set(bearer(who)).expect(403);
      await t.http().post(cert(first.id)).set(bearer(who)).expect(403);
      await download(first.id, who).expect(403);
    }
    await t.http().get(cert(first.id)).expect(401);
    await t
      .http()
      .get(`${cert(first.id)}/content`)
      .expect(401);
    // A guessed id, even for an official: 404, audited; a malformed one: 400.
    const guess = randomUUID();
    await t.http().get(cert(guess)).set(bearer(officialA)).expect(404);
    await t.http().post(cert(guess)).set(bearer(officialA)).expect(404);
    expect(await denials(guess)).toBe(2);
    await t.http().get(cert('not-an-id')).set(bearer(officialA)).expect(400);
  });

  it('revocation leaves the certificate as rendered; a changed name renders it again', async () => {
    const before = await t.http().get(cert(first.id)).set(bearer(officialA)).expect(200);
    await t
      .http()
      .post(`/api/v1/designations/${first.id}/revoke`)
      .set(bearer(officialA))
      .send({ revocationReason: 'closure', revocationNote: '企业已注销登记' })
      .expect(200);
    const revoked = await t.http().get(cert(first.id)).set(bearer(officialA)).expect(200);
    expect(revoked.body).toMatchObject({
      designationStatus: 'revoked',
      status: 'ready',
      documentId: before.body.documentId,
      inputHash: before.body.inputHash,
    });
    // The QR code now answers the revocation.
    const url = new URL(revoked.body.verifyUrl);
    const verified = await t
      .http()
      .get(url.pathname + url.search)
      .expect(200);
    expect(verified.body.status).toBe('revoked');

    // A corrected name is a new content: rendered once more, with the new name.
    await ds.query(`UPDATE designations SET enterprise_name = $2 WHERE id = $1`, [first.id, '浙江更名后智造有限公司']);
    const renamed = await t.http().get(cert(first.id)).set(bearer(officialA)).expect(200);
    expect(renamed.body).toMatchObject({ status: 'not_rendered', documentId: null });
    expect(renamed.body.inputHash).not.toBe(before.body.inputHash);
    const pdf = await pdfOf(first.id, apps[0].owner);
    expect(squeeze(extractPdfText(pdf).join(''))).toContain('浙江更名后智造有限公司');
    const rows = await ds.query(`SELECT status FROM documents WHERE subject_id = $1 AND kind = 'certificate'`, [
      first.id,
    ]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['ready', 'ready']);
    // The document store's redelivered job renders nothing.
    const [latest] = await ds.query(
      `SELECT id FROM documents WHERE subject_id = $1 AND kind = 'certificate' ORDER BY created_at DESC LIMIT 1`,
      [first.id],
    );
    expect(await t.app.get(DocumentStore).render(latest.id, false)).toEqual({ outcome: 'already ready' });
  });

  it('exports the registry for officials only, hostile values inert', async () => {
    await ds.query(`UPDATE designations SET enterprise_name = $2 WHERE id = $1`, [second.id, "=cmd|' /C calc'!A0"]);
    const res = await t
      .http()
      .get(`/api/v1/designation-registry/export?batchId=${batch.id}`)
      .set(bearer(officialA))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`认定名录-${batch.code}.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('认定名录')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...REGISTRY_COLUMNS.map((c) => c.header)]);
    expect(ws.rowCount).toBe(3);
    const rows = [2, 3].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    const byNumber = new Map(rows.map((r) => [r[0], r]));
    expect(byNumber.get(first.certificateNumber)).toEqual([
      first.certificateNumber,
      '浙江更名后智造有限公司',
      expect.any(String),
      '杭州市',
      '西湖区',
      TIER_NAMES.workshop,
      undefined, // no construction type below 未来工厂: an empty cell
      '已撤销',
      first.validFrom,
      first.validUntil,
      first.validFrom,
      '企业关停或注销',
    ]);
    expect(byNumber.get(second.certificateNumber)!.slice(1, 2)).toEqual(["'=cmd|' /C calc'!A0"]);
    expect(byNumber.get(second.certificateNumber)![7]).toBe('有效');
    ws.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    // All batches: at least these two. Others: 403; an unknown batch: 404; a malformed one: 400.
    const all = await t
      .http()
      .get('/api/v1/designation-registry/export')
      .set(bearer(officialA))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wbAll = new ExcelJS.Workbook();
    await wbAll.xlsx.load(all.body as never);
    expect(wbAll.getWorksheet('认定名录')!.rowCount).toBeGreaterThanOrEqual(3);
    for (const who of [apps[0].owner, county, city, await createUser(t, 'expert'), await createUser(t, 'admin')])
      await t.http().get('/api/v1/designation-registry/export').set(bearer(who)).expect(403);
    await t
      .http()
      .get(`/api/v1/designation-registry/export?batchId=${randomUUID()}`)
      .set(bearer(officialA))
      .expect(404);
    await t.http().get('/api/v1/designation-registry/export?batchId=x').set(bearer(officialA)).expect(400);
  });

  it('the assessment report states the deferral, then the on-site findings with the clause text and the new decision', async () => {
    const deferred = apps[2];
    const report = `/api/v1/applications/${deferred.id}/assessment-report`;
    const reportText = async (who: TestUser) =>
      squeeze(
        extractPdfText(
          await eventually(async () => {
            const res = await t.http().get(`${report}/content`).set(bearer(who)).buffer(true).parse(binaryBody);
            return res.status === 200 ? (res.body as Buffer) : null;
          }),
        ).join(''),
      );
    const post = (who: TestUser, path: string, body: object) =>
      t.http().post(`/api/v1${path}`).set(bearer(who)).send(body);
    const deferral = await post(officialA, '/decisions', {
      applicationId: deferred.id,
      outcome: 'defer_onsite',
      reasonCode: 'evidence_needs_verification',
    }).expect(201);
    await post(officialB, `/decisions/${deferral.body.id}/confirm`, {}).expect(200);
    // A confirmed deferral is a decision in force: the applicant reads it.
    let text = await reportText(deferred.owner);
    expect(text).toContain('评分依据：宽严度校准后评分。');
    expect(text).toContain('认定决定：暂缓，待现场核查');
    // Decisions now rest on the round's results: its basis stays (the same basis is no change).
    const basis = (resultBasis: string) =>
      t.http().put(`/api/v1/review-rounds/${roundId}/result-basis`).set(bearer(officialA)).send({ resultBasis });
    const locked = await basis('raw').expect(409);
    expect(locked.body).toMatchObject({ code: 'round_result_basis_locked' });
    expect(locked.body.message).toContain('结果采用的评分不能再更改');
    await basis('severity_adjusted').expect(200);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'review_round.result_basis_changed' AND entity_id = $1`,
      [roundId],
    );
    expect(n).toBe(1);
    expect(text).toContain('佐证材料需现场核实');
    expect(text).toContain('未安排现场核查');

    const [member] = await expertPool(t, officialA, 1);
    const visit = await post(officialA, '/onsite-verifications', {
      applicationId: deferred.id,
      scheduledOn: '2026-12-10',
      expertIds: [member.id],
    }).expect(201);
    const clause = clausesFor(getRuleSet(), 'workshop', 'discrete')[0].clause;
    await t
      .http()
      .put(`/api/v1/onsite-verifications/${visit.body.id}/findings`)
      .set(bearer(member.user))
      .send({ findings: [{ clauseId: clause.id, met: false, finding: '数据采集系统尚未上线运行' }] })
      .expect(200);
    // A visit not yet concluded is not in the report.
    expect(await reportText(officialA)).toContain('未安排现场核查');
    await post(officialA, `/onsite-verifications/${visit.body.id}/conclude`, {
      conclusion: 'partially_confirmed',
      summary: '主要设备已联网但数据采集系统尚在调试',
    }).expect(200);
    const decided = await post(officialA, '/decisions', {
      applicationId: deferred.id,
      outcome: 'cultivation_pool',
      decisionTier: 'workshop',
      reasonCode: 'close_to_threshold',
    }).expect(201);
    await post(officialB, `/decisions/${decided.body.id}/confirm`, {}).expect(200);

    text = await reportText(county);
    expect(text).toContain('核查结论：部分属实。主要设备已联网但数据采集系统尚在调试');
    expect(text).toContain(squeeze(`${clause.label ? `${clause.label}）` : ''}${clause.text}`));
    expect(text).toContain('不符合：数据采集系统尚未上线运行');
    expect(text).toContain('认定决定：纳入培育库（省级数字化车间）');
    expect(text).not.toContain('认定决定：暂缓');
    const [{ name }] = await ds.query(`SELECT name FROM experts WHERE id = $1`, [member.id]);
    expect(text).not.toContain(squeeze(name));
  });

  it('a re-review that renews the validity is a new certificate content; the old PDF stays stored', async () => {
    const before = await t.http().post(cert(second.id)).set(bearer(officialA)).expect(202);
    await pdfOf(second.id, officialA);
    const post = (path: string, body: object) =>
      t.http().post(`/api/v1/designations/${second.id}${path}`).set(bearer(officialA)).send(body);
    await post('/re-review', { reReviewNote: '有效期届满前复核' }).expect(200);
    // Under re-review: the status changes, the certificate does not.
    const during = await t.http().get(cert(second.id)).set(bearer(officialA)).expect(200);
    expect(during.body).toMatchObject({
      designationStatus: 'under_re_review',
      status: 'ready',
      inputHash: before.body.inputHash,
    });
    const passed = await post('/re-review/complete', { passed: true, reReviewNote: '复核通过，有效期重新计算' }).expect(
      200,
    );
    const after = await t.http().get(cert(second.id)).set(bearer(apps[1].owner)).expect(200);
    expect(after.body).toMatchObject({ designationStatus: 'active', status: 'not_rendered' });
    expect(after.body.inputHash).not.toBe(before.body.inputHash);
    const text = squeeze(extractPdfText(await pdfOf(second.id, apps[1].owner)).join(''));
    expect(text).toContain(`至${chineseDate(passed.body.validUntil)}`);
    const rows = await ds.query(`SELECT id FROM documents WHERE subject_id = $1 AND kind = 'certificate'`, [second.id]);
    expect(rows.map((r: { id: string }) => r.id)).toContain(before.body.documentId);
    expect(rows).toHaveLength(2);
  });
});
