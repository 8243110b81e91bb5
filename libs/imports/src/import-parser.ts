import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppError } from '@ff/core';
import { jurisdictionCovers, findRegion } from '@ff/regions';
import { type ClauseStatus, type IndustryMode, type RuleSet, TIER_NAMES, type TierCode } from '@ff/rules';
import { CreateEnterpriseDto, validateCreditCode } from '@ff/enterprises';
import { NARRATIVE_MAX, assertConstructionType, clauseProblem } from '@ff/applications';
import { cellAddress, readCell } from './cell-value';
import { readDate } from './cell-date';
import { resolveCounty } from './county-lookup';
import {
  DECLARATION_COLUMNS,
  type DeclarationKey,
  ENTERPRISE_COLUMNS,
  type EnterpriseKey,
  INDUSTRY_BY_NAME,
  type ImportColumn,
  SHEETS,
  STATUS_BY_NAME,
  TIER_BY_NAME,
  headerKey,
  resolveClauseRef,
  splitNames,
} from './import-columns';

/** One problem, naming its cell (`自评!D17`) — or its sheet when no cell is to blame. */
export interface ImportIssue {
  cell: string;
  code: string;
  message: string;
}

export interface ParsedEnterprise {
  row: number;
  creditCode: string;
  name: string;
  regionCode: string;
  industryMode: IndustryMode;
  tier: TierCode;
  constructionType: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** 项目建成（投产）日期, `YYYY-MM-DD`; null when the cell is empty (the application keeps its own). */
  completionDate: string | null;
}

export interface ParsedDeclaration {
  row: number;
  creditCode: string;
  clauseId: string;
  status: ClauseStatus;
  narrative: string;
  evidenceNames: string[];
}

export interface ImportContext {
  ruleSet: RuleSet;
  tiersOffered: readonly TierCode[];
  constructionTypes: ReadonlyMap<string, string>;
  /** The importer's jurisdiction; an enterprise outside it is an error. */
  jurisdictionCode: string;
  maxRows: number;
  /** An evidence zip came with the import: the names are matched against it, not merely noted. */
  evidenceArchive?: boolean;
}

const NO_NAMES: string[] = [];

/** Ends the import at once, with a reason (a sheet missing, a required column renamed, too many rows). */
export class ImportFailure extends Error {}

export interface ParseResult {
  enterprises: ParsedEnterprise[];
  declarations: ParsedDeclaration[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  rows: number;
}

interface SheetState<K extends string> {
  columns: ImportColumn<K>[];
  index: Map<K, number> | null;
}

interface RawDeclaration {
  row: number;
  creditCode: string;
  clauseRef: string;
  status: ClauseStatus | null;
  narrative: string;
  evidenceNames: string[];
}

/**
 * Import as parse, then apply: this is the parse. Rows are fed one at a time as the streaming
 * reader yields them (in whatever order the file holds its sheets); `finish` then checks what
 * needs both sheets — every self-assessment row's enterprise, tier and industry mode — and returns
 * the records with every error and warning, each naming its cell. Pure: no I/O, no clock.
 */
export class ImportParser {
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly enterprises = new Map<string, ParsedEnterprise>();
  /** Declaration rows read before the 企业信息 sheet (a CSV zip or a workbook in another order); resolved in `finish`. */
  private readonly raw: RawDeclaration[] = [];
  private readonly declarations: ParsedDeclaration[] = [];
  /** Per enterprise, the row of each clause declared (a clause twice is an error); clause ids are the rule set's strings. */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly declared = new Set<string>();
  private readonly sheets = {
    [SHEETS.enterprises]: { columns: ENTERPRISE_COLUMNS, index: null } as SheetState<EnterpriseKey>,
    [SHEETS.declarations]: { columns: DECLARATION_COLUMNS, index: null } as SheetState<DeclarationKey>,
  };
  private rows = 0;
  private lastCredit?: { text: string; result: ReturnType<typeof validateCreditCode> };
  /** The workbook's date system, for date cells holding serial numbers. */
  private date1904 = false;

  constructor(private readonly ctx: ImportContext) {}

  /** Whether rows of this sheet are read (the instructions, clause list and options sheets are not). */
  /** 自评 rows resolved and not yet taken. */
  get resolved(): number {
    return this.declarations.length;
  }

  /** Hands over the 自评 rows resolved since the last call: a caller that keeps them elsewhere lets the parse hold none. */
  takeDeclarations(): ParsedDeclaration[] {
    return this.declarations.splice(0);
  }

