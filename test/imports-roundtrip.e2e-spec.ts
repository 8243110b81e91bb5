import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditSealer, AuditVerifier } from '@ff/audit';
import { clausesFor, getRuleSet } from '@ff/rules';
import { openBatch, uniqueCreditCode } from './support/fixtures';
import { inlineStringWorkbook, uploadImport, waitForImport } from './support/imports';
import { bearer, binaryBody, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * Exports that round-trip: a self-assessment exported in the template's layout and imported back
 * unchanged writes nothing (formula-like narratives included); the list export is the list.
 */
describe('imports: exports and the round trip', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let xihu: TestUser;
  let ningbo: TestUser;
  let batchId: string;
  let appId: string;
  const code = uniqueCreditCode();
  const clauses = clausesFor(getRuleSet(), 'workshop', 'discrete').filter((c) => c.clause.obligation === 'mandatory');

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    official = await createUser(t, 'official', { regionCode: '330000' });
    xihu = await createUser(t, 'recommender', { regionCode: '330106' });
    ningbo = await createUser(t, 'recommender', { regionCode: '330200' });
    batchId = (await openBatch(t, official)).id;
    const file = await inlineStringWorkbook({
      企业信息: [
        ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级', '联系人', '联系电话'],
        [code, '往返测试有限公司', '西湖区', '离散行业', '省级数字化车间', '李四', '0571-12345678'],
      ],
      自评: [
        ['统一社会信用代码', '条款编号', '自评结论', '情况说明'],
        ...clauses.map((c, i) => [
          code,
          c.clause.id,
          i % 3 ? '满足' : '部分满足',
          i % 2 ? `=SUM(A1:A${i})` : `'引号开头的说明${i}`,
        ]),
      ],
    });
    const dry = await waitForImport(t, official, (await uploadImport(t, official, batchId, file).expect(201)).body.id);
    const done = await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(official)).expect(200);
    expect(done.body.status).toBe('committed');
    const list = await t
      .http()
      .get(`/api/v1/applications?batchId=${batchId}&q=${code}`)
      .set(bearer(official))
      .expect(200);
    appId = list.body.items[0].id;
  });
  afterAll(() => t?.close());

  const state = async () => ({
    declarations: await ds.query(
      `SELECT clause_id, status, narrative, updated_at FROM application_declarations WHERE application_id = $1 ORDER BY clause_id`,
      [appId],
    ),
    application: await ds.query(`SELECT version, tier, updated_at FROM applications WHERE id = $1`, [appId]),
    enterprise: await ds.query(`SELECT e.* FROM enterprises e WHERE credit_code = $1`, [code]),
    events: (
      await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type IN ('enterprise', 'application')`)
    )[0].n,
  });

  it('export → import back changes nothing', async () => {
    const exported = await t
      .http()
      .get(`/api/v1/applications/${appId}/self-assessment/export`)
      .set(bearer(xihu))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as never);
    // Formula-like text is written neutralised, so the spreadsheet shows it as text.
    const narratives = wb.getWorksheet('自评')!.getColumn(5).values.filter(Boolean);
    expect(narratives).toContain("'=SUM(A1:A1)");
    const before = await state();
    const dry = await waitForImport(t, xihu, (await uploadImport(t, xihu, batchId, exported.body).expect(201)).body.id);
    expect({ status: dry.status, errors: dry.errors }).toEqual({ status: 'validated', errors: [] });
    expect(dry.preview).toMatchObject({ enterprisesToCreate: 0, applicationsToCreate: 0, applicationsToUpdate: 1 });
    const done = await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(xihu)).expect(200);
    expect(done.body.result).toMatchObject({
      enterprisesCreated: 0,
      enterprisesUpdated: 0,
      applicationsUpdated: 0,
      clausesSet: 0,
    });
    expect(await state()).toEqual(before);
    // The bulk audit append is sealed into the chain like any other event, and the chain stays whole.
    await t.app.get(AuditSealer).drain();
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ ok: true, unsealed: { count: 0 } });
  });

  it('the list export holds exactly what the list shows to each party', async () => {
    for (const [user, rows] of [
      [official, 1],
      [xihu, 1],
      [ningbo, 0],
    ] as const) {
      const res = await t
        .http()
        .get(`/api/v1/applications/export?batchId=${batchId}`)
        .set(bearer(user))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const ws = wb.getWorksheet('申报列表')!;
      expect(ws.actualRowCount - 1).toBe(rows);
      if (rows) expect(ws.getRow(2).getCell(3).value).toBe(code);
    }
    await t.http().get(`/api/v1/applications/${appId}/self-assessment/export`).set(bearer(ningbo)).expect(404);
  });
});
