import { AppError } from '../app-error';
import { MAX_INPUT_DEPTH, assertInput, textViolation } from '../text-policy';

const code = (s: string, multiLine = true) => textViolation(s, 'name', { multiLine })?.code ?? null;

describe('text policy', () => {
  it('accepts ordinary Chinese text, emoji as proper pairs, ZWJ sequences and full-width forms', () => {
    for (const s of ['杭州未来工厂有限公司', '👨‍🏭 智能车间', 'ＡＢＣ（全角）', '', 'a\u00a0b', '\u200d'])
      expect(code(s, false)).toBeNull();
  });

  it('refuses NUL, other C0 controls, DEL and C1 controls everywhere', () => {
    for (const c of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f])
      expect(code(`a${String.fromCharCode(c)}b`)).toBe('text_control_character');
    expect(textViolation('a\u0000', 'q', { multiLine: true })!.message).toBe('字段“q”含有不允许的控制字符（U+0000）');
  });

  it('allows TAB, LF and CR only in multi-line text', () => {
    for (const s of ['a\tb', 'a\nb', 'a\r\nb']) {
      expect(code(s, true)).toBeNull();
      expect(code(s, false)).toBe('text_line_break');
    }
  });

  it('refuses lone surrogates, high or low, at any position', () => {
    for (const s of ['\ud800', 'a\udc00', '\ud83d', 'x\ud83dy', '\ude00\ud83d'])
      expect(code(s)).toBe('text_lone_surrogate');
    expect(code('\ud83d\ude00')).toBeNull();
  });

  it('refuses bidi embedding, override and isolate controls', () => {
    for (let c = 0x202a; c <= 0x202e; c++)
      expect(code(`报告${String.fromCharCode(c)}fdp.exe`)).toBe('text_bidi_control');
    for (let c = 0x2066; c <= 0x2069; c++) expect(code(String.fromCharCode(c))).toBe('text_bidi_control');
  });
});

describe('assertInput', () => {
  const refuse = (v: unknown, multiLine = true) => {
    try {
      assertInput(v, '', { multiLine });
      return null;
    } catch (e) {
      return e as AppError;
    }
  };

  it('names the field path of the first bad string, in values and keys', () => {
    expect(refuse({ items: [{ ok: 'x' }, { narrative: 'a\u0000' }] })!.details).toEqual([
      expect.objectContaining({ field: 'items[1].narrative', code: 'text_control_character' }),
    ]);
    expect(refuse({ a: { 'b\u202e': 1 } })!.details[0]).toMatchObject({
      field: 'a 的字段名',
      code: 'text_bidi_control',
    });
  });

  it('refuses nesting beyond the bound without overflowing the stack, however deep', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(refuse(deep)).toMatchObject({ code: 'body_too_deep', status: 400 });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = { a: ok };
    expect(refuse(ok)).toBeNull();
    expect(refuse({ a: ok })).toMatchObject({ code: 'body_too_deep' });
  });
});