  reads(sheet: string | undefined): boolean {
    return sheet === SHEETS.enterprises || sheet === SHEETS.declarations;
  }

  /**
   * `values[c]` is the raw value of column c (1-based), as exceljs gives it; `date1904`: the
   * workbook counts date serials from 1904 (its `workbookPr` says so).
   */
  row(sheet: string, rowNo: number, values: readonly unknown[], date1904 = false): void {
    this.date1904 = date1904;
    const state = this.sheets[sheet as keyof typeof this.sheets];
    if (!state) return;
    if (!state.index) {
      this.header(sheet, state as SheetState<string>, rowNo, values);
      return;
    }
    const texts = new Map<string, string>();
    let any = false;
    let unreadable = false;
    for (const column of state.columns as ImportColumn<string>[]) {
      if (column.readOnly) continue;
      const at = (state.index as Map<string, number>).get(column.key);
      if (at === undefined) continue;
      const read = readCell(values[at]);
      // Named only when there is something to say about the cell: no address string per cell read.
      const cell = () => `${sheet}!${cellAddress(at, rowNo)}`;
      if (!read.ok) {
        this.error(cell(), 'cell_unreadable', `“${column.header}”${read.message}`);
        unreadable = true;
        continue;
      }
      if (read.formula)
        this.warn(cell(), 'formula_cached', `“${column.header}”为公式，已按缓存的计算结果“${read.text}”读取`);
      const text = read.text.trim();
      if (text) any = true;
      texts.set(column.key, text);
    }
    if (!any && !unreadable) return;
    if (++this.rows > this.ctx.maxRows)
      throw new ImportFailure(`数据行超过上限 ${this.ctx.maxRows} 行，请拆分为多个文件导入`);
    // A prefilled or exported clause row left without a conclusion, narrative or evidence declares nothing.
    if (
      sheet === SHEETS.declarations &&
      !unreadable &&
      !['status', 'narrative', 'evidenceNames'].some((k) => texts.get(k))
    )
      return;
    const cellOf = (key: string) =>
      `${sheet}!${cellAddress((state.index as Map<string, number>).get(key) ?? 1, rowNo)}`;
    const columns = state.columns as ImportColumn<string>[];
    let complete = !unreadable;
    for (const c of columns)
      if (c.required && texts.has(c.key) && !texts.get(c.key)) {
        this.error(cellOf(c.key), 'required', `“${c.header}”为必填项`);
        complete = false;
      }
    if (!complete) return;
    if (sheet === SHEETS.enterprises) this.enterpriseRow(rowNo, texts, cellOf);
    else this.declarationRow(rowNo, texts, cellOf);
  }

  /** The 1-based column a key was found in on a data sheet (after its header row). */
  columnOf(sheet: string, key: string): number | undefined {
    return (this.sheets[sheet as keyof typeof this.sheets]?.index as Map<string, number> | null)?.get(key);
  }

  finish(): ParseResult {
    for (const [name, state] of Object.entries(this.sheets))
      if (!state.index) throw new ImportFailure(`缺少工作表“${name}”（或该表没有表头行），请使用本批次的导入模板`);
    for (const d of this.raw) this.resolve(d);
    this.raw.length = 0;
    for (const e of this.enterprises.values())
      if (!this.declared.has(e.creditCode))
        this.warn(
          `${SHEETS.enterprises}!${cellAddress(this.sheets[SHEETS.enterprises].index!.get('creditCode')!, e.row)}`,
          'no_declarations',
          `企业“${e.name}”在“自评”表中没有任何条款，导入后自评表为空`,
        );
    return {
      enterprises: [...this.enterprises.values()],
      declarations: this.declarations,
      errors: this.errors,
      warnings: this.warnings,
      rows: this.rows,
    };
  }

