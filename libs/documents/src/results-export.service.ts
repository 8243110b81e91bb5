import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Actor, RequestMeta } from '@ff/core';
import { APPLICATION_STATUS_NAMES, ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { cityAndCountyNames } from '@ff/regions';
import { ResultsReader, type StoredResult } from '@ff/reviews';
import { getRuleSet, TIER_NAMES } from '@ff/rules';
import { type ResultsExportRow, writeResultsWorkbook } from './export/results-workbook';
import { ReportFactsSource } from './report-facts.source';

const RESULT_STATUS_NAMES = { final: '已定稿', divergent: '存在分歧', reconciling: '分歧复评中' } as const;

/**
 * The batch results workbook for officials: every application of the batch with a stored panel
 * result (its latest), as the results routes show them to officials — the province sees the
 * whole batch, so the export holds nothing an official cannot already read.
 */
@Injectable()
export class ResultsExportService {
  constructor(
    private readonly batches: BatchesService,
    private readonly results: ResultsReader,
    private readonly intake: ReviewIntakeService,
    private readonly facts: ReportFactsSource,
  ) {}

  /** Checks the batch (an unknown id: audited 404) and returns the rows and the file name, before anything is streamed. */
  async prepare(actor: Actor, meta: RequestMeta, batchId: string) {
    const batch = await this.batches.getVisible(actor, meta, batchId);
    const results = await this.results.latestForBatch(batchId);
    const apps = new Map(
      (await this.intake.byIds(results.map((r) => r.applicationId))).map((a) => [a.applicationId, a]),
    );
    const decisions = await this.facts.decisionsOfBatch(batchId);
    const ruleSet = getRuleSet(batch.ruleSetVersion);
    const typeName = (code: string | null) =>
      code ? (ruleSet.constructionTypes.find((t) => t.code === code)?.name ?? code) : null;
    const rows = results
      .filter((r) => apps.has(r.applicationId))
      .map((r): ResultsExportRow => toRow(r, apps.get(r.applicationId)!, typeName, decisions.get(r.applicationId)))
      .sort((a, b) => a.tier.localeCompare(b.tier) || b.total - a.total || a.creditCode.localeCompare(b.creditCode));
    return {
      fileName: `评审结果-${batch.code}.xlsx`,
      write: (out: Writable) =>
        writeResultsWorkbook(rows, out, { ruleSetVersion: batch.ruleSetVersion, title: `${batch.code} 评审结果` }),
    };
  }
}

function toRow(
  r: StoredResult,
  app: Awaited<ReturnType<ReviewIntakeService['byIds']>>[number],
  typeName: (code: string | null) => string | null,
  decision: string | undefined,
): ResultsExportRow {
  return {
    applicationId: app.applicationId,
    enterpriseName: app.enterpriseName,
    creditCode: app.creditCode,
    ...cityAndCountyNames(app.regionCode),
    tier: app.tier,
    constructionTypeName: typeName(app.constructionType),
    applicationStatusName: APPLICATION_STATUS_NAMES[app.status],
    resultStatusName: RESULT_STATUS_NAMES[r.status],
    total: r.result.total,
    threshold: r.result.decision.threshold,
    recommendation: r.recommendation,
    highestTierName: r.highestTier ? TIER_NAMES[r.highestTier] : null,
    redLines: r.result.redLines.length,
    divergent: r.result.divergent.length,
    decision: decision ?? null,
    subdomains: Object.fromEntries(r.result.subdomains.map((s) => [s.no, s.score])),
  };
}
