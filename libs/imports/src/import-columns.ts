import {
  CLAUSE_STATUS_NAMES,
  type Clause,
  type ClauseStatus,
  INDUSTRY_NAMES,
  type IndustryMode,
  type RuleSet,
  type SubDomain,
  TIER_NAMES,
  type TierCode,
  clausesFor,
} from '@ff/rules';

/**
 * The import workbook as data: one column table per data sheet, read by the parser, written by the
 * template and by the exports, so the three never disagree. Columns are found by header text (a
 * trailing `*` and spaces ignored), never by position.
 */
export const SHEETS = {
  instructions: '填写说明',
  enterprises: '企业信息',
  declarations: '自评',
  clauses: '条款清单',
  options: '选项',
} as const;

export type EnterpriseKey =
  | 'creditCode'
  | 'name'
  | 'county'
  | 'industryMode'
  | 'tier'
  | 'constructionType'
  | 'contactName'
  | 'contactPhone'
  | 'completionDate';
export type DeclarationKey = 'creditCode' | 'clauseRef' | 'clauseText' | 'status' | 'narrative' | 'evidenceNames';

export interface ImportColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
  width: number;
  note: string;
  /** The options sheet column its dropdown lists. */
  options?: OptionList;
  /** Context written by the template and the export, never read back. */
  readOnly?: boolean;
  /** Stored as text so Excel keeps leading zeros and long codes. */
  text?: boolean;
  /** A date: an Excel date (either date system) or typed text, read as `YYYY-MM-DD`. */
  date?: boolean;
}

export type OptionList = 'industry' | 'tier' | 'constructionType' | 'status' | 'county';

export const ENTERPRISE_COLUMNS: ImportColumn<EnterpriseKey>[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: true,
    width: 24,
    text: true,
    note: '18位，校验位按 GB 32100-2015 检查；全角字符与空格自动去除',
  },
  { key: 'name', header: '企业名称', required: true, width: 30, note: '与营业执照一致' },
  {
    key: 'county',
    header: '所在区县',
    required: true,
    width: 18,
    text: true,
    options: 'county',
    note: '浙江省区县名称（如“西湖区”或“杭州市西湖区”）或6位行政区划代码（如 330106）',
  },
  {
    key: 'industryMode',
    header: '行业类型',
    required: true,
    width: 12,
    options: 'industry',
    note: '离散行业或流程行业',
  },
  { key: 'tier', header: '申报层级', required: true, width: 16, options: 'tier', note: '本批次开放的申报层级' },
  {
    key: 'constructionType',
    header: '建设类型',
    required: false,
    width: 18,
    options: 'constructionType',
    note: '仅申报未来工厂时填写',
  },
  { key: 'contactName', header: '联系人', required: false, width: 12, note: '' },
  { key: 'contactPhone', header: '联系电话', required: false, width: 16, text: true, note: '' },
  {
    key: 'completionDate',
    header: '项目建成（投产）日期',
    required: false,
    width: 18,
    date: true,
    note: '申报条件事项：Excel 日期，或如 2025-03-01、2025/3/1、2025年3月1日；不填则保留申报中已填的日期',
  },
];

export const DECLARATION_COLUMNS: ImportColumn<DeclarationKey>[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: true,
    width: 24,
    text: true,
    note: '须与“企业信息”表中的一行相同',
  },
  {
    key: 'clauseRef',
    header: '条款编号',
    required: true,
    width: 16,
    text: true,
    note: '稳定编号（如 sd15.ff.c1）或印刷编号（能力子域序号加条款字母，如 15c1），见“条款清单”',
  },
  { key: 'clauseText', header: '条款内容', required: false, width: 60, readOnly: true, note: '仅供参考，导入时不读取' },
  { key: 'status', header: '自评结论', required: true, width: 12, options: 'status', note: '满足、部分满足或不满足' },
  { key: 'narrative', header: '情况说明', required: false, width: 60, note: '对照条款说明建设情况' },
  {
    key: 'evidenceNames',
    header: '佐证材料文件名',
    required: false,
    width: 30,
    note: '多个文件用顿号、逗号或分号分隔',
  },
];

/** A header as typed (`统一社会信用代码*`, full-width spaces) reduced to what the column table says. */
export function headerKey(text: string): string {
  return text.replace(/[\s\u3000*＊]/g, '');
}

export const STATUS_BY_NAME: ReadonlyMap<string, ClauseStatus> = new Map(
  (Object.entries(CLAUSE_STATUS_NAMES) as [ClauseStatus, string][]).map(([code, name]) => [name, code]),
);

export const INDUSTRY_BY_NAME: ReadonlyMap<string, IndustryMode> = new Map(
  (Object.entries(INDUSTRY_NAMES) as [IndustryMode, string][]).flatMap(([code, name]) => [
    [name, code],
    [name.replace('行业', ''), code],
  ]),
);

export const TIER_BY_NAME: ReadonlyMap<string, TierCode> = new Map(
  (Object.entries(TIER_NAMES) as [TierCode, string][]).map(([code, name]) => [name, code]),
);

/** The printed form of a clause: sub-domain number and label as the document prints them (`15c1`; `3` when unlettered). */
export const printedRef = (subdomain: SubDomain, clause: Clause) => `${subdomain.no}${clause.label}`;

/** `15 c1）`, `15.C1`, `１５ｃ１` → `15c1`: what a person may type for a printed reference. */
export function normaliseClauseRef(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s.．、)）(（]/g, '')
    .toLowerCase();
}

const printedIndex = new Map<string, ReadonlyMap<string, string>>();

/**
 * The clause id a reference names for an application of `tier` and `industry`: a stable id of the
 * rule set as it is, or a printed form looked up among the clauses of that tier and industry mode
 * (a printed form repeats across tiers; the application's own tier decides).
 */
export function resolveClauseRef(ruleSet: RuleSet, tier: TierCode, industry: IndustryMode, ref: string): string | null {
  const trimmed = ref.trim();
  if (ruleSet.clauseById.has(trimmed)) return trimmed;
  const key = `${ruleSet.version}|${tier}|${industry}`;
  let index = printedIndex.get(key);
  if (!index) {
    index = new Map(
      clausesFor(ruleSet, tier, industry).map(({ clause, subdomain }) => [printedRef(subdomain, clause), clause.id]),
    );
    printedIndex.set(key, index);
  }
  return index.get(normaliseClauseRef(trimmed)) ?? null;
}

/** Evidence file names as typed in one cell. */
export const splitNames = (text: string) =>
  text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
