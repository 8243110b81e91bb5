import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '@ff/core';
import { getRuleSet, TIER_CODES, TIER_NAMES, tierScope, type TierCode } from '@ff/rules';

/** One application's line in the batch results workbook; text as the reader may see it. */
export interface ResultsExportRow {
  applicationId: string;
  enterpriseName: string;
  creditCode: string;
  cityName: string;
  countyName: string;
  tier: TierCode;
  constructionTypeName: string | null;
  applicationStatusName: string;
  resultStatusName: string;
  total: number;
  threshold: number;
  recommendation: 'pass' | 'fail';
  highestTierName: string | null;
  redLines: number;
  divergent: number;
  /** The designation decision in words; null until one is taken (shown as 待认定). */
  decision: string | null;
  /** Sub-domain number → panel score. */
  subdomains: Record<number, number>;
}

export const PENDING_DECISION = '待认定';
const RECOMMENDATION_NAMES = { pass: '建议通过', fail: '建议不通过' } as const;

export type Cell = string | number | null;
export interface Column<R> {
  header: string;
  width: number;
  value: (r: R) => Cell;
  /** Text typed by users (names, codes, decisions): written through neutraliseCell. */
  text?: boolean;
  numFmt?: string;
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/** The overview sheet: one row per application, every column from this table. */
export const OVERVIEW_COLUMNS: Column<ResultsExportRow>[] = [
  { header: '企业名称', width: 36, value: (r) => r.enterpriseName, text: true },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode, text: true, numFmt: '@' },
  { header: '所在市', width: 10, value: (r) => r.cityName, text: true },
  { header: '所在区县', width: 12, value: (r) => r.countyName, text: true },
  { header: '申报层级', width: 16, value: (r) => TIER_NAMES[r.tier], text: true },
  { header: '建设类型', width: 16, value: (r) => r.constructionTypeName ?? '', text: true },
  { header: '申报状态', width: 14, value: (r) => r.applicationStatusName, text: true },
  { header: '评审结果状态', width: 14, value: (r) => r.resultStatusName, text: true },
  { header: '总分', width: 8, value: (r) => round4(r.total), numFmt: '0.00' },
  { header: '通过线', width: 8, value: (r) => r.threshold, numFmt: '0.00' },
  { header: '评审建议', width: 12, value: (r) => RECOMMENDATION_NAMES[r.recommendation], text: true },
  { header: '评分支持的最高层级', width: 18, value: (r) => r.highestTierName ?? '无', text: true },
  { header: '红线数', width: 8, value: (r) => r.redLines },
  { header: '分歧子域数', width: 10, value: (r) => r.divergent },
  { header: '认定决定', width: 16, value: (r) => r.decision ?? PENDING_DECISION, text: true },
];

/** A tier's sheet: the overview's identity columns, then each sub-domain of the tier's scope. */
export function tierColumns(tier: TierCode, ruleSetVersion?: string): Column<ResultsExportRow>[] {
  const ruleSet = getRuleSet(ruleSetVersion);
  const scope = tierScope(ruleSet, tier).subdomains;
  const pick = (h: string) => OVERVIEW_COLUMNS.find((c) => c.header === h)!;
  return [
    ...['企业名称', '统一社会信用代码', '所在市', '所在区县', '建设类型', '总分'].map(pick),
    ...scope.map((no) => ({
      header: `${no}.${ruleSet.subdomainByNo.get(no)!.name}`,
      width: 12,
      value: (r: ResultsExportRow) => (r.subdomains[no] === undefined ? null : round4(r.subdomains[no])),
      numFmt: '0.00',
    })),
    pick('认定决定'),
  ];
}

interface StatLine {
  dimension: string;
  group: string;
  count: number;
  passed: number;
  meanTotal: number;
}

/** Counts, recommended passes and mean totals by city, county, tier and construction type. */
export function resultStatistics(rows: ResultsExportRow[]): StatLine[] {
  const dims: Array<[string, (r: ResultsExportRow) => string]> = [
    ['市', (r) => r.cityName],
    ['区县', (r) => `${r.cityName} ${r.countyName}`],
    ['申报层级', (r) => TIER_NAMES[r.tier]],
    ['建设类型', (r) => r.constructionTypeName ?? '不适用'],
  ];
  const out: StatLine[] = [];
  for (const [dimension, key] of dims) {
    const groups = new Map<string, { count: number; passed: number; sum: number }>();
    for (const r of rows) {
      const g = groups.get(key(r)) ?? { count: 0, passed: 0, sum: 0 };
      g.count++;
      if (r.recommendation === 'pass') g.passed++;
      g.sum += r.total;
      groups.set(key(r), g);
    }
    for (const [group, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0], 'zh-CN')))
      out.push({ dimension, group, count: g.count, passed: g.passed, meanTotal: round4(g.sum / g.count) });
  }
  return out;
}

const STAT_COLUMNS: Column<StatLine>[] = [
  { header: '统计维度', width: 12, value: (s) => s.dimension, text: true },
  { header: '分组', width: 28, value: (s) => s.group, text: true },
  { header: '申报数', width: 10, value: (s) => s.count },
  { header: '建议通过数', width: 12, value: (s) => s.passed },
  { header: '平均总分', width: 10, value: (s) => s.meanTotal, numFmt: '0.00' },
];

export function writeSheet<R>(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column<R>[],
  rows: Iterable<R>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow(
      columns.map((c) => {
        const v = c.value(r);
        return c.text ? neutraliseCell(v) : v;
      }),
    ).commit();
  ws.commit();
}

/**
 * The batch results workbook, streamed to `out` (one row in memory at a time per sheet): 概览, one
 * sheet per tier present with its sub-domain scores, and 统计. Every text cell goes through
 * `neutraliseCell`, so a name beginning with `=`, `+`, `-`, `@`, a tab or a CR stays text.
 */
export async function writeResultsWorkbook(
  rows: ResultsExportRow[],
  out: Writable,
  opts: { ruleSetVersion?: string; title?: string } = {},
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '未来工厂评审系统';
  if (opts.title) wb.title = opts.title;
  writeSheet(wb, '概览', OVERVIEW_COLUMNS, rows);
  for (const tier of TIER_CODES) {
    const ofTier = rows.filter((r) => r.tier === tier);
    if (ofTier.length) writeSheet(wb, TIER_NAMES[tier], tierColumns(tier, opts.ruleSetVersion), ofTier);
  }
  writeSheet(wb, '统计', STAT_COLUMNS, resultStatistics(rows));
  await wb.commit();
}
