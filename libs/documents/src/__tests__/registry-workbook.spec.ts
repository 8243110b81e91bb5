import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { restoreCell } from '@ff/core';
import { REGISTRY_COLUMNS, type RegistryExportRow, writeRegistryWorkbook } from '../export/registry-workbook';
import { certificateVerifyUrl } from '../certificate';

const HOSTILE = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1:A2)', '\tTAB', '\rCR', "'=already quoted"];

function row(i: number, over: Partial<RegistryExportRow> = {}): RegistryExportRow {
  return {
    certificateNumber: `ZJFF-2026-1-WS-${String(i).padStart(4, '0')}`,
    enterpriseName: `测试企业${i}`,
    creditCode: `91330106MA2A${String(i).padStart(5, '0')}X`,
    cityName: '杭州市',
    countyName: '西湖区',
    tierName: '省级数字化车间',
    constructionTypeName: null,
    statusName: '有效',
    validFrom: '2026-03-10',
    validUntil: '2029-03-09',
    issuedOn: '2026-03-10',
    revocationReasonName: null,
    ...over,
  };
}

async function writeAndLoad(rows: RegistryExportRow[]): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeRegistryWorkbook(rows, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb;
}

describe('designation registry workbook', () => {
  it('one sheet, one row per designation, every column in words', async () => {
    const wb = await writeAndLoad([
      row(1),
      row(2, { statusName: '已撤销', revocationReasonName: '弄虚作假', constructionTypeName: '链主型' }),
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['认定名录']);
    const ws = wb.getWorksheet('认定名录')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...REGISTRY_COLUMNS.map((c) => c.header)]);
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(3).values).toEqual([
      undefined,
      'ZJFF-2026-1-WS-0002',
      '测试企业2',
      '91330106MA2A00002X',
      '杭州市',
      '西湖区',
      '省级数字化车间',
      '链主型',
      '已撤销',
      '2026-03-10',
      '2029-03-09',
      '2026-03-10',
      '弄虚作假',
    ]);
  });

  it('keeps hostile text inert in every column', async () => {
    const rows = HOSTILE.map((h, i) =>
      row(i, {
        certificateNumber: h,
        enterpriseName: h,
        creditCode: h,
        cityName: h,
        countyName: h,
        tierName: h,
        constructionTypeName: h,
        statusName: h,
        validFrom: h,
        validUntil: h,
        issuedOn: h,
        revocationReasonName: h,
      }),
    );
    const ws = (await writeAndLoad(rows)).getWorksheet('认定名录')!;
    const asRead = (h: string) => h.replace(/\r/g, '\n');
    HOSTILE.forEach((h, i) => {
      const values = (ws.getRow(i + 2).values as unknown[]).slice(1);
      expect(values).toHaveLength(REGISTRY_COLUMNS.length);
      for (const v of values) {
        expect(typeof v).toBe('string');
        expect(v).not.toMatch(/^[=+\-@\t\r]/);
        expect(v).toBe(`'${asRead(h)}`);
        if (!h.includes('\r')) expect(restoreCell(v as string)).toBe(h);
      }
    });
    ws.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

describe('the certificate verification URL', () => {
  it('points at the public verification endpoint with its two query parameters, encoded', () => {
    const url = new URL(certificateVerifyUrl('https://ff.example.gov.cn/', 'ZJFF-2026-1-FF-0001', 'K7M2Q9XA'));
    expect(url.origin + url.pathname).toBe('https://ff.example.gov.cn/api/v1/public/designations/verify');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      certificateNumber: 'ZJFF-2026-1-FF-0001',
      verificationCode: 'K7M2Q9XA',
    });
    expect(certificateVerifyUrl('http://x', 'A&B=1', 'c d')).toBe(
      'http://x/api/v1/public/designations/verify?certificateNumber=A%26B%3D1&verificationCode=c+d',
    );
  });
});
