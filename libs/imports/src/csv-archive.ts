import { open } from 'node:fs/promises';
import { ZipFormatError, readZipDirectory } from '@ff/storage';
import { entryStream } from './zip-stream';
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
 * RFC 4180 rows — commas, double-quoted fields with `""` inside, CRLF or LF line ends — from text
 * given piece by piece (a quote, a `""` or a CRLF may be cut between two pieces): `push` returns
 * the rows a piece completes, `end` the last one.
 */
export class CsvRowReader {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  /** The previous piece ended on a quote inside a quoted field (a closing quote or half of `""`). */
  private quoteAtEnd = false;
  /** The previous piece ended on a CR (its LF, if any, comes next). */
  private crAtEnd = false;

  push(text: string): string[][] {
    const rows: string[][] = [];
    let i = 0;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (text[0] === '\n') i = 1;
    }
    if (this.quoteAtEnd && text.length) {
      this.quoteAtEnd = false;
      if (text[0] === '"') {
        this.field += '"';
        i = 1;
      } else this.quoted = false;
    }
    for (; i < text.length; i++) {
      const ch = text[i];
      if (this.quoted) {
        if (ch !== '"') this.field += ch;
        else if (i + 1 === text.length) this.quoteAtEnd = true;
        else if (text[i + 1] === '"') {
          this.field += '"';
          i++;
        } else this.quoted = false;
      } else if (ch === '"' && this.field === '') this.quoted = true;
      else if (ch === ',') {
        this.row.push(this.field);
        this.field = '';
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r') {
          if (i + 1 === text.length) this.crAtEnd = true;
          else if (text[i + 1] === '\n') i++;
        }
        this.row.push(this.field);
        rows.push(this.row);
        this.row = [];
        this.field = '';
      } else this.field += ch;
    }
    return rows;
  }

  end(): string[][] {
    if (this.field === '' && !this.row.length) return [];
    this.row.push(this.field);
    const last = this.row;
    this.row = [];
    this.field = '';
    return [last];
  }
}

/** Every row of `text` (one piece). */
export function csvRows(text: string): string[][] {
  const reader = new CsvRowReader();
  return [...reader.push(text), ...reader.end()];
}

/**
 * How a CSV from Chinese Excel is encoded: UTF-8 with or without a BOM, or GB18030/GBK (“CSV
 * (逗号分隔)”) — UTF-8 when every byte sequence is valid UTF-8 (checked as it streams, stopping at
 * the first that is not), GB18030 (a superset of GBK) otherwise.
 */
async function csvEncoding(chunks: AsyncIterable<Buffer>): Promise<'utf-8' | 'gb18030'> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of chunks) utf8.decode(chunk, { stream: true });
    utf8.decode();
    return 'utf-8';
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return 'gb18030';
    throw e;
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
      // Streamed twice, never whole in memory: once for its encoding, once for its rows.
      const inflated = async () => (await entryStream(file, entry)) as AsyncIterable<Buffer>;
      try {
        const decoder = new TextDecoder(await csvEncoding(await inflated())); // a UTF-8 BOM is dropped
        const reader = new CsvRowReader();
        let rowNo = 0;
        for await (const chunk of await inflated())
          for (const cells of reader.push(decoder.decode(chunk, { stream: true })))
            await onRow(sheet, ++rowNo, [undefined, ...cells]);
        for (const cells of [...reader.push(decoder.decode()), ...reader.end()])
          await onRow(sheet, ++rowNo, [undefined, ...cells]);
      } catch (e) {
        throw e instanceof ZipFormatError ? new ImportFailure(`压缩包无法读取：${e.message}`) : e;
      }
    }
  } finally {
    await file.close();
  }
}
