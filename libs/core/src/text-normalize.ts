// Users paste codes from Word, PDFs and IME full-width mode; we normalise such input instead of
// rejecting it, so the same code always compares equal however it was typed.

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_TO_HALF_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = '\u3000';

/** Full-width ASCII → half-width, U+3000 → space, trimmed, whitespace runs collapsed to one space. */
export function normalizeText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END) out += String.fromCodePoint(cp - FULL_TO_HALF_OFFSET);
    else if (ch === IDEOGRAPHIC_SPACE) out += ' ';
    else out += ch;
  }
  return out.trim().replace(/\s+/g, ' ');
}

/** normalizeText, then no whitespace at all and upper case: for credit codes and region codes. */
export function normalizeCode(s: string): string {
  return normalizeText(s).replace(/\s+/g, '').toUpperCase();
}
