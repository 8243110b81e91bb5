import { open, type FileHandle } from 'node:fs/promises';
import { type ZipEntry, readZipDirectory, readZipEntry } from '@ff/storage';
import { MAX_WORKBOOK_ENTRIES, entryStream } from './zip-stream';
import type { ImportIssue } from './import-parser';

/** A merged range of one sheet, in cell coordinates (1-based, inclusive). */
export interface MergedRange {
  sheet: string;
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MERGE_REF = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}\d+:[A-Za-z]{1,3}\d+)["']/g;
const DIMENSION_REF =
  /<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)["']/;
/** What is kept of a chunk for the next one: longer than any `<mergeCell … ref="…"/>` tag we read. */
const CARRY = 512;
const MAX_RANGES = 2000;

const attrs = (tag: string) =>
  new Map([...tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1], decodeXml(m[2])] as const));

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function toRange(sheet: string, ref: string): MergedRange | null {
  const m = /^([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const [a, b] = [columnNumber(m[1]), columnNumber(m[3])];
  const [r1, r2] = [Number(m[2]), Number(m[4])];
  return {
    sheet,
    ref: ref.toUpperCase(),
    top: Math.min(r1, r2),
    bottom: Math.max(r1, r2),
    left: Math.min(a, b),
    right: Math.max(a, b),
  };
}

/** The sheet XML part of each named sheet, from the workbook part and its relationships. */
async function sheetParts(file: FileHandle, entries: ZipEntry[]): Promise<Map<string, string>> {
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  const out = new Map<string, string>();
  if (!workbook || !rels) return out;
  const targets = new Map<string, string>();
  for (const [tag] of (await readZipEntry(file, rels))
    .toString('utf8')
    .matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const a = attrs(tag);
    const target = a.get('Target');
    if (a.get('Id') && target)
      targets.set(a.get('Id')!, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  for (const [tag] of (await readZipEntry(file, workbook)).toString('utf8').matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const a = attrs(tag);
    const rid = [...a.entries()].find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    const name = a.get('name');
    if (name && rid && targets.has(rid)) out.set(name, targets.get(rid)!);
  }
  return out;
}

/** Streams one entry's text through `onText`, never holding more than a chunk of it. */
async function scanEntry(file: FileHandle, entry: ZipEntry, onText: (text: string) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of await entryStream(file, entry)) onText(decoder.decode(chunk as Buffer, { stream: true }));
}

/** What the data sheets' XML says of them before a row is parsed. */
export interface SheetOutline {
  merges: MergedRange[];
  /**
   * The rows the named sheets declare (`<dimension ref="A1:E1201"/>`: its last row, header and
   * blank rows included), summed; null when a sheet is missing or declares none. A progress total,
   * not a count: the rows read are counted as they come.
   */
  rowsDeclared: number | null;
}

/**
 * The merged ranges and declared rows of the named sheets, read from each sheet's `<mergeCells>`
 * and `<dimension>` by inflating the sheet XML as a stream and keeping only a few hundred
 * characters between chunks — the sheet is never held in memory (the streaming reader itself
 * reports only a merge's top-left cell, and a sheet's dimension not at all).
 */
export async function readSheetOutline(path: string, size: number, sheets: readonly string[]): Promise<SheetOutline> {
  const file = await open(path, 'r');
  try {
    const entries = await readZipDirectory(file, size, MAX_WORKBOOK_ENTRIES);
    const parts = await sheetParts(file, entries);
    const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
    const merges: MergedRange[] = [];
    let rowsDeclared: number | null = 0;
    for (const sheet of sheets) {
      const entry = parts.has(sheet) ? byName.get(parts.get(sheet)!.toLowerCase()) : undefined;
      if (!entry) {
        rowsDeclared = null;
        continue;
      }
      let carry = '';
      let lastRow: number | null = null;
      let beforeRows = true;
      await scanEntry(file, entry, (text) => {
        const window = carry + text;
        // The schema puts the dimension before the rows: it is looked for until they begin.
        if (beforeRows) {
          const m = DIMENSION_REF.exec(window);
          if (m) lastRow = Math.max(...[...m[1].matchAll(/\d+/g)].map((d) => Number(d[0])));
          beforeRows = !m && !window.includes('sheetData');
        }
        let consumed = 0;
        for (const m of window.matchAll(MERGE_REF)) {
          const range = toRange(sheet, m[1]);
          if (range && merges.length < MAX_RANGES) merges.push(range);
          consumed = m.index! + m[0].length;
        }
        const rest = window.slice(consumed);
        carry = rest.length > CARRY ? rest.slice(-CARRY) : rest;
      });
      rowsDeclared = rowsDeclared === null || lastRow === null ? null : rowsDeclared + lastRow;
    }
    return { merges, rowsDeclared };
  } finally {
    await file.close();
  }
}

/** `企业信息!A3:A5 为合并单元格，请取消合并并逐行填写` for each merge reaching below the header row. */
export function mergedCellErrors(ranges: readonly MergedRange[], headerRow = 1): ImportIssue[] {
  return ranges
    .filter((r) => r.bottom > headerRow)
    .map((r) => ({
      cell: `${r.sheet}!${r.ref}`,
      code: 'merged_cells',
      message: `${r.sheet}!${r.ref} 为合并单元格，请取消合并并逐行填写`,
    }));
}

/** Whether `cell` (`自评!D17`) lies inside one of the merged ranges over data rows. */
export function insideMerge(ranges: readonly MergedRange[], cell: string, headerRow = 1): boolean {
  const m = /^(.+)!([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return false;
  const [col, row] = [columnNumber(m[2]), Number(m[3])];
  return ranges.some(
    (r) =>
      r.sheet === m[1] && r.bottom > headerRow && row >= r.top && row <= r.bottom && col >= r.left && col <= r.right,
  );
}
