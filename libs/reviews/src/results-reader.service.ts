import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScoringResult, TierCode } from '@ff/rules';
import type { Resolution, ResultStatus } from './entities/review-result.entity';
import type { ClauseScore } from './entities/score-sheet.entity';

export interface StoredResult {
  resultId: string;
  roundId: string;
  applicationId: string;
  status: ResultStatus;
  computedAt: Date;
  result: ScoringResult;
  highestTier: TierCode | null;
  recommendation: 'pass' | 'fail';
  resolution: Resolution | null;
}

const RESULT_COLUMNS = `r.id AS "resultId", r.round_id AS "roundId", r.application_id AS "applicationId", r.status,
  r.computed_at AS "computedAt", r.result, r.highest_tier AS "highestTier", r.recommendation, r.resolution`;

/** Results of initial rounds only: a re-review (复核) round's result is read by its round. */
const INITIAL = `EXISTS (SELECT 1 FROM review_rounds k WHERE k.id = r.round_id AND k.kind = 'initial')`;

/**
 * The reviews context's one read-only door to stored panel results, for the contexts after it:
 * decisions read the latest *final* result of each application (a divergent or reconciling one is
 * not offered); documents read an application's latest result with the submitted sheets it was
 * computed from, and the latest result of every application of a batch — all of these from the
 * initial review. Re-review outcomes read the final result of one application in one re-review
 * round. Experts appear only by id.
 */
@Injectable()
export class ResultsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest final result of each of `applicationIds` that has one (decisions). */
  async finalResults(applicationIds: string[], em: EntityManager = this.dataSource.manager): Promise<StoredResult[]> {
    if (!applicationIds.length) return [];
    return em.query(
      `SELECT DISTINCT ON (r.application_id) ${RESULT_COLUMNS}
       FROM review_results r WHERE r.application_id = ANY($1::uuid[]) AND r.status = 'final' AND ${INITIAL}
       ORDER BY r.application_id, r.computed_at DESC, r.id`,
      [applicationIds],
    );
  }

  /** The final results of the round (a re-review round), of one application or of all. */
  async finalResultsOfRound(
    roundId: string,
    applicationId?: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StoredResult[]> {
    return em.query(
      `SELECT ${RESULT_COLUMNS} FROM review_results r
       WHERE r.round_id = $1 AND ($2::uuid IS NULL OR r.application_id = $2) AND r.status = 'final'`,
      [roundId, applicationId ?? null],
    );
  }

  /** The application's most recent result (latest initial round), or null before any. */
  async latestForApplication(applicationId: string): Promise<StoredResult | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${RESULT_COLUMNS} FROM review_results r WHERE r.application_id = $1 AND ${INITIAL}
       ORDER BY r.computed_at DESC, r.id LIMIT 1`,
      [applicationId],
    );
    return row ?? null;
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

  /** The latest result of every application of the batch that has one. */
  async latestForBatch(batchId: string): Promise<StoredResult[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (r.application_id) ${RESULT_COLUMNS}
       FROM review_results r JOIN review_rounds d ON d.id = r.round_id
       WHERE d.batch_id = $1 AND d.kind = 'initial' ORDER BY r.application_id, r.computed_at DESC, r.id`,
      [batchId],
    );
  }
}
