import { restoreCell } from '@ff/core';

/** Excel's own limit on the text of one cell; anything longer was not typed in Excel. */
export const MAX_CELL_CHARS = 32767;

export type CellRead = { ok: true; text: string; formula?: boolean } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The text of one cell as the streaming reader gives it: plain and inline strings, shared strings
 * (rich text runs joined), numbers, booleans, hyperlinks (their display text), formulas (their
 * cached result — never evaluated; none cached is an error) and error values (#N/A …, an error).
 * Text goes through `restoreCell`, so what an export neutralised reads back as it was.
 */
export function readCell(value: unknown): CellRead {
  if (value === null || value === undefined) return { ok: true, text: '' };
  if (typeof value === 'string') return checked(String(restoreCell(value)));
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, text: numberText(value) } : bad();
  if (typeof value === 'boolean') return { ok: true, text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { ok: true, text: value.toISOString().slice(0, 10) };
  if (!isObject(value)) return bad();
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined || value.result === null || value.result === '')
      return { ok: false, message: '公式没有缓存的计算结果，请在 Excel 中重新计算并保存，或改为直接填写数值' };
    const inner = readCell(value.result);
    return inner.ok ? { ...inner, formula: true } : inner;
  }
  if ('error' in value) return { ok: false, message: `单元格为错误值 ${String(value.error)}` };
  if (Array.isArray(value.richText))
    return checked(
      String(restoreCell((value.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join(''))),
    );
  if ('text' in value) return readCell(value.text);
  return bad();
}

function checked(text: string): CellRead {
  if (text.length > MAX_CELL_CHARS)
    return { ok: false, message: `单元格内容超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格上限）` };
  return { ok: true, text };
}

const bad = (): CellRead => ({ ok: false, message: '无法识别的单元格内容' });

/** Integers as typed (no `1e+21`, no `.0`); other numbers as JavaScript prints them. */
function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

/** `D17` from a 1-based column and row. */
export function cellAddress(col: number, row: number): string {
  let name = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row}`;
}
