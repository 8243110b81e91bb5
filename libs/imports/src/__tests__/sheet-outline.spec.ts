import ExcelJS from 'exceljs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineStringWorkbook } from '../../../../test/support/imports';
import { insideMerge, mergedCellErrors, readSheetOutline } from '../sheet-outline';

describe('merged cells of the data sheets', () => {
  const path = join(tmpdir(), `ff-merged-${process.pid}.xlsx`);
  afterAll(() => rm(path, { force: true }));

  it('reads every <mergeCell> of the named sheets from the sheet XML, without the rest', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('企业信息');
    const b = wb.addWorksheet('自评');
    const other = wb.addWorksheet('说明');
    for (let r = 1; r <= 3000; r++) b.addRow(['91330106MA2B2C3D4W', `sd01.ws.c${r}`, '满足', '已落实'.repeat(5)]);
    a.mergeCells('A3:A5');
    a.mergeCells('B1:C1');
    b.mergeCells('A2:A4');
    b.mergeCells('D2990:E2995');
    other.mergeCells('A1:F9');
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await writeFile(path, buf);
    const { merges: ranges, rowsDeclared } = await readSheetOutline(path, buf.length, ['企业信息', '自评']);
    // The last rows the sheets' dimensions declare: 企业信息 A1:C5 (its merges), 自评 A1:E3000.
    expect(rowsDeclared).toBe(5 + 3000);
    expect(ranges.map((r) => `${r.sheet}!${r.ref}`).sort()).toEqual(
      ['企业信息!A3:A5', '企业信息!B1:C1', '自评!A2:A4', '自评!D2990:E2995'].sort(),
    );
    expect(mergedCellErrors(ranges).map((e) => e.message)).toEqual(
      expect.arrayContaining([
        '企业信息!A3:A5 为合并单元格，请取消合并并逐行填写',
        '自评!D2990:E2995 为合并单元格，请取消合并并逐行填写',
      ]),
    );
    // The header-row merge is no error.
    expect(mergedCellErrors(ranges).some((e) => e.cell === '企业信息!B1:C1')).toBe(false);
    expect(insideMerge(ranges, '企业信息!A4')).toBe(true);
    expect(insideMerge(ranges, '企业信息!B4')).toBe(false);
    expect(insideMerge(ranges, '自评!E2993')).toBe(true);
    expect(insideMerge(ranges, '企业信息!C1')).toBe(false);
  });

  it('declares no rows when a sheet has no dimension, or is missing', async () => {
    const bare = join(tmpdir(), `ff-bare-${process.pid}.xlsx`);
    const buf = await inlineStringWorkbook({ 企业信息: [['a'], ['b']], 自评: [['c']] });
    await writeFile(bare, buf);
    try {
      expect(await readSheetOutline(bare, buf.length, ['企业信息', '自评'])).toEqual({
        merges: [],
        rowsDeclared: null,
      });
      expect(
        (await readSheetOutline(path, (await readFile(path)).length, ['企业信息', '其他'])).rowsDeclared,
      ).toBeNull();
    } finally {
      await rm(bare, { force: true });
    }
  });
});
