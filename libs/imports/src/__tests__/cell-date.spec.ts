import { readDate } from '../cell-date';

describe('readDate', () => {
  it.each([
    ['45717', false, '2025-03-01'],
    ['44255', true, '2025-03-01'],
    ['45717.75', false, '2025-03-01'],
    ['1', false, '1900-01-01'],
    ['59', false, '1900-02-28'],
    ['61', false, '1900-03-01'],
    ['0', true, '1904-01-01'],
    ['2025-03-01', false, '2025-03-01'],
    ['2025/3/1', false, '2025-03-01'],
    ['2025.3.1', true, '2025-03-01'],
    ['2025年3月1日', false, '2025-03-01'],
    ['２０２５年３月１日', false, '2025-03-01'],
    ['２０２５／０３／０１', false, '2025-03-01'],
    [' 2025-3-1 00:00:00 ', false, '2025-03-01'],
    ['20250301', false, '2025-03-01'],
  ])('%s (1904: %s) → %s', (text, date1904, date) => {
    expect(readDate(text, date1904)).toEqual({ ok: true, date });
  });

  it.each([
    ['60', '不存在的 1900年2月29日'],
    ['0', '不对应任何日期'],
    ['2025-02-30', '不是有效日期'],
    ['2025-13-01', '不是有效日期'],
    ['下月初', '不是日期'],
    ['3/1/2025', '不是日期'],
    ['1800-01-01', '年份不在'],
  ])('%s is refused: %s', (text, message) => {
    const read = readDate(text, false);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain(message);
  });
});
