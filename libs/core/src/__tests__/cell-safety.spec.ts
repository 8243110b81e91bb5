import fc from 'fast-check';
import { isFormulaLike, neutraliseCell, restoreCell } from '../cell-safety';

describe('spreadsheet cell safety', () => {
  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","点击")'])(
    'puts an apostrophe in front of formula-like text %j',
    (text) => {
      expect(isFormulaLike(text)).toBe(true);
      expect(neutraliseCell(text)).toBe(`'${text}`);
    },
  );

  it.each(['普通文本', '91330100MA2XXXXX1A', "it's", '1-2', ''])('leaves ordinary text %j alone', (text) => {
    expect(neutraliseCell(text)).toBe(text);
    expect(restoreCell(text)).toBe(text);
  });

  it('leaves numbers, dates and empty cells alone', () => {
    const date = new Date(0);
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(date)).toBe(date);
    expect(neutraliseCell(null)).toBeNull();
  });

  it('keeps text that really begins with an apostrophe before a formula trigger', () => {
    expect(neutraliseCell("'=1")).toBe("''=1");
    expect(restoreCell("''=1")).toBe("'=1");
  });

  it('round-trips every string, and what it writes is never formula-like', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const written = neutraliseCell(text) as string;
        expect(isFormulaLike(written)).toBe(false);
        expect(restoreCell(written)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
