import { CREDIT_CODE_ALPHABET, computeCheckChar, makeCreditCode, validateCreditCode } from '../credit-code';

function failure(input: string) {
  const result = validateCreditCode(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected`);
  return result;
}

describe('computeCheckChar / makeCreditCode', () => {
  it('reproduces the GB 32100-2015 worked example', () => {
    expect(computeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('appends the check character to normalised input', () => {
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeCreditCode(' ９１３５０１００ｍ000100y4 ')).toBe('91350100M000100Y43');
  });

  it('maps a zero remainder to "0" rather than alphabet[31]', () => {
    // Find a body whose weighted sum is a multiple of 31 by varying the last character.
    const body = [...CREDIT_CODE_ALPHABET].map((c) => `9133010000000000${c}`).find((b) => computeCheckChar(b) === '0');
    expect(body).toBeDefined();
    expect(validateCreditCode(`${body}0`).ok).toBe(true);
  });

  it('rejects malformed bodies loudly', () => {
    expect(() => computeCheckChar('123')).toThrow(RangeError);
    expect(() => computeCheckChar('91330100MA27U0XXI')).toThrow(RangeError);
  });
});

describe('validateCreditCode: valid codes', () => {
  it.each([
    '91350100M000100Y43', // the standard's own example
    '9144030071526726XG', // published codes of real companies
    '91330100716105852F',
    '91110000802100433B',
  ])('accepts the public code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it.each([
    ['91330000MA27U0XX', 'enterprise registered at provincial level'],
    ['92330106MA2H1234', 'individual business (个体工商户)'],
    ['12330100470000012', 'public institution (事业单位)'],
    ['51330100MJ8765432', 'social organisation (民政)'],
    ['31330000MD0012345', 'law firm (司法行政)'],
  ])('accepts a generated code %s (%s)', (body) => {
    const code = makeCreditCode(body.padEnd(17, '1'));
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it.each([
    ['A', 'A1330100MA2AB1234'],
    ['N', 'N2330106MA2AB1234'],
    ['Y', 'Y1330100MA2AB1234'],
  ])('accepts registration-authority letter %s in position 1', (_letter, body) => {
    const code = makeCreditCode(body);
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('accepts a code whose check character is a letter', () => {
    expect(validateCreditCode('91110000802100433B').ok).toBe(true);
  });
});

describe('validateCreditCode: normalisation', () => {
  const code = makeCreditCode('91330106MA2AB1234');

  it.each([
    ['lower case', code.toLowerCase()],
    ['full-width', [...code].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('')],
    ['stray spaces', ` ${code.slice(0, 6)} ${code.slice(6, 12)}\u3000${code.slice(12)} `],
  ])('normalises %s', (_label, input) => {
    expect(validateCreditCode(input)).toEqual({ ok: true, code });
  });
});

describe('validateCreditCode: failures', () => {
  it('reports the length', () => {
    expect(failure('91350100M000100Y4')).toEqual({
      ok: false,
      reason: 'length',
      message: '统一社会信用代码应为18位，当前为17位',
    });
    expect(failure('91350100M000100Y431').message).toBe('统一社会信用代码应为18位，当前为19位');
  });

  it('reports empty input as a length problem with its own message', () => {
    expect(failure(' \u3000')).toEqual({ ok: false, reason: 'length', message: '统一社会信用代码不能为空' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s', (letter) => {
    const result = failure(`91350100M00010${letter}Y43`);
    expect(result.reason).toBe('charset');
    expect(result.message).toBe(`统一社会信用代码含有非法字符“${letter}”（不得使用I、O、Z、S、V）`);
  });

  it('rejects an excluded letter even in lower case', () => {
    expect(failure('91350100m00010oy43').message).toContain('“O”');
  });

  it('rejects punctuation without the I/O/Z/S/V hint', () => {
    expect(failure('91350100-000100Y43')).toEqual({
      ok: false,
      reason: 'charset',
      message: '统一社会信用代码含有非法字符“-”',
    });
  });

  it('requires digits in positions 3–8', () => {
    const result = failure(makeCreditCode('9133A100MA2AB1234'));
    expect(result.reason).toBe('region_digits');
    expect(result.message).toBe('统一社会信用代码第3至8位应为6位数字的行政区划码，当前为“33A100”');
  });

  it('reports the expected and actual check character', () => {
    expect(failure('91350100M000100Y44')).toEqual({
      ok: false,
      reason: 'check_char',
      message: '统一社会信用代码校验位错误：应为“3”，实际为“4”',
    });
  });

  it('catches any single-character substitution in the body', () => {
    const code = makeCreditCode('91330106MA2AB1234');
    for (let i = 0; i < 17; i++) {
      const replacement = code[i] === '0' ? '1' : '0';
      const mutated = code.slice(0, i) + replacement + code.slice(i + 1);
      expect(validateCreditCode(mutated).ok).toBe(false);
    }
  });
});
