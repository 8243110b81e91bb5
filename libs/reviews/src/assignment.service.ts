import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { AssignmentInput, AssignmentResult, solveAssignment } from './assignment';
import { adjustmentsInput, beijingDay, expertInput, slotsOf } from './assignment-input';
import { Clock } from './clock';
import { Expert } from './entities/expert.entity';
import { ExpertConflict } from './entities/expert-conflict.entity';
import { ReviewRound } from './entities/review-round.entity';
import { ACTIVE_TASK_STATUSES } from './review-task.state-machine';

/**
 * Loads the candidates of a round, calls the pure solver, stores the result as the round's
 * preview. Runs as the `review.assign` job; a job for an older run than the round's latest
 * request stores nothing, so a re-run always wins over a slow earlier one.
 */
@Injectable()
export class AssignmentService {
  private readonly logger = new Logger('Assignment');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly clock: Clock,
  ) {}

  async input(round: ReviewRound, em: EntityManager = this.dataSource.manager): Promise<AssignmentInput> {
    const batch = await this.batches.getOrFail(round.batchId, em);
    const apps = await this.intake.byIds(round.applicationIds, em);
    const tasks = slotsOf(apps, batch.ruleSetVersion, round.panelSizes);
    const experts = await em.find(Expert, { where: { active: true }, order: { id: 'ASC' } });
    const loads = await this.currentLoads(em, round.id);
    const previous = await this.previousRoundEnterprises(em, round);
    const conflicts = await em.find(ExpertConflict, { order: { createdAt: 'ASC' } });
    return {
      tasks,
      experts: experts.map((e) => expertInput(e, loads.get(e.id) ?? 0, previous.get(e.id) ?? [])),
      period: { from: beijingDay(round.startsAt), to: beijingDay(round.closesAt) },
      policy: round.conflictPolicy,
      manualConflicts: conflicts.map((c) => ({ expertId: c.expertId, enterpriseId: c.enterpriseId, reason: c.reason })),
      ...adjustmentsInput(round.adjustments),
    };
  }

  /** The `review.assign` job: compute and store the preview of `run`, unless a newer run was asked for. */
  async preview(roundId: string, run: number): Promise<{ outcome: string; unfilled?: number }> {
    const round = await this.dataSource.manager.findOne(ReviewRound, { where: { id: roundId } });
    if (!round) throw new Error(`review round ${roundId} not found (not committed?)`);
    if (round.status !== 'draft' || round.previewRun !== run) return { outcome: 'superseded' };
    const started = Date.now();
    const result = solveAssignment(await this.input(round));
    this.logger.log(
      `round ${roundId} run ${run}: ${result.stats.slotsFilled}/${result.stats.slotsWanted} slots in ${Date.now() - started} ms`,
    );
    return this.dataSource.transaction(async (em) => {
      const stored = await em
        .createQueryBuilder()
        .update(ReviewRound)
        .set({
          preview: () => 'CAST(:preview AS jsonb)',
          version: () => 'version + 1',
        })
        .where('id = :id AND status = :draft AND preview_run = :run', { id: roundId, draft: 'draft', run })
        .setParameter('preview', JSON.stringify({ run, computedAt: this.clock.now().toISOString(), result }))
        .execute();
      if (!stored.affected) return { outcome: 'superseded' };
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'review_round.previewed',
          entityType: 'review_round',
          entityId: roundId,
          after: { run, ...summary(result) },
        },
      );
      return { outcome: 'stored', unfilled: result.unfilled.length };
    });
  }

  /** Active tasks per expert in this round (for reassignment after publication). */
  async currentLoads(em: EntityManager, roundId: string): Promise<Map<string, number>> {
    const rows: { expert_id: string; n: number }[] = await em.query(
      `SELECT expert_id, count(*)::int AS n FROM review_tasks WHERE round_id = $1 AND status = ANY($2) GROUP BY expert_id`,
      [roundId, ACTIVE_TASK_STATUSES],
    );
    return new Map(rows.map((r) => [r.expert_id, r.n]));
  }

  /** Rotation: the enterprises each expert reviewed in the latest other published round. */
  private async previousRoundEnterprises(em: EntityManager, round: ReviewRound): Promise<Map<string, string[]>> {
    const rows: { expert_id: string; application_id: string }[] = await em.query(
      `WITH prev AS (
         SELECT id FROM review_rounds
         WHERE status IN ('published','closed') AND id <> $1 AND published_at < coalesce($2, 'infinity'::timestamptz)
         ORDER BY published_at DESC LIMIT 1)
       SELECT DISTINCT expert_id, application_id FROM review_tasks
       WHERE round_id IN (SELECT id FROM prev) AND status IN ('accepted','submitted','reopened')`,
      [round.id, round.publishedAt],
    );
    const apps = new Map(
      (await this.intake.byIds([...new Set(rows.map((r) => r.application_id))], em)).map((a) => [
        a.applicationId,
        a.enterpriseId,
      ]),
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.expert_id, [...(out.get(r.expert_id) ?? []), apps.get(r.application_id)!]);
    return out;
  }
}

export const summary = (r: AssignmentResult) => ({
  slotsWanted: r.stats.slotsWanted,
  slotsFilled: r.stats.slotsFilled,
  unfilled: r.unfilled.length,
  maxLoadRatio: r.maxLoadRatio,
  maxLoadLowerBound: r.maxLoadLowerBound,
});
