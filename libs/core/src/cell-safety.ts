/**
 * Spreadsheet cells that a reader's spreadsheet program could run as a formula (“formula injection”,
 * also called CSV injection): text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return.
 *
 * Every export writes user-supplied text through `neutraliseCell`, which puts an apostrophe in front
 * of such text — the mark spreadsheet programs themselves use for “this is text”. Imports read text
 * through `restoreCell`, which takes that one apostrophe away again, so an exported sheet imported
 * back gives the values it was made from (a round trip changes nothing).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/** Text safe to place in a spreadsheet cell; anything that is not a string is returned unchanged. */
export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return isFormulaLike(value) || isNeutralised(value) ? `'${value}` : value;
}

/** The value `neutraliseCell` was given, from what it wrote. */
export function restoreCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return isNeutralised(value) ? value.slice(1) : value;
}

/** An apostrophe followed by formula-like text, or by another such apostrophe (so that text that really begins with one survives). */
function isNeutralised(text: string): boolean {
  return text.startsWith("'") && (isFormulaLike(text.slice(1)) || isNeutralised(text.slice(1)));
}
