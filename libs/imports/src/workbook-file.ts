import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ZipFormatError, readZipDirectory } from '@ff/storage';
import { ImportFailure } from './import-parser';
import { MAX_WORKBOOK_ENTRIES, inReadingOrder } from './zip-stream';

/**
 * Which kind of upload this is — a workbook, or a zip of CSV files — and, for a workbook, what the
 * storage port's Office check (entry count, declared sizes, compression ratio, content types,
 * macros) leaves to an import: links to other workbooks, which a spreadsheet program would follow
 * on opening the report we give back. Read from the central directory, nothing inflated.
 */
export async function checkImportContainer(path: string, size: number): Promise<'xlsx' | 'csv'> {
  const file = await open(path, 'r');
  try {
    const entries = await readZipDirectory(file, size, MAX_WORKBOOK_ENTRIES).catch((e: unknown) => {
      if (e instanceof ZipFormatError) throw new ImportFailure(`文件不是有效的 Excel 工作簿：${e.message}`);
      throw e;
    });
    if (!entries.some((e) => /^xl\/workbook\.xml$/i.test(e.name))) return 'csv';
    if (entries.some((e) => /^xl\/externalLinks\//i.test(e.name)))
      throw new ImportFailure('工作簿含有指向其他文件的外部链接，请删除外部链接（或复制后“粘贴为数值”）后重新上传');
    if (entries.some((e) => /^xl\/worksheets\/sheet\d+\.bin$/i.test(e.name) || /^xl\/workbook\.bin$/i.test(e.name)))
      throw new ImportFailure('不支持二进制工作簿（.xlsb），请另存为 .xlsx 后上传');
    return 'xlsx';
  } finally {
    await file.close();
  }
}

/**
 * Streams every row of every sheet to `onRow` with exceljs' WorkbookReader — never the whole file
 * in memory — fed the zip's entries in reading order (see `inReadingOrder`), so each sheet is parsed
 * as it is inflated. Every sheet is read to its end, even one nobody wants: stopping half-way would
 * leave whatever the reader had parked in temporary files unreadable. The file is closed however
 * the reading ends (an unreadable entry, a failing `onRow`).
 * `date1904`: the workbook's date system (`<workbookPr date1904="1"/>`), known once a named sheet is
 * read (a sheet's name comes from the workbook part, so that part has been parsed by then).
 */
export async function streamWorkbook(
  path: string,
  onRow: (
    sheet: string | undefined,
    rowNo: number,
    values: readonly unknown[],
    date1904: boolean,
  ) => void | Promise<void>,
): Promise<void> {
  const source = await inReadingOrder(path, MAX_WORKBOOK_ENTRIES);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      const date1904 = !!(reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model
        ?.date1904;
      for await (const row of sheet) await onRow(name, row.number, row.values as unknown[], date1904);
    }
  } finally {
    // A reader that failed leaves its source unread: destroying it ends the read and closes the file.
    source.destroy();
  }
}
