/**
 * The working-day calendar, pure: a date is a working day when it is Monday–Friday and not a
 * public holiday, or a weekend day the State Council moved to work (调休). Holidays and 调休 days
 * are data per year; a year without data is counted Monday–Friday and reported, so a caller can
 * say so. Dates are `YYYY-MM-DD` calendar dates in Beijing time (UTC+8, no daylight saving).
 */
export interface YearCalendar {
  year: number;
  /** 国务院办公厅关于<year>年部分节假日安排的通知, with its number (国办发明电〔…〕…号). */
  notice: string;
  holidays: string[];
  workingWeekends: string[];
}

export type CalendarData = ReadonlyMap<number, YearCalendar>;

const DAY_MS = 24 * 3600_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of `date` at 00:00 UTC, or NaN for a string that is not a real calendar date. */
function utcMidnight(date: string): number {
  const m = DATE.exec(date);
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : NaN;
}

export const isCalendarDate = (date: string): boolean => !Number.isNaN(utcMidnight(date));

const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const nextDate = (date: string): string => fromMs(utcMidnight(date) + DAY_MS);
export const yearOf = (date: string): number => Number(date.slice(0, 4));
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string): number => new Date(utcMidnight(date)).getUTCDay();
export const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6;

/** The calendar date in Beijing at `instant`. */
export const beijingDate = (instant: Date): string => fromMs(instant.getTime() + BEIJING_OFFSET_MS);

/** The instant `date` ends in Beijing: the next day's 00:00 +08:00. */
export const endOfBeijingDay = (date: string): Date => new Date(utcMidnight(date) + DAY_MS - BEIJING_OFFSET_MS);

/** `date` plus whole months, on the same day of the month or the month's last (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return fromMs(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

/** `date` plus whole years, the day before (a validity of 3 years from 2026-03-01 runs to 2029-02-28). */
export const addYearsInclusive = (date: string, years: number): string =>
  fromMs(utcMidnight(addMonths(date, 12 * years)) - DAY_MS);

export interface DayKind {
  working: boolean;
  /** False when the year has no data: the answer is Monday–Friday. */
  known: boolean;
}

export function dayKind(date: string, data: CalendarData): DayKind {
  const year = data.get(yearOf(date));
  if (!year) return { working: !isWeekend(date), known: false };
  if (year.holidays.includes(date)) return { working: false, known: true };
  if (year.workingWeekends.includes(date)) return { working: true, known: true };
  return { working: !isWeekend(date), known: true };
}

export interface WorkingDaysResult {
  /** The `n`th working day counting from `start` (`start` itself counts when it is a working day). */
  date: string;
  /** Years the count passed through without holiday data (counted Monday–Friday). */
  yearsWithoutData: number[];
}

export function nthWorkingDay(start: string, n: number, data: CalendarData): WorkingDaysResult {
  if (!isCalendarDate(start)) throw new Error(`not a calendar date: ${start}`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`working days must be a positive integer: ${n}`);
  const missing = new Set<number>();
  let date = start;
  let counted = 0;
  for (;;) {
    const kind = dayKind(date, data);
    if (!kind.known) missing.add(yearOf(date));
    if (kind.working && ++counted === n) return { date, yearsWithoutData: [...missing].sort() };
    date = nextDate(date);
  }
}

/** Why a year's data cannot be stored; empty when it can. */
export function calendarProblems(input: YearCalendar): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const notice = input.notice.trim();
  if (!/^国务院办公厅关于\d{4}年部分节假日安排的通知/.test(notice) || !notice.includes(`${input.year}年`))
    problems.push({
      field: 'notice',
      message: `应注明所依据的通知，如“国务院办公厅关于${input.year}年部分节假日安排的通知（国办发明电〔…〕…号）”`,
    });
  const check = (field: 'holidays' | 'workingWeekends', dates: string[]) => {
    const seen = new Set<string>();
    dates.forEach((d, i) => {
      if (!isCalendarDate(d)) problems.push({ field: `${field}[${i}]`, message: `“${d}”不是有效日期（YYYY-MM-DD）` });
      else if (yearOf(d) !== input.year)
        problems.push({ field: `${field}[${i}]`, message: `${d} 不在 ${input.year} 年内` });
      else if (seen.has(d)) problems.push({ field: `${field}[${i}]`, message: `${d} 重复` });
      else if (field === 'workingWeekends' && !isWeekend(d))
        problems.push({ field: `${field}[${i}]`, message: `${d} 不是周末，调休上班日应为周六或周日` });
      seen.add(d);
    });
  };
  check('holidays', input.holidays);
  check('workingWeekends', input.workingWeekends);
  input.workingWeekends.forEach((d, i) => {
    if (input.holidays.includes(d))
      problems.push({ field: `workingWeekends[${i}]`, message: `${d} 同时列为放假日和调休上班日` });
  });
  return problems;
}
