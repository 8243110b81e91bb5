import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { fingerprint } from './fixtures';
import { bearer, binaryBody, type TestApp } from './test-app';

/* eslint-disable @typescript-eslint/no-require-imports */
// xlsx-populate ships no types: the few calls the tests make, typed here.
interface PopulateSheet {
  cell(address: string): { value(): unknown; value(v: unknown): unknown };
  usedRange(): { endCell(): { rowNumber(): number } } | undefined;
  range(address: string): { merged(m: boolean): unknown };
}
export interface PopulateWorkbook {
  sheet(name: string): PopulateSheet | undefined;
  outputAsync(): Promise<Buffer>;
}
const XlsxPopulate = require('xlsx-populate') as { fromDataAsync(data: Buffer): Promise<PopulateWorkbook> };
/* eslint-enable @typescript-eslint/no-require-imports */

/** Opens a workbook with a second writer (xlsx-populate), not the library the system reads with. */
export const openWithPopulate = (data: Buffer) => XlsxPopulate.fromDataAsync(data);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function uploadImport(
  t: TestApp,
  user: { token: string },
  batchId: string,
  bytes: Buffer,
  filename = '申报导入.xlsx',
) {
  return t
    .http()
    .post(`/api/v1/batches/${batchId}/imports`)
    .set(bearer(user))
    .attach('file', bytes, { filename, contentType: XLSX_TYPE });
}

/** The batch's import template as `user` downloads it (`query`: e.g. `?tier=workshop`). */
export async function importTemplate(
  t: TestApp,
  user: { token: string },
  batchId: string,
  query = '',
): Promise<Buffer> {
  const res = await t
    .http()
    .get(`/api/v1/batches/${batchId}/import-template${query}`)
    .set(bearer(user))
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  return res.body as Buffer;
}

export interface ImportBody {
  id: string;
  status: string;
  errorCount: number;
  warningCount: number;
  failureReason: string | null;
  rowsDone: number;
  errors: { cell: string; code: string; message: string }[];
  warnings: { cell: string; code: string; message: string }[];
  preview: Record<string, unknown> | null;
  result: Record<string, number> | null;
}

/** Polls the import until its dry run has ended (validated, failed or cancelled). */
export async function waitForImport(t: TestApp, user: { token: string }, id: string, timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const res = await t.http().get(`/api/v1/imports/${id}`).set(bearer(user)).expect(200);
    if (!['queued', 'validating'].includes(res.body.status)) return res.body as ImportBody;
    if (Date.now() - started > timeoutMs) throw new Error(`import ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnName(col: number): string {
  let name = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/**
 * A workbook as WPS and LibreOffice write it: inline strings, no shared-strings part, the sheets
 * stored before the workbook part. Cells are strings unless a number, or `{ f, v? }` for a formula.
 * `date1904`: the workbook counts date serials from 1904, as LibreOffice and WPS may write it.
 */
export async function inlineStringWorkbook(
  sheets: Record<string, Array<Array<string | number | { f: string; v?: string }>>>,
  opts: { extraEntries?: Record<string, string>; date1904?: boolean } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  const names = Object.keys(sheets);
  names.forEach((name, i) => {
    const rows = sheets[name]
      .map((cells, r) => {
        const xml = cells
          .map((v, c) => {
            const ref = `${columnName(c + 1)}${r + 1}`;
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === 'object')
              return `<c r="${ref}" t="str"><f>${xmlText(v.f)}</f>${v.v === undefined ? '' : `<v>${xmlText(v.v)}</v>`}</c>`;
            return v === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${xml}</row>`;
      })
      .join('');
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    );
  });
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      names
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      '</Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      (opts.date1904 ? '<workbookPr date1904="1"/>' : '') +
      '<sheets>' +
      names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  for (const [name, content] of Object.entries(opts.extraEntries ?? {})) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * What an import may change, as row counts and content hashes, and the audit events about
 * enterprises and applications: equal before and after means the import wrote nothing there
 * (its own rows and their `import.*` events aside).
 */
export async function domainFingerprint(t: TestApp): Promise<Record<string, string>> {
  const f = await fingerprint(t, ['enterprises', 'applications', 'application_declarations']);
  const [a] = await t.app
    .get(DataSource)
    .query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type IN ('enterprise', 'application')`);
  return { ...f, audit_events: String(a.n) };
}
