import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { CsvRowReader, csvRows, readCsvArchive } from '../csv-archive';

describe('CsvRowReader', () => {
  // Quotes, "" inside quotes, a line break inside quotes, CRLF and LF, an empty last field, no final line end.
  const text = 'a,"b ""c"", d",e\r\n"多\r\n行",,\r\n"""",x\n末,"尾"';
  const rows = [
    ['a', 'b "c", d', 'e'],
    ['多\r\n行', '', ''],
    ['"', 'x'],
    ['末', '尾'],
  ];

  it('reads RFC 4180 rows from one piece', () => {
    expect(csvRows(text)).toEqual(rows);
  });

  it('reads the same rows however the text is cut into pieces', () => {
    for (let at = 0; at <= text.length; at++) {
      const reader = new CsvRowReader();
      expect([...reader.push(text.slice(0, at)), ...reader.push(text.slice(at)), ...reader.end()]).toEqual(rows);
    }
    const reader = new CsvRowReader();
    expect([...[...text].flatMap((ch) => reader.push(ch)), ...reader.end()]).toEqual(rows);
  });
});

describe('readCsvArchive', () => {
  const path = join(tmpdir(), `ff-csv-${process.pid}.zip`);
  afterEach(() => rm(path, { force: true }));

  /** Enough rows that each file is inflated in many chunks, with multi-byte characters cut between them. */
  const many = Array.from({ length: 5000 }, (_, i) => [`9133010${i}`, `企业${i}，“全角”`, '满足', `情况说明第${i}行`]);
  const csv = (rows: string[][]) => rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\r\n');

  it('streams each file in the encoding it is saved in: GB18030, or UTF-8 with a BOM', async () => {
    const zip = new JSZip();
    zip.file('企业信息.csv', iconv.encode(csv(many), 'gb18030'));
    zip.file('自评.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(many))]));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await writeFile(path, bytes);
    const seen = new Map<string, unknown[][]>();
    await readCsvArchive(path, bytes.length, (sheet, rowNo, values) => {
      const rows = seen.get(sheet) ?? [];
      expect(rowNo).toBe(rows.length + 1);
      rows.push(values.slice(1));
      seen.set(sheet, rows);
    });
    expect(seen.get('企业信息')).toEqual(many);
    expect(seen.get('自评')).toEqual(many);
  });
});