  /**
   * One self-assessment row against its enterprise: the clause in its tier and industry mode, not
   * twice. Called as the row is read when the 企业信息 sheet came first (the template's order), so
   * nothing but the resolved declaration is kept; otherwise from `finish`.
   */
  private resolve(d: RawDeclaration): void {
    const col = (key: DeclarationKey, row: number) =>
      `${SHEETS.declarations}!${cellAddress(this.sheets[SHEETS.declarations].index!.get(key)!, row)}`;
    const enterprise = this.enterprises.get(d.creditCode);
    if (!enterprise) {
      this.error(
        col('creditCode', d.row),
        'enterprise_row_missing',
        `统一社会信用代码“${d.creditCode}”在“企业信息”表中没有对应的行`,
      );
      return;
    }
    const clauseId = resolveClauseRef(this.ctx.ruleSet, enterprise.tier, enterprise.industryMode, d.clauseRef);
    if (!clauseId) {
      this.error(
        col('clauseRef', d.row),
        'unknown_clause',
        `条款编号“${d.clauseRef}”不存在（${TIER_NAMES[enterprise.tier]}、该企业行业类型下没有这一条款），请对照“条款清单”填写`,
      );
      return;
    }
    const problem = clauseProblem(clauseId, {
      ruleSetVersion: this.ctx.ruleSet.version,
      tier: enterprise.tier,
      industryMode: enterprise.industryMode,
    });
    if (problem) {
      this.error(col('clauseRef', d.row), problem.code, problem.message);
      return;
    }
    let clauses = this.seen.get(enterprise.creditCode);
    const first = clauses?.get(clauseId);
    if (first !== undefined) {
      this.error(
        col('clauseRef', d.row),
        'duplicate_clause',
        `同一企业的条款“${d.clauseRef}”重复填写（与第 ${first} 行相同）`,
      );
      return;
    }
    (clauses ??= new Map()).set(clauseId, d.row);
    this.seen.set(enterprise.creditCode, clauses);
    if (!d.status) return;
    this.declared.add(enterprise.creditCode);
    // The enterprise's own credit code string: one per enterprise, not one per row.
    this.declarations.push({
      row: d.row,
      creditCode: enterprise.creditCode,
      clauseId,
      status: d.status,
      narrative: d.narrative,
      evidenceNames: d.evidenceNames,
    });
  }

  private header(sheet: string, state: SheetState<string>, rowNo: number, values: readonly unknown[]) {
    const index = new Map<string, number>();
    const byHeader = new Map(state.columns.map((c) => [headerKey(c.header), c]));
    let any = false;
    for (let at = 1; at < values.length; at++) {
      const read = readCell(values[at]);
      const text = read.ok ? headerKey(read.text) : '';
      if (!text) continue;
      any = true;
      const cell = `${sheet}!${cellAddress(at, rowNo)}`;
      const column = byHeader.get(text);
      if (!column) {
        this.warn(cell, 'unknown_column', `未识别的列“${text.slice(0, 40)}”，已忽略`);
        continue;
      }
      if (index.has(column.key)) throw new ImportFailure(`工作表“${sheet}”中“${column.header}”列出现了两次（${cell}）`);
      index.set(column.key, at);
    }
    if (!any) return;
    const missing = state.columns.filter((c) => c.required && !index.has(c.key)).map((c) => `“${c.header}”`);
    if (missing.length)
      throw new ImportFailure(`工作表“${sheet}”缺少必填列${missing.join('、')}（按表头文字识别列，请勿修改表头）`);
    state.index = index;
  }

