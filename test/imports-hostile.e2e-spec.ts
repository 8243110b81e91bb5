import { randomBytes } from 'node:crypto';
import { getRuleSet } from '@ff/rules';
import { ImportAnalyser } from '@ff/imports';
import { declareUncompressed, officeZip } from '../libs/storage/src/__tests__/zip-fixture';
import { openBatch, uniqueCreditCode } from './support/fixtures';
import { domainFingerprint, inlineStringWorkbook, uploadImport, waitForImport } from './support/imports';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

const ENTERPRISE_HEADER = ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级'];
const SELF_HEADER = ['统一社会信用代码', '条款编号', '自评结论', '情况说明'];

/**
 * Files made to hurt: each is refused with a 4xx and its reason, or ends as a failed import (or one
 * whose errors forbid committing) with its reason — never a 5xx, never a row of domain data.
 */
describe('imports: hostile files', () => {
  let t: TestApp;
  let official: TestUser;
  let batchId: string;
  let before: Record<string, string>;
  const clause = [...getRuleSet().clauseById.values()].find((c) => c.tier === 'workshop' && !c.clause.industry)!;

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    batchId = (await openBatch(t, official)).id;
  });
  beforeEach(async () => {
    before = await domainFingerprint(t);
  });
  afterEach(async () => {
    expect(await domainFingerprint(t)).toEqual(before);
  });
  afterAll(() => t?.close());

  const refused = async (bytes: Buffer, status: number, code: string, filename = '申报导入.xlsx') => {
    const res = await uploadImport(t, official, batchId, bytes, filename);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    return res.body.message as string;
  };
  const failed = async (bytes: Buffer) => {
    const up = await uploadImport(t, official, batchId, bytes).expect(201);
    const res = await waitForImport(t, official, up.body.id);
    expect(res.status).toBe('failed');
    const commit = await t.http().post(`/api/v1/imports/${res.id}/commit`).set(bearer(official)).expect(409);
    expect(commit.body.code).toBe('import_not_ready');
    return res.failureReason!;
  };
  const withErrors = async (bytes: Buffer) => {
    const up = await uploadImport(t, official, batchId, bytes).expect(201);
    const res = await waitForImport(t, official, up.body.id);
    expect(res.status).toBe('validated');
    await t.http().post(`/api/v1/imports/${res.id}/commit`).set(bearer(official)).expect(409);
    return res.errors;
  };
  const oneEnterprise = (code = uniqueCreditCode()) => [
    ENTERPRISE_HEADER,
    [code, '恶意文件测试有限公司', '西湖区', '离散行业', '省级数字化车间'],
  ];

  it('a CSV renamed .xlsx is refused (415)', async () => {
    expect(
      await refused(Buffer.from('统一社会信用代码,企业名称\n91330106X,某公司\n'), 415, 'import_file_not_xlsx'),
    ).toContain('CSV');
  });

  it('a legacy .xls (BIFF in an OLE2 container) and an encrypted workbook are refused (415)', async () => {
    const ole2 = (stream: string) =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        Buffer.from(stream, 'utf16le'),
        Buffer.alloc(1024),
      ]);
    expect(await refused(ole2('Workbook'), 415, 'import_file_not_xlsx')).toContain('.xls');
    expect(await refused(ole2('EncryptionInfo'), 415, 'import_file_not_xlsx')).toContain('加密');
  });

  it('a macro-enabled workbook (.xlsm, a VBA project) is refused (415)', async () => {
    const xlsm = officeZip('xlsx', { extra: [{ name: 'xl/vbaProject.bin', data: Buffer.from('vba') }] });
    await refused(xlsm, 415, 'macro_not_allowed', '申报导入.xlsm');
  });

  it('a zip bomb is refused from its declared sizes before anything is inflated (413)', async () => {
    const bomb = declareUncompressed(
      officeZip('xlsx', { extra: [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2000, 0x20) }] }),
      'xl/worksheets/sheet1.xml',
      1024 * 1024 * 1024,
    );
    await refused(bomb, 413, 'archive_out_of_bounds');
  });

  it('links to other workbooks fail the import', async () => {
    const file = await inlineStringWorkbook(
      { 企业信息: oneEnterprise(), 自评: [SELF_HEADER] },
      { extraEntries: { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' } },
    );
    expect(await failed(file)).toContain('外部链接');
  });

  it('a missing sheet, or a required header renamed, fails the import with its name', async () => {
    expect(await failed(await inlineStringWorkbook({ 企业信息: oneEnterprise() }))).toContain('缺少工作表“自评”');
    const renamed = await inlineStringWorkbook({
      企业信息: oneEnterprise(),
      自评: [['统一社会信用代码', '条款编号', '__proto__']],
    });
    expect(await failed(renamed)).toContain('缺少必填列“自评结论”');
  });

  it('more rows than the limit fail the import', async () => {
    const analyser = t.app.get(ImportAnalyser);
    analyser.maxRows = 3;
    try {
      const code = uniqueCreditCode();
      const rows = [SELF_HEADER, ...[1, 2, 3, 4].map(() => [code, clause.clause.id, '满足', '说明'])];
      expect(await failed(await inlineStringWorkbook({ 企业信息: oneEnterprise(code), 自评: rows }))).toContain(
        '超过上限 3 行',
      );
    } finally {
      analyser.maxRows = 200_000;
    }
  });

  it('a 1 MB cell, an enterprise twice and a clause twice are errors naming their cells', async () => {
    const code = uniqueCreditCode();
    const errors = await withErrors(
      await inlineStringWorkbook({
        企业信息: [...oneEnterprise(code), [code, '重复企业有限公司', '西湖区', '离散行业', '省级数字化车间']],
        自评: [
          SELF_HEADER,
          [code, clause.clause.id, '满足', randomBytes(768 * 1024).toString('base64')],
          [code, clause.clause.id, '满足', '说明'],
          [code, clause.clause.id, '不满足', '说明'],
        ],
      }),
    );
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cell: '自评!D2',
          code: 'cell_unreadable',
          message: expect.stringContaining('32767'),
        }),
        expect.objectContaining({ cell: '企业信息!A3', code: 'duplicate_enterprise' }),
        expect.objectContaining({
          cell: '自评!B4',
          code: 'duplicate_clause',
          message: expect.stringContaining('第 3 行'),
        }),
      ]),
    );
  });

  it('a workbook whose sheet XML is broken fails the import with a reason', async () => {
    const file = await inlineStringWorkbook({ 企业信息: oneEnterprise(), 自评: [SELF_HEADER] });
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(file);
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>未闭合');
    expect(await failed(await zip.generateAsync({ type: 'nodebuffer' }))).toMatch(/无法读取工作簿|缺少/);
  });
});
