import { Inject, Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { Actor, RequestMeta, neutraliseCell } from '@ff/core';
import { ApplicationsService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { EnterprisesService, canSeeEnterprise, validateCreditCode } from '@ff/enterprises';
import { ZHEJIANG_REGIONS, findRegion } from '@ff/regions';
import { INDUSTRY_NAMES, type IndustryMode, TIER_NAMES, type TierCode, clausesFor, getRuleSet } from '@ff/rules';
import { FILE_STORAGE, type FileStorage } from '@ff/storage';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { ImportTemplateQuery } from './dto/import.dto';
import { cellAddress, readCell } from './cell-value';
import { SHEETS, printedRef } from './import-columns';
import { buildImportWorkbook } from './import-workbook';
import { ImportsService } from './imports.service';
import { checkImportContainer, streamWorkbook } from './workbook-file';
import { readCsvArchive } from './csv-archive';

const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

/** The workbooks this context hands out: the batch's template (optionally prefilled) and a dry run's annotated copy. */
@Injectable()
export class ImportSheetsService {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly imports: ImportsService,
    private readonly batches: BatchesService,
    private readonly enterprises: EnterprisesService,
    private readonly applications: ApplicationsService,
  ) {}

  async template(actor: Actor, meta: RequestMeta, batchId: string, q: ImportTemplateQuery): Promise<Buffer> {
    const batch = await this.batches.getVisible(actor, meta, batchId);
    const ruleSet = getRuleSet(batch.ruleSetVersion);
    const codes = [...new Set((q.creditCodes ?? []).map(validateCreditCode).flatMap((r) => (r.ok ? [r.code] : [])))];
    // Only enterprises the actor may see are filled in; any other code gets its clause rows only.
    const known = new Map(
      (await this.enterprises.findByCreditCodes(codes))
        .filter((e) => canSeeEnterprise(actor, e))
        .map((e) => [e.creditCode, e]),
    );
    const apps = new Map(
      (
        await this.applications.findInBatch(
          batch.id,
          [...known.values()].map((e) => e.id),
        )
      ).map((a) => [a.enterpriseId, a]),
    );
    const tierOf = (enterpriseId?: string): TierCode => {
      const app = enterpriseId ? apps.get(enterpriseId) : undefined;
      if (app) return app.tier as TierCode;
      return q.tier && batch.tiers.includes(q.tier) ? q.tier : batch.tiers[batch.tiers.length - 1];
    };
    const enterprises: Record<string, string>[] = [];
    const declarations: Record<string, string>[] = [];
    for (const code of codes) {
      const e = known.get(code);
      const tier = tierOf(e?.id);
      const industry: IndustryMode = e?.industryMode ?? q.industryMode ?? 'discrete';
      const county = e ? findRegion(e.regionCode) : undefined;
      const city = county && ZHEJIANG_REGIONS.find((r) => r.code === county.parent);
      enterprises.push({
        creditCode: code,
        name: e?.name ?? '',
        county: county ? `${city?.name ?? ''}${county.name}` : '',
        industryMode: INDUSTRY_NAMES[industry],
        tier: TIER_NAMES[tier],
        contactName: e?.contactName ?? '',
        contactPhone: e?.contactPhone ?? '',
      });
      for (const { clause, subdomain } of clausesFor(ruleSet, tier, industry))
        declarations.push({ creditCode: code, clauseRef: printedRef(subdomain, clause), clauseText: clause.text });
    }
    return buildImportWorkbook(
      batch,
      ruleSet,
      ruleSet.constructionTypes.map((c) => c.name),
      { enterprises, declarations },
    );
  }

  /**
   * The uploaded workbook given back with its problems: the two data sheets copied row by row
   * (streamed, as they were read), a “导入问题” column on each row naming what is wrong, and the
   * cells at fault filled red.
   */
  async reportWorkbook(actor: Actor, meta: RequestMeta, id: string): Promise<Buffer> {
    const imp = await this.imports.visible(actor, meta, id);
    const byCell = new Map<string, string[]>();
    const byRow = new Map<string, string[]>();
    // A range (`企业信息!A3:A5`, a merge) is marked on its top-left cell.
    const anchor = (cell: string) => cell.replace(/(![A-Z]+\d+):[A-Z]+\d+$/, '$1');
    for (const issue of [...(imp.report?.errors ?? []), ...(imp.report?.warnings ?? [])]) {
      const cell = anchor(issue.cell);
      byCell.set(cell, [...(byCell.get(cell) ?? []), issue.message]);
      const row = cell.replace(/![A-Z]+(\d+)$/, '!$1');
      byRow.set(row, [...(byRow.get(row) ?? []), `${issue.cell.split('!')[1] ?? ''}：${issue.message}`]);
    }
    const errorCells = new Set((imp.report?.errors ?? []).map((e) => anchor(e.cell)));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheets = new Map<string, ExcelJS.Worksheet>();
    const path = join(tmpdir(), `ff-import-report-${randomUUID()}.xlsx`);
    try {
      await pipeline(await this.storage.open(imp.fileSha256), createWriteStream(path, { mode: 0o600 }));
      const width = new Map<string, number>();
      const kind = await checkImportContainer(path, imp.fileSize).catch(() => 'xlsx' as const);
      const copy = (sheet: string | undefined, rowNo: number, values: readonly unknown[]) => {
        if (sheet !== SHEETS.enterprises && sheet !== SHEETS.declarations) return;
        let ws = sheets.get(sheet);
        if (!ws) {
          ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
          sheets.set(sheet, ws);
          width.set(sheet, Math.max(values.length - 1, 1));
        }
        const problemColumn = (width.get(sheet) ?? values.length) + 1;
        const key = `${sheet}!${rowNo}`;
        const row = ws.getRow(rowNo);
        for (let c = 1; c < problemColumn; c++) {
          const read = readCell(values[c]);
          if (read.ok && read.text) row.getCell(c).value = neutraliseCell(read.text);
        }
        row.getCell(problemColumn).value =
          rowNo === 1 ? '导入问题' : neutraliseCell((byRow.get(key) ?? []).join('；')) || null;
        for (let c = 1; c < problemColumn; c++) {
          const address = `${sheet}!${cellAddress(c, rowNo)}`;
          if (errorCells.has(address)) {
            row.getCell(c).fill = ERROR_FILL;
            row.getCell(c).note = (byCell.get(address) ?? []).join('\n');
          }
        }
        row.commit();
      };
      if (kind === 'xlsx') await streamWorkbook(path, copy);
      else await readCsvArchive(path, imp.fileSize, copy);
      for (const ws of sheets.values()) ws.commit();
      await wb.commit();
    } finally {
      await rm(path, { force: true });
    }
    return Buffer.concat(chunks);
  }
}
