import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type Column, writeSheet } from './results-workbook';

/** One designation's line in the registry workbook, in words. */
export interface RegistryExportRow {
  certificateNumber: string;
  enterpriseName: string;
  creditCode: string;
  cityName: string;
  countyName: string;
  tierName: string;
  constructionTypeName: string | null;
  /** 有效 / 复核中 / 已撤销 / 已过期 (expiry computed on the day of the export). */
  statusName: string;
  validFrom: string;
  validUntil: string;
  /** The day of designation (Beijing). */
  issuedOn: string;
  revocationReasonName: string | null;
}

/** Every column is text: all of it passes through `neutraliseCell` (`writeSheet`'s `text`). */
export const REGISTRY_COLUMNS: Column<RegistryExportRow>[] = [
  { header: '证书编号', width: 24, value: (r) => r.certificateNumber, text: true },
  { header: '企业名称', width: 36, value: (r) => r.enterpriseName, text: true },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode, text: true, numFmt: '@' },
  { header: '所在市', width: 10, value: (r) => r.cityName, text: true },
  { header: '所在区县', width: 12, value: (r) => r.countyName, text: true },
  { header: '认定层级', width: 16, value: (r) => r.tierName, text: true },
  { header: '建设类型', width: 16, value: (r) => r.constructionTypeName ?? '', text: true },
  { header: '状态', width: 10, value: (r) => r.statusName, text: true },
  { header: '有效期起', width: 12, value: (r) => r.validFrom, text: true },
  { header: '有效期至', width: 12, value: (r) => r.validUntil, text: true },
  { header: '认定日期', width: 12, value: (r) => r.issuedOn, text: true },
  { header: '撤销原因', width: 16, value: (r) => r.revocationReasonName ?? '', text: true },
];

/** The designation registry (认定名录), streamed to `out`: one sheet, one row per designation. */
export async function writeRegistryWorkbook(
  rows: Iterable<RegistryExportRow>,
  out: Writable,
  opts: { title?: string } = {},
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '未来工厂评审系统';
  if (opts.title) wb.title = opts.title;
  writeSheet(wb, '认定名录', REGISTRY_COLUMNS, rows);
  await wb.commit();
}
