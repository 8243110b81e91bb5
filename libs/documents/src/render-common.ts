/** What a renderer returns: the PDF, and the characters the font lacked (printed as 〓, listed in the PDF). */
export interface RenderedDocument {
  bytes: Buffer;
  missingGlyphs: string[];
}

/** `2026-11-26` (or a full ISO time, read in Beijing time) → `2026年11月26日`. */
export function chineseDate(value: string): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) return `${dateOnly[1]}年${Number(dateOnly[2])}月${Number(dateOnly[3])}日`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const bj = new Date(d.getTime() + 8 * 3600_000);
  return `${bj.getUTCFullYear()}年${bj.getUTCMonth() + 1}月${bj.getUTCDate()}日`;
}

/** A score (0–1) as the reports print it: two decimals. */
export const score2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
