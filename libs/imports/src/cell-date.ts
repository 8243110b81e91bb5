/**
 * A date as a spreadsheet cell holds it: an Excel serial number — in the 1900 date system (Excel's
 * default) or the 1904 one (a workbook flag that WPS, LibreOffice and old Mac Excel workbooks may
 * carry) — or text as people type it: `2025-03-01`, `2025/3/1`, `2025.3.1`, `2025年3月1日`,
 * `20250301`, full-width digits and separators included. Answers `YYYY-MM-DD`, or why not.
 */
export type DateRead = { ok: true; date: string } | { ok: false; message: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2099;
const DAY_MS = 86_400_000;
/** The largest serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2_958_465;

export function readDate(text: string, date1904: boolean): DateRead {
  const s = text.normalize('NFKC').trim();
  if (/^\d+(\.\d+)?$/.test(s) && Number(s) <= MAX_SERIAL) return serialDate(Number(s), date1904);
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(
      s,
    ) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return { ok: false, message: `“${s.slice(0, 40)}”不是日期，请填写如 2025-03-01、2025/3/1 或 2025年3月1日` };
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), s);
}

/**
 * Serial n of the 1900 system is day n counted from 1900-01-01 = 1, with Lotus 1-2-3's 29 February
 * 1900 (serial 60) that never was; of the 1904 system, days since 1904-01-01 = 0. A time of day
 * (the fraction) is dropped.
 */
function serialDate(serial: number, date1904: boolean): DateRead {
  const day = Math.floor(serial);
  if (!date1904 && day === 60) return { ok: false, message: '日期序号 60 对应不存在的 1900年2月29日' };
  if (!date1904 && day < 1) return { ok: false, message: `日期序号 ${serial} 不对应任何日期` };
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, day < 60 ? 31 : 30);
  const d = new Date(epoch + day * DAY_MS);
  return calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), String(serial));
}

function calendarDate(year: number, month: number, day: number, typed: string): DateRead {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return { ok: false, message: `“${typed.slice(0, 40)}”不是有效日期` };
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, message: `日期“${typed.slice(0, 40)}”的年份不在 ${MIN_YEAR}–${MAX_YEAR} 之间` };
  return { ok: true, date: d.toISOString().slice(0, 10) };
}
