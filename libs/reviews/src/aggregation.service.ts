import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { ScoringPolicy, ScoringResult, TIER_CODES, TierCode, scoreApplication, tierRank } from '@ff/rules';
import { Clock } from './clock';
import { ReviewResult } from './entities/review-result.entity';
import { RoundKind, movesApplications } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { ScoreSheet } from './entities/score-sheet.entity';
import { adjustedPanels, severities } from './calibration';

export interface PanelInput {
  subdomainNo: number;
  experts: { expertId: string; clauses: Record<string, number> }[];
}

/**
 * The `review.aggregate` job: the panel's submitted sheets → `@ff/rules`' scoreApplication under
 * the batch's pinned policy (never re-implemented here) → the stored result, with the result over
 * severity-adjusted scores beside it. A result without divergence is final and (in an initial
 * round) moves the application to 评审完成; a divergent one waits for the officials.
 */
@Injectable()
export class AggregationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly clock: Clock,
  ) {}

  /** Every submitted sheet of the round as panels per application and sub-domain. */
  async panelsOf(em: EntityManager, roundId: string, applicationId?: string): Promise<Map<string, PanelInput[]>> {
    const rows: { application_id: string; expert_id: string; subdomain_no: number; scores: ScoreSheet['scores'] }[] =
      await em.query(
        `SELECT t.application_id, t.expert_id, s.subdomain_no, s.scores
         FROM review_tasks t JOIN score_sheets s ON s.task_id = t.id
         WHERE t.round_id = $1 AND t.status = 'submitted' AND ($2::uuid IS NULL OR t.application_id = $2)
         ORDER BY t.application_id, s.subdomain_no, t.expert_id`,
        [roundId, applicationId ?? null],
      );
    const out = new Map<string, PanelInput[]>();
    for (const r of rows) {
      const panels = out.get(r.application_id) ?? [];
      let p = panels.find((x) => x.subdomainNo === r.subdomain_no);
      if (!p) panels.push((p = { subdomainNo: r.subdomain_no, experts: [] }));
      p.experts.push({
        expertId: r.expert_id,
        clauses: Object.fromEntries(Object.entries(r.scores).map(([k, v]) => [k, v.score as number])),
      });
      out.set(r.application_id, panels);
    }
    return out;
  }

  async run(roundId: string, applicationId: string): Promise<{ outcome: string; status?: string }> {
    return this.dataSource.transaction(async (em) => {
      const [round]: { kind: RoundKind }[] = await em.query(`SELECT kind FROM review_rounds WHERE id = $1 FOR UPDATE`, [
        roundId,
      ]);
      const open = await em.count(ReviewTask, {
        where: [
          { roundId, applicationId, status: 'assigned' },
          { roundId, applicationId, status: 'accepted' },
          { roundId, applicationId, status: 'reopened' },
        ],
      });
      if (open) return { outcome: 'panel_open' };
      const [app] = await this.intake.byIds([applicationId], em);
      const batch = await this.batches.getOrFail(app.batchId, em);
      const panels = (await this.panelsOf(em, roundId, applicationId)).get(applicationId) ?? [];
      const input = { ruleSetVersion: batch.ruleSetVersion, tier: app.tier, industry: app.industryMode, panels };
      const result = scoreApplication(input, batch.scoringPolicy);
      if (!result.ok)
        throw new Error(`aggregation of ${applicationId} failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
      const sev = severities(await this.panelsOf(em, roundId));
      const adjusted = scoreApplication(...adjustedPanels(input, sev, batch.scoringPolicy));
      const existing = await em.findOne(ReviewResult, {
        where: { roundId, applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      const accepted = existing?.resolution?.action === 'accept';
      const status = result.divergent.length && !accepted ? 'divergent' : 'final';
      const row = em.create(ReviewResult, {
        ...(existing ?? {}),
        roundId,
        applicationId,
        status,
        generation: (existing?.generation ?? 0) + 1,
        result,
        adjusted: adjusted.ok ? adjusted : null,
        highestTier: highestTier(result, app.tier, batch.scoringPolicy),
        adjustedHighestTier: adjusted.ok ? highestTier(adjusted, app.tier, batch.scoringPolicy) : null,
        recommendation: result.decision.recommendation,
        resolution: existing?.resolution ?? null,
        computedAt: this.clock.now(),
      });
      const saved = await em.save(row);
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'review_result.computed',
          entityType: 'review_result',
          entityId: saved.id,
          before: existing ? { status: existing.status, total: existing.result.total } : null,
          after: {
            status,
            applicationId,
            total: result.total,
            divergent: result.divergent,
            recommendation: result.decision.recommendation,
          },
        },
      );
      if (status === 'final' && movesApplications(round.kind) && app.status === 'under_review')
        await this.intake.finishReview(em, SYSTEM_ACTOR, {}, applicationId, { roundId, total: result.total });
      return { outcome: 'stored', status };
    });
  }
}

/**
 * The highest tier, up to the one applied for, whose pass mark the panel's total reaches with no
 * red line — the scores are of the applied tier's clauses, so a lower tier is judged by its
 * threshold only (its own clauses were not scored).
 */
export function highestTier(result: ScoringResult, applied: TierCode, policy: ScoringPolicy): TierCode | null {
  if (result.redLines.length) return null;
  const eps = 1e-9;
  const fit = TIER_CODES.filter((t) => tierRank(t) <= tierRank(applied) && result.total >= policy.thresholds[t] - eps);
  return fit.length ? fit[fit.length - 1] : null;
}
