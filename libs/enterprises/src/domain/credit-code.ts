// 统一社会信用代码 (GB 32100-2015):
//   pos 1     登记管理部门码 (1–9 and letters such as A, N, Y)
//   pos 2     机构类别码
//   pos 3–8   登记管理机关行政区划码 (GB/T 2260, always digits)
//   pos 9–17  主体标识码 (组织机构代码)
//   pos 18    校验码
// Positions 1–2 are only checked against the alphabet: the authority/category table has grown
// since 2015, and over-restricting it is how `stdnum` came to reject valid letter-authority codes.
import { normalizeCode } from '@ff/core';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_CODE_LENGTH = 18;
const EXCLUDED_LETTERS = new Set(['I', 'O', 'Z', 'S', 'V']);

export type CreditCodeFailureReason = 'length' | 'charset' | 'region_digits' | 'check_char';

export type CreditCodeResult =
  { ok: true; code: string } | { ok: false; reason: CreditCodeFailureReason; message: string };

/** Check character for the first 17 characters (already normalised). Throws on malformed input. */
export function computeCheckChar(first17: string): string {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`computeCheckChar expects 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`computeCheckChar: "${first17[i]}" is not in the credit-code alphabet`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Appends the check character; input is normalised so fixtures can be written loosely. */
export function makeCreditCode(first17: string): string {
  const body = normalizeCode(first17);
  return body + computeCheckChar(body);
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCode(input);
  const chars = [...code];

  if (chars.length === 0) {
    return fail('length', '统一社会信用代码不能为空');
  }
  if (chars.length !== CREDIT_CODE_LENGTH) {
    return fail('length', `统一社会信用代码应为18位，当前为${chars.length}位`);
  }
  const illegal = chars.find((ch) => !CREDIT_CODE_ALPHABET.includes(ch));
  if (illegal !== undefined) {
    const hint = EXCLUDED_LETTERS.has(illegal) ? '（不得使用I、O、Z、S、V）' : '';
    return fail('charset', `统一社会信用代码含有非法字符“${illegal}”${hint}`);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return fail('region_digits', `统一社会信用代码第3至8位应为6位数字的行政区划码，当前为“${code.slice(2, 8)}”`);
  }
  const expected = computeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail('check_char', `统一社会信用代码校验位错误：应为“${expected}”，实际为“${code[17]}”`);
  }
  return { ok: true, code };
}

function fail(reason: CreditCodeFailureReason, message: string): CreditCodeResult {
  return { ok: false, reason, message };
}
