import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScoringResult, TierCode } from '@ff/rules';
import type { Resolution, ResultStatus } from './entities/review-result.entity';
import type { ClauseScore } from './entities/score-sheet.entity';
import { ResultBasis, ResultReadings, resultOnBasis } from './calibration';

export interface StoredResult {
  resultId: string;
  roundId: string;
  applicationId: string;
  status: ResultStatus;
  computedAt: Date;
  /** Which reading `result`, `highestTier` and `recommendation` are: the round's policy decides. */
  basis: ResultBasis;
  result: ScoringResult;
  highestTier: TierCode | null;
  recommendation: 'pass' | 'fail';
  /** The raw total beside it, for reports that show both. */
  rawTotal: number;
  resolution: Resolution | null;
}

const RESULT_COLUMNS = `r.id AS "resultId", r.round_id AS "roundId", r.application_id AS "applicationId", r.status,
  r.computed_at AS "computedAt", r.result, r.highest_tier AS "highestTier", r.recommendation, r.resolution,
  r.adjusted, r.adjusted_highest_tier AS "adjustedHighestTier", d.result_basis AS "policy"`;

type ResultRow = Omit<StoredResult, 'basis' | 'rawTotal'> & ResultReadings & { policy: ResultBasis };

/** The reading the round's result basis asks for (see `resultOnBasis`). */
const onBasis = (rows: ResultRow[]): StoredResult[] =>
  rows.map(({ adjusted, adjustedHighestTier, policy, ...row }) => ({
    ...row,
    ...resultOnBasis({ ...row, adjusted, adjustedHighestTier }, policy),
    rawTotal: row.result.total,
  }));

/** Results of initial rounds only: a re-review (复核) round's result is read by its round. */
const INITIAL = `d.kind = 'initial'`;

/**
 * The reviews context's one read-only door to stored panel results, for the contexts after it:
 * decisions read the latest *final* result of each application (a divergent or reconciling one is
 * not offered); documents read an application's latest result with the submitted sheets it was
 * computed from, and the latest result of every application of a batch — all of these from the
 * initial review. Re-review outcomes read the final result of one application in one re-review
 * round. Each result is read on its round's basis — raw, or severity-adjusted when the round's
 * policy says so — and says which. Experts appear only by id.
 */
@Injectable()
export class ResultsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The latest final result of each of `applicationIds` that has one (decisions). In the caller's
   * transaction, their rounds stay locked FOR SHARE until it ends: a round's result basis does not
   * change under a decision being made on it (`RoundsService.changeResultBasis`).
   */
  async finalResults(applicationIds: string[], em: EntityManager = this.dataSource.manager): Promise<StoredResult[]> {
    if (!applicationIds.length) return [];
    await this.shareRounds(em, `SELECT round_id FROM review_results WHERE application_id = ANY($1::uuid[])`, [
      applicationIds,
    ]);
    const rows = await em.query(
      `SELECT DISTINCT ON (r.application_id) ${RESULT_COLUMNS}
       FROM review_results r JOIN review_rounds d ON d.id = r.round_id
       WHERE r.application_id = ANY($1::uuid[]) AND r.status = 'final' AND ${INITIAL}
       ORDER BY r.application_id, r.computed_at DESC, r.id`,
      [applicationIds],
    );
    return onBasis(rows);
  }

  /** The final results of the round (a re-review round), of one application or of all. */
  async finalResultsOfRound(
    roundId: string,
    applicationId?: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StoredResult[]> {
    await this.shareRounds(em, `SELECT $1::uuid`, [roundId]);
    const rows = await em.query(
      `SELECT ${RESULT_COLUMNS} FROM review_results r JOIN review_rounds d ON d.id = r.round_id
       WHERE r.round_id = $1 AND ($2::uuid IS NULL OR r.application_id = $2) AND r.status = 'final'`,
      [roundId, applicationId ?? null],
    );
    return onBasis(rows);
  }

  /** The application's most recent result (latest initial round), or null before any. */
  async latestForApplication(applicationId: string): Promise<StoredResult | null> {
    const rows = await this.dataSource.query(
      `SELECT ${RESULT_COLUMNS} FROM review_results r JOIN review_rounds d ON d.id = r.round_id
       WHERE r.application_id = $1 AND ${INITIAL} ORDER BY r.computed_at DESC, r.id LIMIT 1`,
      [applicationId],
    );
    return onBasis(rows)[0] ?? null;
  }

  /** The submitted sheets of the application in the round: one per expert and sub-domain. */
  async submittedSheets(
    roundId: string,
    applicationId: string,
  ): Promise<Array<{ expertId: string; subdomainNo: number; scores: Record<string, ClauseScore> }>> {
    return this.dataSource.query(
      `SELECT t.expert_id AS "expertId", s.subdomain_no AS "subdomainNo", s.scores
       FROM review_tasks t JOIN score_sheets s ON s.task_id = t.id
       WHERE t.round_id = $1 AND t.application_id = $2 AND t.status = 'submitted'
       ORDER BY s.subdomain_no, t.expert_id`,
      [roundId, applicationId],
    );
  }

  /** The ids of the round's results (what decisions and re-review outcomes refer to). */
  async resultIdsOfRound(roundId: string, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM review_results WHERE round_id = $1`, [roundId]);
    return rows.map((r) => r.id);
  }

  /** Locks the rounds `ids` (a subquery) FOR SHARE in `em`'s transaction — a no-op outside one. */
  private async shareRounds(em: EntityManager, ids: string, params: unknown[]): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) return;
    await em.query(`SELECT id FROM review_rounds WHERE id IN (${ids}) ORDER BY id FOR SHARE`, params);
  }

  /** The latest result of every application of the batch that has one. */
  async latestForBatch(batchId: string): Promise<StoredResult[]> {
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ON (r.application_id) ${RESULT_COLUMNS}
       FROM review_results r JOIN review_rounds d ON d.id = r.round_id
       WHERE d.batch_id = $1 AND ${INITIAL} ORDER BY r.application_id, r.computed_at DESC, r.id`,
      [batchId],
    );
    return onBasis(rows);
  }
}
