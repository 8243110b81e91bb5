import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { restoreCell } from '@ff/core';
import { getRuleSet, tierScope } from '@ff/rules';
import {
  OVERVIEW_COLUMNS,
  PENDING_DECISION,
  type ResultsExportRow,
  resultStatistics,
  writeResultsWorkbook,
} from '../export/results-workbook';

const HOSTILE = ["=cmd|' /C calc'!A0", '+1', '-1', '@SUM(A1:A2)', '\tTAB', '\rCR', "'=already quoted"];

function row(i: number, over: Partial<ResultsExportRow> = {}): ResultsExportRow {
  const scope = tierScope(getRuleSet(), 'workshop').subdomains;
  return {
    applicationId: `app-${i}`,
    enterpriseName: `测试企业${i}`,
    creditCode: `91330106MA2A${String(i).padStart(5, '0')}X`,
    cityName: i % 2 ? '杭州市' : '宁波市',
    countyName: i % 2 ? '西湖区' : '海曙区',
    tier: 'workshop',
    constructionTypeName: null,
    applicationStatusName: '评审完成',
    resultStatusName: '已定稿',
    total: 0.6 + i / 100,
    threshold: 0.6,
    recommendation: i % 3 ? 'pass' : 'fail',
    highestTierName: '省级数字化车间',
    redLines: 0,
    divergent: 0,
    decision: null,
    subdomains: Object.fromEntries(scope.map((no) => [no, 0.7])),
    ...over,
  };
}

async function writeAndLoad(rows: ResultsExportRow[]): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeResultsWorkbook(rows, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb;
}

describe('batch results workbook', () => {
  it('has an overview, a sheet per tier present with its sub-domains, and statistics', async () => {
    const rows = [
      row(1),
      row(2),
      row(3, { tier: 'future_factory', constructionTypeName: '链主型', subdomains: { 1: 0.9 } }),
    ];
    const wb = await writeAndLoad(rows);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '省级数字化车间', '未来工厂', '统计']);
    const overview = wb.getWorksheet('概览')!;
    expect(overview.getRow(1).values).toEqual([undefined, ...OVERVIEW_COLUMNS.map((c) => c.header)]);
    expect(overview.rowCount).toBe(4);
    const decisionCol = OVERVIEW_COLUMNS.findIndex((c) => c.header === '认定决定') + 1;
    expect(overview.getRow(2).getCell(decisionCol).value).toBe(PENDING_DECISION);
    const workshop = wb.getWorksheet('省级数字化车间')!;
    const scope = tierScope(getRuleSet(), 'workshop').subdomains;
    expect(workshop.getRow(1).cellCount).toBe(6 + scope.length + 1);
    expect(workshop.getRow(1).getCell(7).value).toBe(`${scope[0]}.${getRuleSet().subdomainByNo.get(scope[0])!.name}`);
    expect(workshop.getRow(2).getCell(7).value).toBe(0.7);
    const stats = wb.getWorksheet('统计')!;
    const lines = stats.getSheetValues().slice(2) as unknown[][];
    expect(lines.map((l) => [l[1], l[2], l[3]])).toEqual(
      resultStatistics(rows).map((s) => [s.dimension, s.group, s.count]),
    );
    expect(lines.find((l) => l[1] === '市' && l[2] === '杭州市')![3]).toBe(2);
  });

  it('keeps hostile text inert: every formula-like value is written as text, marked with an apostrophe', async () => {
    const rows = HOSTILE.map((h, i) =>
      row(i, { enterpriseName: h, cityName: h, countyName: h, constructionTypeName: h, decision: h, creditCode: h }),
    );
    const wb = await writeAndLoad(rows);
    for (const ws of wb.worksheets) {
      ws.eachRow((r) =>
        r.eachCell((cell) => {
          // No cell is a formula, whatever it holds.
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value).toBe(false);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      );
    }
    const overview = wb.getWorksheet('概览')!;
    const names = HOSTILE.map((_, i) => overview.getRow(i + 2).getCell(1).value);
    // exceljs writes a carriage return unescaped, and an XML reader turns a bare CR into LF: the
    // cell still begins with the apostrophe, so it is text either way.
    const asRead = (h: string) => h.replace(/\r/g, '\n');
    expect(names).toEqual(HOSTILE.map((h) => `'${asRead(h)}`));
    // What an import reads back is what was exported (but for that CR, which the XML turned into LF).
    const kept = HOSTILE.map((h, i) => ({ h, back: restoreCell(names[i]) })).filter(({ h }) => !h.includes('\r'));
    expect(kept.map(({ back }) => back)).toEqual(kept.map(({ h }) => h));
  });
});
