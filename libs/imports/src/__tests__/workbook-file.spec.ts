import { readFileSync, readdirSync, readlinkSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineStringWorkbook } from '../../../../test/support/imports';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { streamWorkbook } from '../workbook-file';
import { inReadingOrder } from '../zip-stream';

/** The `tmp` module exceljs' streaming reader parks sheets with (`tmp.file`), spied on. */
const tmp = createRequire(require.resolve('exceljs'))('tmp') as { file: (...args: unknown[]) => void };
let parked: jest.SpyInstance;
beforeEach(() => (parked = jest.spyOn(tmp, 'file')));
afterEach(() => parked.mockRestore());

describe('streamWorkbook', () => {
  it('reads every sheet of an inline-string workbook whose sheets precede the workbook part, parking none', async () => {
    const path = join(tmpdir(), `wb-${process.pid}.xlsx`);
    writeFileSync(
      path,
      await inlineStringWorkbook({
        自评: [
          ['a', 1],
          ['b', { f: 'X()', v: '2' }],
        ],
        企业信息: [['c']],
      }),
    );
    const seen: unknown[] = [];
    try {
      await streamWorkbook(path, (sheet, row, values) => {
        seen.push([sheet, row, values.slice(1)]);
      });
    } finally {
      rmSync(path);
    }
    expect(seen).toEqual([
      ['自评', 1, ['a', 1]],
      ['自评', 2, ['b', { formula: 'X()', result: '2' }]],
      ['企业信息', 1, ['c']],
    ]);
    // Given an empty shared strings table, the reader parsed each sheet as it streamed.
    expect(parked).not.toHaveBeenCalled();
  });
});

describe('inReadingOrder', () => {
  const path = join(tmpdir(), `wb-order-${process.pid}.xlsx`);
  afterAll(() => rmSync(path, { force: true }));

  /** Written as exceljs' streaming writer (like Excel and WPS) writes: shared strings and the workbook part after the sheets. */
  beforeAll(async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const one = wb.addWorksheet('企业信息');
    one.addRow(['统一社会信用代码', '企业名称']).commit();
    one.addRow(['91330106MA2KXXXX0X', '甲公司']).commit();
    one.commit();
    const two = wb.addWorksheet('自评');
    for (let i = 1; i <= 300; i++) two.addRow([`sd${i}.ff.c1`, '满足', i, new Date(Date.UTC(2025, 0, i))]).commit();
    two.commit();
    await wb.commit();
  });

  it('moves the workbook part, its relationships, the shared strings and the styles before the sheets, keeping every entry', async () => {
    const original = readFileSync(path);
    const ordered = Buffer.concat(await (await inReadingOrder(path, 100)).toArray());
    expect(ordered.length).toBe(original.length);
    const at = (bytes: Buffer, name: string) => bytes.indexOf(Buffer.from(name));
    const names = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    // As written, the sheets come first; in reading order, last.
    expect(at(original, 'xl/worksheets/sheet1.xml')).toBeLessThan(at(original, 'xl/sharedStrings.xml'));
    for (const name of names) expect(at(ordered, name)).toBeLessThan(at(ordered, 'xl/worksheets/sheet1.xml'));
    expect(at(ordered, 'xl/worksheets/sheet1.xml')).toBeLessThan(at(ordered, 'xl/worksheets/sheet2.xml'));
  });

  it('gives exactly the rows exceljs reads from the file as written', async () => {
    const asWritten: unknown[] = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' });
    for await (const sheet of reader)
      for await (const row of sheet)
        asWritten.push([(sheet as unknown as { name: string }).name, row.number, row.values]);
    // The file as written: the reader parks both sheets in temporary files.
    expect(parked).toHaveBeenCalledTimes(2);
    const streamed: unknown[] = [];
    await streamWorkbook(path, (sheet, row, values) => {
      streamed.push([sheet, row, values]);
    });
    expect(streamed).toHaveLength(302);
    expect(streamed).toEqual(asWritten);
    // In reading order, none more.
    expect(parked).toHaveBeenCalledTimes(2);
  });

  it('ends early, and the reader fails rather than waits, when the file is cut short after its directory was read', async () => {
    const cut = join(tmpdir(), `wb-cut-${process.pid}.xlsx`);
    writeFileSync(cut, readFileSync(path));
    try {
      const source = await inReadingOrder(cut, 100);
      truncateSync(cut, 2000);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', worksheets: 'emit' });
      const read = async () => {
        for await (const sheet of reader) for await (const row of sheet) void row;
      };
      await expect(read()).rejects.toThrow('FILE_ENDED');
    } finally {
      rmSync(cut, { force: true });
    }
  });

  it('closes the file however the reading ends', async () => {
    // Large enough (several read chunks) that a reading which stops early leaves most of it unread.
    const big = join(tmpdir(), `wb-big-${process.pid}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: true });
    const sheet = wb.addWorksheet('自评');
    for (let i = 1; i <= 20_000; i++) sheet.addRow([`sd${i}.ff.c1`, `情况说明 ${i * 7919}`, i]).commit();
    sheet.commit();
    await wb.commit();
    const broken = join(tmpdir(), `wb-broken-${process.pid}.xlsx`);
    const bytes = readFileSync(big);
    // The sheet's local header loses its signature (the central directory still points at it).
    let at = -1;
    do at = bytes.indexOf('xl/worksheets/sheet1.xml', at + 1);
    while (at >= 30 && bytes.readUInt32LE(at - 30) !== 0x04034b50);
    bytes.write('XXXX', at - 30, 'latin1');
    writeFileSync(broken, bytes);
    // The descriptors this process holds on the two files (other tests' come and go meanwhile).
    const open = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return [big, broken].includes(readlinkSync(`/proc/self/fd/${fd}`));
        } catch {
          return false;
        }
      }).length;
    try {
      await expect(streamWorkbook(broken, () => undefined)).rejects.toThrow();
      await expect(
        streamWorkbook(big, () => {
          throw new Error('the database went away');
        }),
      ).rejects.toThrow('the database went away');
      // Closing is asynchronous: give it a moment.
      for (let i = 0; i < 50 && open() > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(open()).toBe(0);
    } finally {
      rmSync(big, { force: true });
      rmSync(broken, { force: true });
    }
  });
});
