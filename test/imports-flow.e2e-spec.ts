import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { clausesFor, getRuleSet } from '@ff/rules';
import { printedRef } from '@ff/imports';
import { Readable } from 'node:stream';
import { DataSource, Repository } from 'typeorm';
import { FILE_STORAGE, type FileStorage } from '@ff/storage';
import { ApplicationImport } from '../libs/imports/src/entities/application-import.entity';
import { ImportValidateProcessor } from '../libs/imports/src/import.processor';
import { openBatch, uniqueCreditCode, waitForStatus } from './support/fixtures';
import {
  type ImportBody,
  domainFingerprint,
  importTemplate,
  inlineStringWorkbook,
  openWithPopulate,
  uploadImport,
  waitForImport,
} from './support/imports';
import { bearer, binaryBody, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * The import as a programme office uses it: the batch's template, filled by another spreadsheet
 * library, a dry run that names each bad cell, the fix, the commit, the applications visible to
 * the right parties, and the same file again changing nothing.
 */
describe('Excel import of applications', () => {
  let t: TestApp;
  let official: TestUser;
  let xihu: TestUser;
  let ningbo: TestUser;
  let batch: { id: string; code: string };
  const workshop = clausesFor(getRuleSet(), 'workshop', 'discrete');
  const mandatory = workshop.filter((c) => c.clause.obligation === 'mandatory');

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    xihu = await createUser(t, 'recommender', { regionCode: '330106' });
    ningbo = await createUser(t, 'recommender', { regionCode: '330200' });
    batch = await openBatch(t, official);
  });
  afterAll(() => t?.close());

  const template = (query = '') => importTemplate(t, official, batch.id, query);

  it('hands out a template: instructions, data sheets with notes and dropdowns, every clause, hidden options', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', '企业信息', '自评', '条款清单', '选项']);
    expect(wb.getWorksheet('选项')!.state).toBe('veryHidden');
    const self = wb.getWorksheet('自评')!;
    expect(self.getRow(1).values).toEqual([
      undefined,
      '统一社会信用代码*',
      '条款编号*',
      '条款内容',
      '自评结论*',
      '情况说明',
      '佐证材料文件名',
    ]);
    expect(self.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(String(self.getCell('B1').note ?? '')).toBeTruthy();
    expect(self.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: [`'选项'!$D$1:$D$3`] });
    const ruleSet = getRuleSet();
    const expected = (['workshop', 'smart_factory', 'future_factory'] as const).reduce(
      (n, tier) => n + clausesFor(ruleSet, tier, 'discrete').length + clausesFor(ruleSet, tier, 'process').length,
      0,
    );
    expect(wb.getWorksheet('条款清单')!.rowCount).toBe(expected + 1);
    const first = workshop[0];
    expect(wb.getWorksheet('条款清单')!.getRow(2).values).toEqual([
      undefined,
      '省级数字化车间',
      '离散行业',
      first.clause.id,
      printedRef(first.subdomain, first.clause),
      expect.any(String),
      first.clause.obligation === 'mandatory' ? '应' : '宜',
      first.clause.text,
    ]);
  });

  it('prefills the clause rows of the credit codes asked for', async () => {
    const code = uniqueCreditCode();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template(`?creditCodes=${code}&tier=workshop`)) as never);
    const self = wb.getWorksheet('自评')!;
    expect(self.actualRowCount).toBe(workshop.length + 1);
    expect(self.getCell('A2').value).toBe(code);
    expect(self.getCell('C2').value).toBe(workshop[0].clause.text);
  });

  it('dry run with errors → fixed → commit once → visible to the right parties → the same file again changes nothing', async () => {
    const good = uniqueCreditCode();
    // A valid code with another check character: always wrong (a fixed '0' was right one time in 31).
    const valid = uniqueCreditCode();
    const bad = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const wb = await openWithPopulate(await template());
    const ent = wb.sheet('企业信息')!;
    [good, '导入测试一号有限公司', '杭州市 西湖区', '离散行业', '省级数字化车间', '', '张三', '0571-88886666'].forEach(
      (v, i) => ent.cell(`${String.fromCharCode(65 + i)}2`).value(v),
    );
    const self = wb.sheet('自评')!;
    mandatory.forEach(({ clause, subdomain }, i) => {
      const r = i + 2;
      // Half by stable id, half by the printed form, as people write them.
      self.cell(`A${r}`).value(good);
      self.cell(`B${r}`).value(i % 2 ? clause.id : printedRef(subdomain, clause));
      self.cell(`D${r}`).value('满足');
      self.cell(`E${r}`).value(`=第${i}条已落实`);
    });
    const badRow = mandatory.length + 2;
    self.cell('D2').value('满足了');
    self.cell(`A${badRow}`).value(bad);
    self.cell(`B${badRow}`).value('sd01.ws.a');
    self.cell(`D${badRow}`).value('满足');
    const before = await domainFingerprint(t);

    const up = await uploadImport(t, xihu, batch.id, await wb.outputAsync()).expect(201);
    const dry = await waitForImport(t, xihu, up.body.id);
    expect(dry.status).toBe('validated');
    expect(dry.errors).toEqual(
      expect.arrayContaining([
        { cell: '自评!D2', code: 'invalid_option', message: '自评结论“满足了”不在可选值中：满足、部分满足、不满足' },
        expect.objectContaining({ cell: `自评!A${badRow}`, code: 'invalid_credit_code' }),
      ]),
    );
    expect(dry.errorCount).toBe(2);
    await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(xihu)).expect(409);
    const report = await t
      .http()
      .get(`/api/v1/imports/${dry.id}/report`)
      .set(bearer(xihu))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(report.body as never);
    const sheet = annotated.getWorksheet('自评')!;
    expect(sheet.getCell('G1').value).toBe('导入问题');
    expect(String(sheet.getCell('G2').value)).toContain('不在可选值中');
    expect(sheet.getCell('D2').fill).toMatchObject({ pattern: 'solid' });
    expect(await domainFingerprint(t)).toEqual(before);

    // Fixed: the bad row removed, the conclusion corrected.
    self.cell('D2').value('部分满足');
    ['A', 'B', 'D'].forEach((c) => self.cell(`${c}${badRow}`).value(undefined));
    const fixed = await wb.outputAsync();
    const second = await waitForImport(t, xihu, (await uploadImport(t, xihu, batch.id, fixed).expect(201)).body.id);
    expect({ status: second.status, errors: second.errors }).toEqual({ status: 'validated', errors: [] });
    expect(second.preview).toMatchObject({
      enterprisesToCreate: 1,
      applicationsToCreate: 1,
      clausesSet: mandatory.length,
      items: [expect.objectContaining({ creditCode: good, enterprise: 'create', application: 'create' })],
    });
    // Committed with `submit: true`: the new application is submitted on the enterprise's behalf.
    const committed = await t
      .http()
      .post(`/api/v1/imports/${second.id}/commit`)
      .set(bearer(xihu))
      .send({ submit: true })
      .expect(200);
    expect(committed.body).toMatchObject({
      status: 'committed',
      result: { enterprisesCreated: 1, applicationsCreated: 1, clausesSet: mandatory.length, applicationsSubmitted: 1 },
    });
    expect(committed.body.result).not.toHaveProperty('submissions');

    const list = (u: TestUser) =>
      t.http().get(`/api/v1/applications?batchId=${batch.id}&q=${good}`).set(bearer(u)).expect(200);
    const seen = (await list(official)).body.items;
    expect(seen).toHaveLength(1);
    expect((await list(xihu)).body.items).toHaveLength(1);
    expect((await list(ningbo)).body.items).toHaveLength(0);
    const form = await t
      .http()
      .get(`/api/v1/applications/${seen[0].id}/self-assessment`)
      .set(bearer(official))
      .expect(200);
    const declared = form.body.clauses.filter((c: { declaration: unknown }) => c.declaration);
    expect(declared).toHaveLength(mandatory.length);
    const firstClause = form.body.clauses.find((c: { clauseId: string }) => c.clauseId === mandatory[0].clause.id);
    expect(firstClause.declaration).toMatchObject({ status: 'partial', narrative: '=第0条已落实' });

    // Submitted (代为提交, audited as the importer's act for the enterprise), and its pre-check queued
    // after the commit and run: the frozen snapshot cites no evidence, so 形式审查 returns it.
    const ds = t.app.get(DataSource);
    const [submitEvent] = await ds.query(
      `SELECT actor_id, after FROM audit_events WHERE action = 'application.submit' AND entity_id = $1`,
      [seen[0].id],
    );
    expect(submitEvent).toMatchObject({
      actor_id: xihu.id,
      after: { status: 'submitted', importId: second.id, onBehalfOf: { mode: '代为提交' } },
    });
    expect(await waitForStatus(t, seen[0].id, official, 'submitted')).toMatchObject({
      status: 'returned',
      submissionCount: 1,
    });
    const precheck = await t
      .http()
      .get(`/api/v1/applications/${seen[0].id}/precheck`)
      .set(bearer(official))
      .expect(200);
    expect(precheck.body).toMatchObject({ seq: 1, precheckStatus: 'returned' });

    // The same content again, uploaded and committed anew: the earlier import answers, nothing changes.
    const after = await domainFingerprint(t);
    const again = await waitForImport(
      t,
      official,
      (await uploadImport(t, official, batch.id, fixed).expect(201)).body.id,
    );
    const replay = await t.http().post(`/api/v1/imports/${again.id}/commit`).set(bearer(official)).expect(200);
    expect(replay.body).toMatchObject({ id: second.id, status: 'committed' });
    await t.http().post(`/api/v1/imports/${second.id}/commit`).set(bearer(xihu)).expect(200);
    expect(await domainFingerprint(t)).toEqual(after);
  });

  it('names each merged range over data rows (自评!A2:A4) instead of “required” errors below it', async () => {
    const code = uniqueCreditCode();
    const wb = await openWithPopulate(await template());
    const ent = wb.sheet('企业信息')!;
    [code, '合并单元格测试有限公司', '西湖区', '离散行业', '省级数字化车间'].forEach((v, i) =>
      ent.cell(`${String.fromCharCode(65 + i)}2`).value(v),
    );
    const self = wb.sheet('自评')!;
    mandatory.slice(0, 3).forEach(({ clause }, i) => {
      self.cell(`B${i + 2}`).value(clause.id);
      self.cell(`D${i + 2}`).value('满足');
    });
    self.cell('A2').value(code);
    self.range('A2:A4').merged(true);
    // A merge inside the header row is harmless and not reported.
    ent.range('J1:K1').merged(true);
    const res = await waitForImport(
      t,
      official,
      (await uploadImport(t, official, batch.id, await wb.outputAsync()).expect(201)).body.id,
    );
    expect(res.status).toBe('validated');
    expect(res.errors).toEqual([
      { cell: '自评!A2:A4', code: 'merged_cells', message: '自评!A2:A4 为合并单元格，请取消合并并逐行填写' },
    ]);
    const report = await t
      .http()
      .get(`/api/v1/imports/${res.id}/report`)
      .set(bearer(official))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(report.body as never);
    expect(annotated.getWorksheet('自评')!.getCell('A2').fill).toMatchObject({ pattern: 'solid' });
  });

  it('reads a workbook written as WPS/LibreOffice do: inline strings, no shared strings, sheets before the workbook part', async () => {
    const code = uniqueCreditCode();
    const rows: Array<Array<string | number | { f: string; v?: string }>> = [
      ['条款编号', '统一社会信用代码', '自评结论', '情况说明'],
      ...mandatory.map(({ clause, subdomain }) => [printedRef(subdomain, clause), code, '满足', '已建成']),
    ];
    rows[1][2] = { f: 'IF(1=1,"满足","不满足")', v: '满足' };
    rows[2][2] = { f: 'IF(1=1,"满足","不满足")' };
    const file = await inlineStringWorkbook({
      自评: rows,
      企业信息: [
        ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级', '__proto__', 'constructor'],
        [code, 'ＷＰＳ测试有限公司', '３３０１０６', '离散', '省级数字化车间', 'x', 'y'],
      ],
    });
    const res = await waitForImport(t, official, (await uploadImport(t, official, batch.id, file).expect(201)).body.id);
    expect(res.status).toBe('validated');
    expect(res.errors).toEqual([
      expect.objectContaining({
        cell: '自评!C3',
        code: 'cell_unreadable',
        message: expect.stringContaining('公式没有缓存的计算结果'),
      }),
    ]);
    expect(res.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cell: '企业信息!F1', code: 'unknown_column' }),
        expect.objectContaining({ cell: '企业信息!G1', code: 'unknown_column' }),
        expect.objectContaining({ cell: '自评!C2', code: 'formula_cached' }),
      ]),
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect((res as ImportBody).rowsDone).toBe(mandatory.length + 1);
  });

  /** The completion date each of `codes` was imported with, as the application holds it. */
  const completionDates = async (codes: string[]) => {
    const out: (string | undefined)[] = [];
    for (const code of codes) {
      const list = await t.http().get(`/api/v1/applications?q=${code}`).set(bearer(official)).expect(200);
      const app = await t.http().get(`/api/v1/applications/${list.body.items[0].id}`).set(bearer(official)).expect(200);
      out.push(app.body.eligibilityFacts.completionDate?.value);
    }
    return out;
  };

  it('reads dates as Excel serials of the 1900 system (the template filled by xlsx-populate) or typed text, naming each bad cell', async () => {
    const codes = [uniqueCreditCode(), uniqueCreditCode(), uniqueCreditCode()];
    const wb = await openWithPopulate(await template());
    const ent = wb.sheet('企业信息')!;
    const self = wb.sheet('自评')!;
    const dates: unknown[] = [45717, '２０２５年３月１日', '2025-02-30'];
    codes.forEach((code, n) => {
      [code, `日期测试${n}有限公司`, '西湖区', '离散行业', '省级数字化车间'].forEach((v, i) =>
        ent.cell(`${String.fromCharCode(65 + i)}${n + 2}`).value(v),
      );
      expect(ent.cell('I1').value()).toBe('项目建成（投产）日期');
      ent.cell(`I${n + 2}`).value(dates[n]);
      mandatory.forEach(({ clause }, i) => {
        const r = n * mandatory.length + i + 2;
        self.cell(`A${r}`).value(code);
        self.cell(`B${r}`).value(clause.id);
        self.cell(`D${r}`).value('满足');
      });
    });
    const dry = await waitForImport(
      t,
      official,
      (await uploadImport(t, official, batch.id, await wb.outputAsync()).expect(201)).body.id,
    );
    // The bad enterprise row is left out, so its 自评 rows also find no enterprise.
    expect(dry.errors.filter((e) => e.cell.startsWith('企业信息'))).toEqual([
      { cell: '企业信息!I4', code: 'invalid_date', message: '“项目建成（投产）日期”“2025-02-30”不是有效日期' },
    ]);
    ent.cell('I4').value('2025/3/1');
    const fixed = await waitForImport(
      t,
      official,
      (await uploadImport(t, official, batch.id, await wb.outputAsync()).expect(201)).body.id,
    );
    expect(fixed.errors).toEqual([]);
    await t.http().post(`/api/v1/imports/${fixed.id}/commit`).set(bearer(official)).expect(200);
    expect(await completionDates(codes)).toEqual(['2025-03-01', '2025-03-01', '2025-03-01']);
  });

  it('reads date serials of the 1904 system when the workbook says so (as LibreOffice and WPS may write it)', async () => {
    const code = uniqueCreditCode();
    const file = await inlineStringWorkbook(
      {
        自评: [
          ['统一社会信用代码', '条款编号', '自评结论'],
          ...mandatory.map(({ clause }) => [code, clause.id, '满足']),
        ],
        企业信息: [
          ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级', '项目建成（投产）日期'],
          // 44255 is 2025-03-01 counted from 1904, 2021-02-28 from 1900.
          [code, '日期一九零四有限公司', '西湖区', '离散行业', '省级数字化车间', 44255],
        ],
      },
      { date1904: true },
    );
    const dry = await waitForImport(t, official, (await uploadImport(t, official, batch.id, file).expect(201)).body.id);
    expect({ status: dry.status, errors: dry.errors }).toEqual({ status: 'validated', errors: [] });
    await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(official)).expect(200);
    expect(await completionDates([code])).toEqual(['2025-03-01']);
  });

  it('shows the rows the workbook declares as the progress total while it runs, the data rows when done', async () => {
    const code = uniqueCreditCode();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('企业信息').addRows([
      ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级'],
      [code, '进度测试有限公司', '西湖区', '离散行业', '省级数字化车间'],
    ]);
    wb.addWorksheet('自评').addRows([
      ['统一社会信用代码', '条款编号', '自评结论'],
      ...mandatory.map(({ clause }) => [code, clause.id, '满足']),
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    // Stored and recorded as an upload is, but run here rather than by the worker, to watch its writes.
    const stored = await t.app.get<FileStorage>(FILE_STORAGE).put(Readable.from([file]), { maxBytes: file.length });
    const imp = await t.app.get(DataSource).getRepository(ApplicationImport).save({
      batchId: batch.id,
      fileSha256: stored.sha256,
      fileName: '进度.xlsx',
      fileSize: stored.size,
      jurisdictionCode: '330000',
      createdBy: official.id,
    });
    const writes = jest.spyOn(Repository.prototype, 'update');
    try {
      expect(await t.app.get(ImportValidateProcessor).run(imp.id)).toEqual({ outcome: 'validated' });
      const progress = writes.mock.calls
        .filter(([where]) => (where as { id?: string }).id === imp.id)
        .map(([, set]) => set);
      // The two sheets' dimensions, A1:E2 and A1:C(1 + clauses), header rows included.
      expect(progress[0]).toEqual({ rowsDone: 0, rowsTotal: 2 + 1 + mandatory.length });
    } finally {
      writes.mockRestore();
    }
    const done = await t.app.get(DataSource).getRepository(ApplicationImport).findOneByOrFail({ id: imp.id });
    expect(done).toMatchObject({
      status: 'validated',
      rowsDone: 1 + mandatory.length,
      rowsTotal: 1 + mandatory.length,
    });
  });

  it('commits from the parse the dry run kept, from the workbook again when the kept rows were lost; a cancel drops them', async () => {
    const db = t.app.get(DataSource);
    const upload = async (code: string) => {
      const file = await inlineStringWorkbook({
        企业信息: [
          ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级'],
          [code, '暂存测试有限公司', '西湖区', '离散行业', '省级数字化车间'],
        ],
        自评: [
          ['统一社会信用代码', '条款编号', '自评结论'],
          ...mandatory.map(({ clause }) => [code, clause.id, '满足']),
        ],
      });
      return waitForImport(t, official, (await uploadImport(t, official, batch.id, file).expect(201)).body.id);
    };
    const kept = async (id: string) =>
      (await db.query(`SELECT count(*)::int AS n FROM application_import_rows WHERE import_id = $1`, [id]))[0].n;

    const first = await upload(uniqueCreditCode());
    expect(await kept(first.id)).toBe(mandatory.length);
    const done = await t.http().post(`/api/v1/imports/${first.id}/commit`).set(bearer(official)).expect(200);
    expect(done.body.result).toMatchObject({ applicationsCreated: 1, clausesSet: mandatory.length });
    expect(await kept(first.id)).toBe(0);

    // As a crash empties the unlogged table: fewer rows than kept, so the workbook is read again.
    const second = await upload(uniqueCreditCode());
    await db.query(`DELETE FROM application_import_rows WHERE import_id = $1 AND ord > 1`, [second.id]);
    const again = await t.http().post(`/api/v1/imports/${second.id}/commit`).set(bearer(official)).expect(200);
    expect(again.body.result).toMatchObject({ applicationsCreated: 1, clausesSet: mandatory.length });
    expect(await kept(second.id)).toBe(0);

    // A dry run that finds errors keeps none of the rows it wrote as it read them.
    const badCode = uniqueCreditCode();
    const bad = await waitForImport(
      t,
      official,
      (
        await uploadImport(
          t,
          official,
          batch.id,
          await inlineStringWorkbook({
            企业信息: [
              ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级'],
              [badCode, '暂存测试有限公司', '西湖区', '离散行业', '省级数字化车间'],
            ],
            自评: [
              ['统一社会信用代码', '条款编号', '自评结论'],
              ...mandatory.map(({ clause }, i) => [badCode, clause.id, i ? '满足' : '满足了']),
            ],
          }),
        ).expect(201)
      ).body.id,
    );
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(await kept(bad.id)).toBe(0);

    // A cancelled dry run drops what it kept.
    const third = await upload(uniqueCreditCode());
    expect(await kept(third.id)).toBe(mandatory.length);
    await t.http().post(`/api/v1/imports/${third.id}/cancel`).set(bearer(official)).expect(200);
    expect(await kept(third.id)).toBe(0);
    const [{ staged }] = await db.query(`SELECT staged FROM application_imports WHERE id = $1`, [third.id]);
    expect(staged).toBeNull();
  });
});

