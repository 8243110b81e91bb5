import { Inject, Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { APPLICATION_STATUS_NAMES, ApplicationsService, EDITABLE_STATUSES } from '@ff/applications';
import type { Batch } from '@ff/batches';
import { EnterprisesService } from '@ff/enterprises';
import { ZHEJIANG_PROVINCE_CODE, findRegion, jurisdictionCovers } from '@ff/regions';
import { INDUSTRY_NAMES, getRuleSet } from '@ff/rules';
import { FILE_STORAGE, type FileStorage } from '@ff/storage';
import { APP_CONFIG, type AppConfig } from '@ff/config';
import type { ApplicationImport, ImportPreview } from './entities/application-import.entity';
import { ENTERPRISE_COLUMNS, type EnterpriseKey, SHEETS } from './import-columns';
import type { KeptParse } from './import-staging';
import {
  ImportFailure,
  type ImportIssue,
  ImportParser,
  type ParseResult,
  type ParsedDeclaration,
} from './import-parser';
import { cellAddress } from './cell-value';
import { checkImportContainer, streamWorkbook } from './workbook-file';
import { readCsvArchive } from './csv-archive';
import { EvidenceArchive, type ImportedEvidenceFile, evidenceKey } from './evidence-archive';
import { type MergedRange, insideMerge, mergedCellErrors, readSheetOutline } from './sheet-outline';

/** Distinct files per enterprise: what the commit attaches to the applications' evidence. */
function evidenceAttached(parse: ParseResult, evidence: Map<string, ImportedEvidenceFile>): number {
  const pairs = new Set<string>();
  for (const d of parse.declarations)
    for (const name of d.evidenceNames) {
      const file = evidence.get(evidenceKey(name));
      if (file) pairs.add(`${d.creditCode}:${file.sha256}`);
    }
  return pairs.size;
}

/** 自评 rows per credit code. */
function clausesPerEnterprise(parse: ParseResult): Map<string, number> {
  const clauses = new Map<string, number>();
  for (const d of parse.declarations) clauses.set(d.creditCode, (clauses.get(d.creditCode) ?? 0) + 1);
  return clauses;
}

/**
 * Each merged range over data rows is one error naming the range; the errors the merge caused in
 * the cells it covers (a credit code “required” on the rows below its top-left cell) are dropped.
 */
function withMergedCells(parse: ParseResult, merges: readonly MergedRange[]): ParseResult {
  const merged = mergedCellErrors(merges);
  if (!merged.length) return parse;
  const topLeft = new Set(merges.map((r) => `${r.sheet}!${r.ref.split(':')[0]}`));
  const rest = parse.errors.filter((e) => topLeft.has(e.cell) || !insideMerge(merges, e.cell));
  return { ...parse, errors: [...merged, ...rest] };
}

export const DEFAULT_MAX_ROWS = 200_000;
/** 自评 rows handed to a `RowSink` at a time. */
const SINK_CHUNK = 5000;

/** Where a dry run puts its 自评 rows as it reads them (the rows written so far come first). */
export type RowSink = (rows: ParsedDeclaration[], written: number) => Promise<void>;
const PROGRESS_EVERY = 500;

export interface Analysis {
  /**
   * From a kept parse (`fromStaged`) or one whose rows went to a `RowSink`, `declarations` holds
   * only the rows naming evidence files.
   */
  parse: ParseResult;
  /** How many 自评 rows went to a `RowSink` as they were read (none kept here). */
  sunk?: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  preview: ImportPreview;
  /** Registered enterprise id per credit code, for the rows that name one. */
  existing: Map<string, string>;
  /** The evidence files the 自评 sheet names, found in the evidence zip and stored, by name. */
  evidence: Map<string, ImportedEvidenceFile>;
  /** Column of each 企业信息 key found, for naming cells. */
  columns: Partial<Record<EnterpriseKey, number>>;
}

/**
 * Reads a stored workbook and judges it: the parse (every cell), then what the database says about
 * its rows — enterprises already registered (outside the importer's jurisdiction, another industry
 * mode, a county only the province may change) and their applications in the batch (only a draft
 * or a returned one may change). The same analysis serves the dry run and the commit.
 */
@Injectable()
export class ImportAnalyser {
  maxRows = DEFAULT_MAX_ROWS;

  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly enterprises: EnterprisesService,
    private readonly applications: ApplicationsService,
  ) {}

  /**
   * `progress(rows)` is called every few hundred rows — first `progress(0, total)` when the sheets
   * declare their rows; when it answers false (the import was cancelled) the rest of the file is
   * still read to its end, but nothing more is checked.
   * `sink`: the 自评 rows are handed to it 5,000 at a time as they are read, and the analysis keeps
   * only those naming evidence files and a count per enterprise — memory that does not grow with
   * the rows. What it wrote is the caller's to drop if the analysis is not kept.
   */
  async analyse(
    imp: ApplicationImport,
    batch: Batch,
    progress: (rows: number, total?: number) => Promise<boolean> = async () => true,
    sink?: RowSink,
  ): Promise<Analysis | { failure: string } | { cancelled: true }> {
    const path = join(tmpdir(), `ff-import-${randomUUID()}.xlsx`);
    const evidencePath = join(tmpdir(), `ff-import-evidence-${randomUUID()}.zip`);
    let outcome: {
      parse: ParseResult;
      parser: ImportParser;
      evidence: Map<string, ImportedEvidenceFile>;
      clauses?: Map<string, number>;
    };
    // With a sink: the rows naming files, the rows per enterprise, and how many went to the sink.
    const cited: ParsedDeclaration[] = [];
    const clauses = new Map<string, number>();
    let sunk = 0;
    let sinking = false;
    try {
      await pipeline(await this.storage.open(imp.fileSha256), createWriteStream(path, { mode: 0o600 }));
      const kind = await checkImportContainer(path, imp.fileSize);
      // Merges first, from the sheet XML itself: the streaming reader sees only a merge's top-left
      // cell. The rows the sheets declare are the progress total until the rows are counted.
      const outline =
        kind === 'xlsx'
          ? await readSheetOutline(path, imp.fileSize, [SHEETS.enterprises, SHEETS.declarations])
          : { merges: [], rowsDeclared: null };
      const merges = outline.merges;
      if (outline.rowsDeclared !== null && !(await progress(0, outline.rowsDeclared))) return { cancelled: true };
      const ruleSet = getRuleSet(batch.ruleSetVersion);
      const parser = new ImportParser({
        ruleSet,
        tiersOffered: batch.tiers,
        constructionTypes: new Map(ruleSet.constructionTypes.map((c) => [c.name, c.code])),
        jurisdictionCode: imp.jurisdictionCode,
        maxRows: this.maxRows,
        evidenceArchive: !!imp.evidenceSha256,
      });
      let failure: string | null = null;
      let cancelled = false;
      const drain = async () => {
        const rows = parser.takeDeclarations();
        if (!rows.length) return;
        for (const d of rows) {
          clauses.set(d.creditCode, (clauses.get(d.creditCode) ?? 0) + 1);
          if (d.evidenceNames.length) cited.push(d);
        }
        sinking = true;
        await sink!(rows, sunk);
        sinking = false;
        sunk += rows.length;
      };
      let seen = 0;
      let unnamed = false;
      const onRow = async (sheet: string | undefined, rowNo: number, values: readonly unknown[], date1904 = false) => {
        if (failure || cancelled) return;
        if (sheet === undefined) unnamed = true;
        if (!parser.reads(sheet)) return;
        try {
          parser.row(sheet!, rowNo, values, date1904);
        } catch (e) {
          if (!(e instanceof ImportFailure)) throw e;
          failure = e.message;
        }
        if (sink && parser.resolved >= SINK_CHUNK) await drain();
        if (++seen % PROGRESS_EVERY === 0 && !(await progress(seen))) cancelled = true;
      };
      if (kind === 'xlsx') await streamWorkbook(path, onRow);
      else await readCsvArchive(path, imp.fileSize, onRow);
      if (cancelled) return { cancelled: true };
      if (failure) return { failure };
      if (unnamed)
        return { failure: '无法读取工作表名称（工作簿结构不完整），请用 Excel 或 WPS 另存为 .xlsx 后重新上传' };
      let parse: ParseResult;
      try {
        parse = parser.finish();
      } catch (e) {
        if (e instanceof ImportFailure) return { failure: e.message };
        throw e;
      }
      if (sink) {
        await drain();
        parse = { ...parse, declarations: cited };
      }
      if (merges.length) parse = withMergedCells(parse, merges);
      const evidence = new Map<string, ImportedEvidenceFile>();
      if (imp.evidenceSha256) {
        await pipeline(await this.storage.open(imp.evidenceSha256), createWriteStream(evidencePath, { mode: 0o600 }));
        const archive = await EvidenceArchive.open(evidencePath, imp.evidenceFileSize ?? 0);
        try {
          await this.attachEvidence(parse, parser, archive, evidence);
        } finally {
          await archive.close();
        }
      }
      await progress(seen);
      outcome = { parse, parser, evidence, ...(sink ? { clauses } : {}) };
    } catch (e) {
      // The sink's own failure (the database) is the system's, not the file's.
      if (sinking) throw e;
      if (e instanceof ImportFailure) return { failure: e.message };
      // exceljs' words for a zip or XML it cannot read: the file, not the system, is at fault.
      if (e instanceof Error && !('status' in e))
        return { failure: `无法读取工作簿（${e.message.slice(0, 120)}），请用 Excel 或 WPS 另存为 .xlsx 后重新上传` };
      throw e;
    } finally {
      await rm(path, { force: true });
      await rm(evidencePath, { force: true });
    }
    const columns: Partial<Record<EnterpriseKey, number>> = {};
    for (const c of ENTERPRISE_COLUMNS) {
      const at = outcome.parser.columnOf(SHEETS.enterprises, c.key);
      if (at !== undefined) columns[c.key] = at;
    }
    const analysis = await this.againstDatabase(imp, batch, outcome.parse, columns, outcome.evidence, outcome.clauses);
    return sink ? { ...analysis, sunk } : analysis;
  }

  /**
   * The analysis of a parse a clean dry run kept (see import-staging): the workbook is not read
   * again, only judged again against the database as it is now.
   */
  fromStaged(imp: ApplicationImport, batch: Batch, kept: KeptParse) {
    const evidence = new Map(kept.staged.evidence.map((e) => [e.name, e]));
    return this.againstDatabase(imp, batch, kept.parse, kept.staged.columns, evidence, kept.clauses);
  }

  /**
   * Each name a 自评 row gives is looked up in the evidence zip (a name not there is an error on
   * that cell); each file named is put through the storage port's evidence checks once and stored
   * content-addressed (a refusal is an error on the first cell naming it, with the port's reason).
   */
  private async attachEvidence(
    parse: ParseResult,
    parser: ImportParser,
    archive: EvidenceArchive,
    evidence: Map<string, ImportedEvidenceFile>,
  ): Promise<void> {
    const column = parser.columnOf(SHEETS.declarations, 'evidenceNames') ?? 1;
    const cellOf = (row: number) => `${SHEETS.declarations}!${cellAddress(column, row)}`;
    const firstCell = new Map<string, string>();
    for (const d of parse.declarations)
      for (const name of d.evidenceNames) {
        if (!archive.has(name))
          parse.errors.push({
            cell: cellOf(d.row),
            code: 'evidence_not_found',
            message: `佐证材料“${name}”不在上传的佐证材料压缩包中`,
          });
        else if (!firstCell.has(evidenceKey(name))) firstCell.set(evidenceKey(name), cellOf(d.row));
      }
    for (const [name, cell] of firstCell) {
      const stored = await archive.store(this.storage, name, this.config.http.uploadMaxBytes);
      if (stored.ok) evidence.set(name, stored.file);
      else
        parse.errors.push({
          cell,
          code: 'evidence_refused',
          message: `佐证材料“${name}”不能接收：${stored.reason}`,
        });
    }
  }

  private async againstDatabase(
    imp: ApplicationImport,
    batch: Batch,
    parse: ParseResult,
    columns: Partial<Record<EnterpriseKey, number>>,
    evidence: Map<string, ImportedEvidenceFile>,
    clauses = clausesPerEnterprise(parse),
  ): Promise<Analysis> {
    const errors = [...parse.errors];
    const warnings = [...parse.warnings];
    const province = imp.jurisdictionCode === ZHEJIANG_PROVINCE_CODE;
    const registered = new Map(
      (await this.enterprises.findByCreditCodes(parse.enterprises.map((e) => e.creditCode))).map((e) => [
        e.creditCode,
        e,
      ]),
    );
    const apps = new Map(
      (
        await this.applications.findInBatch(
          batch.id,
          [...registered.values()].map((e) => e.id),
        )
      ).map((a) => [a.enterpriseId, a]),
    );
    const cell = (key: EnterpriseKey, row: number) => `${SHEETS.enterprises}!${cellAddress(columns[key] ?? 1, row)}`;
    const preview: ImportPreview = {
      enterprisesToCreate: 0,
      enterprisesToUpdate: 0,
      applicationsToCreate: 0,
      applicationsToUpdate: 0,
      clausesSet: [...clauses.values()].reduce((n, c) => n + c, 0),
      evidenceAttached: evidenceAttached(parse, evidence),
      items: [],
    };
    for (const e of parse.enterprises) {
      const x = registered.get(e.creditCode);
      let enterprise: 'create' | 'update' | 'unchanged' = 'create';
      if (x) {
        enterprise = 'unchanged';
        if (!jurisdictionCovers(imp.jurisdictionCode, x.regionCode)) {
          errors.push({
            cell: cell('creditCode', e.row),
            code: 'outside_jurisdiction',
            message: '该统一社会信用代码已登记的企业不在本单位辖区内',
          });
          continue;
        }
        if (x.industryMode !== e.industryMode)
          errors.push({
            cell: cell('industryMode', e.row),
            code: 'industry_mismatch',
            message: `行业类型与已登记的“${INDUSTRY_NAMES[x.industryMode]}”不一致（申报的条款取决于行业类型，请先修改企业登记信息）`,
          });
        if (x.regionCode !== e.regionCode && !province)
          errors.push({
            cell: cell('county', e.row),
            code: 'county_province_only',
            message: `企业已登记在“${findRegion(x.regionCode)?.name ?? x.regionCode}”，所在区县登记后仅可由省级主管部门修改`,
          });
        const differs =
          x.name !== e.name ||
          x.regionCode !== e.regionCode ||
          (e.contactName !== null && x.contactName !== e.contactName) ||
          (e.contactPhone !== null && x.contactPhone !== e.contactPhone);
        if (differs && province) enterprise = 'update';
        else if (differs)
          warnings.push({
            cell: cell('name', e.row),
            code: 'enterprise_kept',
            message: '企业已登记，名称与联系方式以登记信息为准，本次导入不修改',
          });
        const app = apps.get(x.id);
        if (app && !EDITABLE_STATUSES.includes(app.status))
          errors.push({
            cell: cell('tier', e.row),
            code: 'application_not_editable',
            message: `该企业在本批次的申报当前状态为“${APPLICATION_STATUS_NAMES[app.status]}”，仅草稿或已退回的申报可以通过导入修改`,
          });
      }
      const application = x && apps.has(x.id) ? 'update' : 'create';
      if (enterprise === 'create') preview.enterprisesToCreate++;
      if (enterprise === 'update') preview.enterprisesToUpdate++;
      if (application === 'create') preview.applicationsToCreate++;
      else preview.applicationsToUpdate++;
      preview.items.push({
        creditCode: e.creditCode,
        name: e.name,
        tier: e.tier,
        enterprise,
        application,
        clauses: clauses.get(e.creditCode) ?? 0,
      });
    }
    const existing = new Map([...registered.values()].map((x) => [x.creditCode, x.id]));
    return { parse, errors, warnings, preview, existing, evidence, columns };
  }
}
