import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScoringResult } from '@ff/rules';

/** An application's final panel result, as later contexts (decisions) read it. */
export interface FinalResult {
  resultId: string;
  applicationId: string;
  roundId: string;
  result: ScoringResult;
  recommendation: 'pass' | 'fail';
  computedAt: Date;
}

/**
 * The reviews context's door for decisions: the latest final result of each application (a
 * divergent or reconciling one is not final and is not offered). Read-only.
 */
@Injectable()
export class ReviewOutcomesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async finalResults(applicationIds: string[], em: EntityManager = this.dataSource.manager): Promise<FinalResult[]> {
    if (!applicationIds.length) return [];
    return em.query(
      `SELECT DISTINCT ON (application_id) id AS "resultId", application_id AS "applicationId", round_id AS "roundId",
              result, recommendation, computed_at AS "computedAt"
       FROM review_results WHERE application_id = ANY($1::uuid[]) AND status = 'final'
       ORDER BY application_id, computed_at DESC`,
      [applicationIds],
    );
  }
}
