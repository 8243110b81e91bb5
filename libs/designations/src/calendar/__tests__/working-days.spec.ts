import { BUILTIN_CALENDARS } from '../builtin-calendars';
import {
  YearCalendar,
  addMonths,
  addYearsInclusive,
  beijingDate,
  calendarProblems,
  dayKind,
  endOfBeijingDay,
  nthWorkingDay,
} from '../working-days';

const data = new Map(BUILTIN_CALENDARS.map((c) => [c.year, c]));

describe('working-day calendar', () => {
  it('counts Monday–Friday in an ordinary week, the start day included', () => {
    // 2025-03-03 is a Monday.
    expect(nthWorkingDay('2025-03-03', 5, data)).toEqual({ date: '2025-03-07', yearsWithoutData: [] });
    // From a Saturday the count starts on Monday.
    expect(nthWorkingDay('2025-03-08', 1, data).date).toBe('2025-03-10');
  });

  it('skips public holidays (国庆节、中秋节 2025: 10月1日至8日)', () => {
    expect(dayKind('2025-10-06', data)).toEqual({ working: false, known: true });
    // 2025-09-29 (Mon), 30 (Tue), then the holiday, then 10-09 (Thu), 10-10 (Fri), 10-11 (Sat, 调休).
    expect(nthWorkingDay('2025-09-29', 5, data).date).toBe('2025-10-11');
  });

  it('counts a 调休 working weekend (2025-09-28, a Sunday) as a working day', () => {
    expect(dayKind('2025-09-28', data)).toEqual({ working: true, known: true });
    expect(nthWorkingDay('2025-09-27', 1, data).date).toBe('2025-09-28');
  });

  it('counts a year without data Monday–Friday and says which years', () => {
    // 2030 has no data: 2030-10-01 is a Tuesday, counted as working.
    expect(dayKind('2030-10-01', data)).toEqual({ working: true, known: false });
    expect(nthWorkingDay('2030-10-01', 5, data)).toEqual({ date: '2030-10-07', yearsWithoutData: [2030] });
    // A count that crosses from a known year into an unknown one reports the unknown one only.
    expect(nthWorkingDay('2025-12-29', 5, data)).toEqual({ date: '2026-01-02', yearsWithoutData: [2026] });
  });

  it('refuses a start that is not a date, or a count that is not positive', () => {
    expect(() => nthWorkingDay('2025-02-30', 5, data)).toThrow(/calendar date/);
    expect(() => nthWorkingDay('2025-03-03', 0, data)).toThrow(/positive/);
  });

  it('converts instants to Beijing dates and back', () => {
    expect(beijingDate(new Date('2025-03-03T16:30:00Z'))).toBe('2025-03-04');
    expect(endOfBeijingDay('2025-03-07').toISOString()).toBe('2025-03-07T16:00:00.000Z');
  });

  it('ends a validity of whole years the day before the anniversary', () => {
    expect(addYearsInclusive('2026-03-01', 3)).toBe('2029-02-28');
    expect(addYearsInclusive('2026-12-01', 3)).toBe('2029-11-30');
    expect(addYearsInclusive('2028-02-29', 1)).toBe('2029-02-27');
  });

  it('adds whole months on the same day, or the last day of a shorter month', () => {
    expect(addMonths('2026-11-26', 6)).toBe('2027-05-26');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('checks a year before it is stored: the notice, dates in the year, 调休 on weekends, no overlap', () => {
    const good: YearCalendar = {
      year: 2027,
      notice: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕1号）',
      holidays: ['2027-01-01'],
      workingWeekends: ['2027-01-02'],
    };
    expect(calendarProblems(good)).toEqual([]);
    const fields = calendarProblems({
      year: 2027,
      notice: '放假安排',
      holidays: ['2026-12-31', '2027-13-01', '2027-01-01', '2027-01-01'],
      workingWeekends: ['2027-01-04', '2027-01-01'],
    }).map((p) => p.field);
    expect(fields).toEqual([
      'notice',
      'holidays[0]',
      'holidays[1]',
      'holidays[3]',
      'workingWeekends[0]',
      'workingWeekends[1]',
      'workingWeekends[1]',
    ]);
  });

  it('ships only years whose data passes the same checks', () => {
    for (const c of BUILTIN_CALENDARS) expect(calendarProblems(c)).toEqual([]);
  });
});
