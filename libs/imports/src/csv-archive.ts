import { open } from 'node:fs/promises';
import { ZipFormatError, decodeUtf8OrGb18030, readZipDirectory, readZipEntry } from '@ff/storage';
import { SHEETS } from './import-columns';
import { ImportFailure } from './import-parser';

/** What a CSV's file name says it holds: the Chinese sheet name or an English alias. */
const SHEET_OF_FILE: ReadonlyMap<string, string> = new Map([
  ['企业信息', SHEETS.enterprises],
  ['enterprises', SHEETS.enterprises],
  ['自评', SHEETS.declarations],
  ['declarations', SHEETS.declarations],
]);
const MAX_CSV_BYTES = 64 * 1024 * 1024;

/**
 * The text of a CSV as Chinese Excel saves it: UTF-8 with or without a BOM, or GB18030/GBK (“CSV
 * (逗号分隔)”) — UTF-8 when the bytes are valid UTF-8, GB18030 (a superset of GBK) otherwise.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return decodeUtf8OrGb18030(bytes);
}

/** RFC 4180 rows: commas, double-quoted fields with `""` inside, CRLF or LF line ends. */
export function* csvRows(text: string): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      yield row;
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    yield row;
  }
}

/**
 * The import as two CSV files in a zip (`企业信息.csv` and `自评.csv`, or `enterprises.csv` and
 * `declarations.csv`): each file fed to `onRow` as the sheet its name says. Entry names with a
 * parent-directory step or an absolute path fail the import; the zip's bounds were checked on upload.
 */
export async function readCsvArchive(
  path: string,
  size: number,
  onRow: (sheet: string, rowNo: number, values: readonly unknown[]) => void | Promise<void>,
): Promise<void> {
  const file = await open(path, 'r');
  try {
    const entries = await readZipDirectory(file, size, 100).catch((e: unknown) => {
      throw e instanceof ZipFormatError ? new ImportFailure(`压缩包无法读取：${e.message}`) : e;
    });
    const unsafe = entries.find((e) => /^([/\\]|[a-z]:)/i.test(e.name) || e.name.split(/[/\\]/).includes('..'));
    if (unsafe)
      throw new ImportFailure(`压缩包中的文件名“${unsafe.name.slice(0, 80)}”含有上级目录或绝对路径，请重新打包`);
    const csvs = entries
      .filter((e) => /\.csv$/i.test(e.name) && !e.name.endsWith('/'))
      .map((e) => ({
        entry: e,
        sheet: SHEET_OF_FILE.get(
          e.name
            .split('/')
            .pop()!
            .replace(/\.csv$/i, '')
            .toLowerCase(),
        ),
      }))
      .filter((x): x is { entry: (typeof entries)[number]; sheet: string } => !!x.sheet);
    if (!csvs.length)
      throw new ImportFailure('压缩包中没有“企业信息.csv”和“自评.csv”（或 enterprises.csv、declarations.csv）');
    for (const { entry, sheet } of csvs) {
      if (entry.uncompressedSize > MAX_CSV_BYTES) throw new ImportFailure(`“${entry.name}”超过 64 MB，请拆分后导入`);
      const bytes = await readZipEntry(file, entry).catch((e: unknown) => {
        throw e instanceof ZipFormatError ? new ImportFailure(`压缩包无法读取：${e.message}`) : e;
      });
      let rowNo = 0;
      for (const cells of csvRows(decodeCsv(bytes))) await onRow(sheet, ++rowNo, [undefined, ...cells]);
    }
  } finally {
    await file.close();
  }
}