describe('Excel import: the two data sheets as CSV files in a zip', () => {
  let t: TestApp;
  let official: TestUser;
  let batchId: string;
  const clauses = clausesFor(getRuleSet(), 'workshop', 'discrete').filter((c) => c.clause.obligation === 'mandatory');

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    batchId = (await openBatch(t, official)).id;
  });
  afterAll(() => t?.close());

  it('reads 企业信息.csv saved as GB18030 (Chinese Excel) and 自评.csv as UTF-8 with a BOM, then commits', async () => {
    const code = uniqueCreditCode();
    const zip = new JSZip();
    zip.file(
      '导入/企业信息.csv',
      iconv.encode(
        `统一社会信用代码,企业名称,所在区县,行业类型,申报层级\r\n${code},"CSV 测试有限公司,分公司",西湖区,离散行业,省级数字化车间\r\n`,
        'gb18030',
      ),
    );
    const self = [
      '统一社会信用代码,条款编号,自评结论,情况说明',
      ...clauses.map((c, i) => `${code},${printedRef(c.subdomain, c.clause)},满足,"第${i}条：""已落实""\n含换行"`),
    ];
    zip.file('导入/自评.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(self.join('\n'))]));
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const dry = await waitForImport(
      t,
      official,
      (await uploadImport(t, official, batchId, file, '导入.zip').expect(201)).body.id,
    );
    expect({ status: dry.status, errors: dry.errors }).toEqual({ status: 'validated', errors: [] });
    expect(dry.preview).toMatchObject({
      items: [expect.objectContaining({ creditCode: code, name: 'CSV 测试有限公司,分公司', clauses: clauses.length })],
    });
    await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(official)).expect(200);
    const list = await t.http().get(`/api/v1/applications?q=${code}`).set(bearer(official)).expect(200);
    const form = await t
      .http()
      .get(`/api/v1/applications/${list.body.items[0].id}/self-assessment`)
      .set(bearer(official))
      .expect(200);
    const first = form.body.clauses.find((c: { clauseId: string }) => c.clauseId === clauses[0].clause.id);
    expect(first.declaration.narrative).toBe('第0条："已落实"\n含换行');
  });

  it('a zip whose entries climb out of it, or hold no known CSV, fails the import', async () => {
    for (const [name, reason] of [
      ['../企业信息.csv', '上级目录或绝对路径'],
      ['/etc/自评.csv', '上级目录或绝对路径'],
      ['其他.csv', '没有“企业信息.csv”'],
    ]) {
      const zip = new JSZip();
      zip.file(name, '统一社会信用代码\n');
      const file = await zip.generateAsync({ type: 'nodebuffer' });
      const res = await waitForImport(
        t,
        official,
        (await uploadImport(t, official, batchId, file, 'x.zip').expect(201)).body.id,
      );
      expect({ status: res.status, reason: res.failureReason }).toEqual({
        status: 'failed',
        reason: expect.stringContaining(reason),
      });
    }
  });
});