  private enterpriseRow(row: number, t: Map<string, string>, cellOf: (k: EnterpriseKey) => string) {
    let ok = true;
    const fail = (key: EnterpriseKey, code: string, message: string) => {
      this.error(cellOf(key), code, message);
      ok = false;
    };
    const credit = validateCreditCode(t.get('creditCode')!);
    if (!credit.ok) fail('creditCode', 'invalid_credit_code', credit.message);
    const county = resolveCounty(t.get('county')!);
    if (!county.ok) fail('county', 'invalid_county', county.message);
    else if (!jurisdictionCovers(this.ctx.jurisdictionCode, county.code))
      fail(
        'county',
        'outside_jurisdiction',
        `所在区县“${findRegion(county.code)!.name}”不在本单位辖区（${findRegion(this.ctx.jurisdictionCode)?.name ?? this.ctx.jurisdictionCode}）内`,
      );
    const industry = INDUSTRY_BY_NAME.get(t.get('industryMode')!);
    if (!industry)
      fail(
        'industryMode',
        'invalid_option',
        optionMessage('行业类型', t.get('industryMode')!, ['离散行业', '流程行业']),
      );
    const tierNames = this.ctx.tiersOffered.map((x) => TIER_NAMES[x]);
    const named = TIER_BY_NAME.get(t.get('tier')!);
    const tier = named && this.ctx.tiersOffered.includes(named) ? named : undefined;
    if (!tier) fail('tier', 'tier_not_offered', optionMessage('申报层级', t.get('tier')!, tierNames));
    let constructionType: string | null = null;
    const typeText = t.get('constructionType');
    if (typeText) {
      constructionType = this.ctx.constructionTypes.get(typeText) ?? null;
      if (!constructionType)
        fail(
          'constructionType',
          'invalid_option',
          optionMessage('建设类型', typeText, [...this.ctx.constructionTypes.keys()]),
        );
      else if (tier) {
        try {
          assertConstructionType(tier, constructionType);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          fail('constructionType', 'construction_type_not_applicable', e.details[0]?.message ?? e.message);
        }
      }
    }
    let completionDate: string | null = null;
    const dateText = t.get('completionDate');
    if (dateText) {
      const read = readDate(dateText, this.date1904);
      if (read.ok) completionDate = read.date;
      else fail('completionDate', 'invalid_date', `“项目建成（投产）日期”${read.message}`);
    }
    // The enterprise API's own field rules (name length, contact formats).
    const dto = plainToInstance(CreateEnterpriseDto, {
      name: t.get('name'),
      creditCode: credit.ok ? credit.code : 'x',
      regionCode: county.ok ? county.code : 'x',
      industryMode: industry ?? 'discrete',
      contactName: t.get('contactName') || undefined,
      contactPhone: t.get('contactPhone') || undefined,
    });
    for (const v of validateSync(dto)) {
      const key = ({ name: 'name', contactName: 'contactName', contactPhone: 'contactPhone' } as const)[
        v.property as 'name'
      ];
      if (key) fail(key, 'invalid', `“${ENTERPRISE_COLUMNS.find((c) => c.key === key)!.header}”格式不正确`);
    }
    if (!credit.ok) return;
    const first = this.enterprises.get(credit.code);
    if (first) {
      this.error(
        cellOf('creditCode'),
        'duplicate_enterprise',
        `统一社会信用代码“${credit.code}”重复（与第 ${first.row} 行相同）`,
      );
      return;
    }
    if (!ok) return;
    this.enterprises.set(credit.code, {
      row,
      creditCode: credit.code,
      name: dto.name,
      regionCode: (county as { code: string }).code,
      industryMode: industry!,
      tier: tier!,
      constructionType,
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
      completionDate,
    });
  }

  private declarationRow(row: number, t: Map<string, string>, cellOf: (k: DeclarationKey) => string) {
    // An enterprise's rows come one after another: its code is checked once, not once per clause.
    const text = t.get('creditCode')!;
    if (this.lastCredit?.text !== text) this.lastCredit = { text, result: validateCreditCode(text) };
    const credit = this.lastCredit.result;
    if (!credit.ok) {
      this.error(cellOf('creditCode'), 'invalid_credit_code', credit.message);
      return;
    }
    const statusText = t.get('status')!;
    const status = STATUS_BY_NAME.get(statusText) ?? null;
    if (!status)
      this.error(cellOf('status'), 'invalid_option', optionMessage('自评结论', statusText, [...STATUS_BY_NAME.keys()]));
    const narrative = t.get('narrative') ?? '';
    if (narrative.length > NARRATIVE_MAX) {
      this.error(cellOf('narrative'), 'too_long', `“情况说明”超过 ${NARRATIVE_MAX} 个字符`);
      return;
    }
    const names = t.get('evidenceNames');
    const evidenceNames = names ? splitNames(names) : NO_NAMES;
    if (evidenceNames.length && !this.ctx.evidenceArchive)
      this.warn(
        cellOf('evidenceNames'),
        'evidence_not_linked',
        '未上传佐证材料压缩包，文件名未关联，请上传压缩包（或在申报中上传后关联）',
      );
    // Kept even without a valid status, so the clause reference is still checked.
    const raw = { row, creditCode: credit.code, clauseRef: t.get('clauseRef')!, status, narrative, evidenceNames };
    // Sheets are read one after the other: with the 企业信息 header seen, that sheet is complete.
    if (this.sheets[SHEETS.enterprises].index) this.resolve(raw);
    else this.raw.push(raw);
  }

  private error(cell: string, code: string, message: string) {
    this.errors.push({ cell, code, message });
  }

  private warn(cell: string, code: string, message: string) {
    this.warnings.push({ cell, code, message });
  }
}

/** `自评结论“满足了”不在可选值中：满足、部分满足、不满足` */
export function optionMessage(header: string, value: string, options: readonly string[]): string {
  return `${header}“${value.slice(0, 40)}”不在可选值中：${options.join('、')}`;
}
