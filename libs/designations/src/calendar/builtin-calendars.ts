import type { YearCalendar } from './working-days';

/**
 * Years shipped with the system, each exactly as its State Council notice gives it. A year is
 * added here only with its dates and its notice number checked against the published notice;
 * any other year is entered by the admin (PUT /calendars/:year) or counted Monday–Friday.
 *
 * 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）.
 */
export const BUILTIN_CALENDARS: YearCalendar[] = [
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    holidays: [
      // 元旦：1月1日放假1天，不调休
      '2025-01-01',
      // 春节：1月28日至2月4日
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
      // 清明节：4月4日至6日
      '2025-04-04',
      '2025-04-05',
      '2025-04-06',
      // 劳动节：5月1日至5日
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
      // 端午节：5月31日至6月2日
      '2025-05-31',
      '2025-06-01',
      '2025-06-02',
      // 国庆节、中秋节：10月1日至8日
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    // 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
];
