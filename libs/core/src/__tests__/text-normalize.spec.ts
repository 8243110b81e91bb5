import { normalizeCode, normalizeText } from '../text-normalize';

describe('normalizeText', () => {
  it('converts full-width ASCII to half-width', () => {
    expect(normalizeText('ＡＢＣ１２３！～')).toBe('ABC123!~');
  });

  it('turns the ideographic space into a space, trims and collapses whitespace', () => {
    expect(normalizeText('\u3000 浙江\u3000\u3000未来  工厂\t\n')).toBe('浙江 未来 工厂');
  });

  it('leaves Chinese text and case untouched', () => {
    expect(normalizeText('杭州市西湖区 abc')).toBe('杭州市西湖区 abc');
  });
});

describe('normalizeCode', () => {
  it('removes all whitespace, including internal, and upper-cases', () => {
    expect(normalizeCode(' 9133 0100\u3000ma27 ')).toBe('91330100MA27');
  });

  it('handles full-width digits and letters', () => {
    expect(normalizeCode('３３０１０６')).toBe('330106');
    expect(normalizeCode('９１ｍａ')).toBe('91MA');
  });
});
