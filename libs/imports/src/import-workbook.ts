import ExcelJS from 'exceljs';
import { neutraliseCell } from '@ff/core';
import {
  INDUSTRY_NAMES,
  type IndustryMode,
  type RuleSet,
  TIER_NAMES,
  type TierCode,
  clausesFor,
  describeClause,
} from '@ff/rules';
import { countyOptions } from './county-lookup';
import {
  DECLARATION_COLUMNS,
  ENTERPRISE_COLUMNS,
  type ImportColumn,
  type OptionList,
  SHEETS,
  STATUS_BY_NAME,
  printedRef,
} from './import-columns';

/** What the template and the self-assessment export write into the two data sheets (display values). */
export interface WorkbookContent {
  enterprises: Record<string, string>[];
  declarations: Record<string, string>[];
}

const DATA_ROWS = 1000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const READ_ONLY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/**
 * The batch's import workbook: instructions, the two data sheets (header notes, frozen header,
 * widths, dropdowns by data validation from a very hidden options sheet), and every clause per
 * tier and industry mode, verbatim from the rules catalog. The template is this with no rows or
 * with prefilled clause rows; the self-assessment export is this with the stored answers, so what
 * it writes reads back unchanged. Every text goes through `neutraliseCell`.
 */
export async function buildImportWorkbook(
  batch: { code: string; title: string; tiers: readonly TierCode[] },
  ruleSet: RuleSet,
  constructionTypeNames: readonly string[],
  content: WorkbookContent,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '未来工厂评审系统';
  const options = optionLists(batch.tiers, constructionTypeNames);

  const intro = wb.addWorksheet(SHEETS.instructions);
  intro.getColumn(1).width = 110;
  [
    `批次：${batch.code} ${batch.title}`,
    `规则版本：${ruleSet.version}`,
    `本批次开放的申报层级：${batch.tiers.map((t) => TIER_NAMES[t]).join('、')}`,
    '',
    '1. 在“企业信息”表中每家企业填写一行；带 * 的列为必填，表头批注说明格式。',
    '2. 在“自评”表中每家企业的每个条款填写一行：条款编号可填稳定编号（如 sd15.ff.c1）或印刷编号（如 15c1），见“条款清单”。',
    '3. 自评结论从下拉列表中选择：满足、部分满足、不满足。“条款内容”列仅供参考，导入时不读取。',
    '4. 请勿修改表头文字与工作表名称；列的顺序可以调整，系统按表头文字识别列。',
    '5. 上传后系统先校验并给出预览（不写入任何数据），确认无误后再提交导入；同一文件重复提交不会重复导入。',
  ].forEach((line, i) => (intro.getCell(i + 1, 1).value = neutraliseCell(line)));

  addDataSheet(wb, SHEETS.enterprises, ENTERPRISE_COLUMNS, content.enterprises, options);
  addDataSheet(wb, SHEETS.declarations, DECLARATION_COLUMNS, content.declarations, options);

  const list = wb.addWorksheet(SHEETS.clauses, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: '申报层级', width: 16 },
    { header: '行业类型', width: 12 },
    { header: '条款编号', width: 16 },
    { header: '印刷编号', width: 10 },
    { header: '能力子域', width: 30 },
    { header: '应/宜', width: 8 },
    { header: '条款内容', width: 100 },
  ];
  styleHeader(list.getRow(1));
  for (const tier of batch.tiers)
    for (const industry of ['discrete', 'process'] as IndustryMode[])
      for (const { clause, subdomain } of clausesFor(ruleSet, tier, industry))
        list.addRow(
          [
            TIER_NAMES[tier],
            INDUSTRY_NAMES[industry],
            clause.id,
            printedRef(subdomain, clause),
            describeClause(subdomain, clause),
            clause.obligation === 'mandatory' ? '应' : '宜',
            clause.text,
          ].map((v) => neutraliseCell(v)),
        );

  const hidden = wb.addWorksheet(SHEETS.options, { state: 'veryHidden' });
  [...options.entries()].forEach(([, values], i) => {
    values.forEach((v, j) => (hidden.getCell(j + 1, i + 1).value = neutraliseCell(v)));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function optionLists(tiers: readonly TierCode[], constructionTypeNames: readonly string[]) {
  return new Map<OptionList, string[]>([
    ['industry', Object.values(INDUSTRY_NAMES)],
    ['tier', tiers.map((t) => TIER_NAMES[t])],
    ['constructionType', [...constructionTypeNames]],
    ['status', [...STATUS_BY_NAME.keys()]],
    ['county', countyOptions()],
  ]);
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
}

function addDataSheet<K extends string>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: ImportColumn<K>[],
  rows: Record<string, string>[],
  options: Map<OptionList, string[]>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  styleHeader(ws.getRow(1));
  columns.forEach((c, i) => {
    if (c.note) ws.getCell(1, i + 1).note = c.note;
  });
  for (const row of rows) {
    const added = ws.addRow(Object.fromEntries(columns.map((c) => [c.key, neutraliseCell(row[c.key] ?? '')])));
    columns.forEach((c, i) => {
      if (c.readOnly) added.getCell(i + 1).fill = READ_ONLY_FILL;
    });
  }
  const optionColumn = [...options.keys()];
  const last = Math.max(DATA_ROWS, rows.length + 1);
  columns.forEach((c, i) => {
    if (!c.options) return;
    const letter = String.fromCharCode(65 + optionColumn.indexOf(c.options));
    const count = options.get(c.options)!.length;
    if (!count) return;
    const formula = `'${SHEETS.options}'!$${letter}$1:$${letter}$${count}`;
    const col = String.fromCharCode(65 + i);
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${col}2:${col}${last}`,
      {
        type: 'list',
        allowBlank: !c.required,
        formulae: [formula],
        showErrorMessage: c.options !== 'county',
        errorTitle: '不在可选值中',
        error: `请从下拉列表中选择“${c.header}”`,
      },
    );
  });
}
