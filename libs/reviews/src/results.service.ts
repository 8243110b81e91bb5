import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { AuthorizationService } from '@ff/identity';
import { NotificationsService } from '@ff/notifications';
import { getRuleSet } from '@ff/rules';
import { AggregationService } from './aggregation.service';
import { Clock } from './clock';
import { RESULT_BASIS_NAMES, resultOnBasis, severities } from './calibration';
import { ResultView, toResultView } from './dto/result.view';
import { Expert } from './entities/expert.entity';
import { ReviewResult } from './entities/review-result.entity';
import { ReviewRound, movesApplications } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { ReviewErrors } from './reviews.errors';
import { TasksService } from './tasks.service';

const LABEL = '评审结果';

/** Panel results for officials: read, reconcile a divergent panel (reopen its sheets) or accept it; calibration. */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly aggregation: AggregationService,
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ResultView> {
    const r = await this.dataSource.manager.findOne(ReviewResult, { where: { id } });
    if (!r) throw await this.authz.deny(actor, meta, { entityType: 'review_result', entityId: id, label: LABEL });
    return this.view(r);
  }

  async list(roundId: string): Promise<ResultView[]> {
    const policy = await this.basisOf(roundId);
    return (await this.rowsOf(roundId)).map((r) => toResultView(r, policy));
  }

  private rowsOf(roundId: string): Promise<ReviewResult[]> {
    return this.dataSource.manager.find(ReviewResult, { where: { roundId }, order: { computedAt: 'ASC' } });
  }

  /** The round's result basis: which reading decisions and reports use. */
  private async basisOf(roundId: string) {
    const round = await this.dataSource.manager.findOne(ReviewRound, {
      where: { id: roundId },
      select: { id: true, resultBasis: true },
    });
    return round?.resultBasis ?? 'raw';
  }

  private async view(r: ReviewResult): Promise<ResultView> {
    return toResultView(r, await this.basisOf(r.roundId));
  }

  /** Reopens, with the note, every submitted sheet of the divergent sub-domains' domains. */
  async reconcile(actor: Actor, meta: RequestMeta, id: string, note: string): Promise<ResultView> {
    const mail: string[] = [];
    const saved = await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(ReviewResult, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw await this.authz.deny(actor, meta, { entityType: 'review_result', entityId: id, label: LABEL });
      if (r.status !== 'divergent') throw ReviewErrors.raise('result_not_divergent');
      const domains = new Set(r.result.subdomains.filter((s) => s.divergent).map((s) => s.domain));
      const tasks = await em.find(ReviewTask, {
        where: { roundId: r.roundId, applicationId: r.applicationId, status: 'submitted' },
      });
      for (const t of tasks.filter((x) => domains.has(x.domainCode)))
        mail.push(...(await this.tasks.reopen(actor, meta, t.id, note, em)).mail);
      const resolution = {
        action: 'reconcile' as const,
        note,
        subdomains: r.result.divergent,
        by: actor.userId,
        at: this.clock.now().toISOString(),
      };
      await em.update(ReviewResult, { id }, { status: 'reconciling', resolution, version: r.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'review_result.reconcile',
        entityType: 'review_result',
        entityId: id,
        before: { status: r.status },
        after: { status: 'reconciling', ...resolution },
      });
      return { ...r, status: 'reconciling' as const, resolution, version: r.version + 1 };
    });
    await this.notifications.dispatch(mail);
    return this.view(saved);
  }

  /** Accepts a divergent result as it stands, with a reason: final, and (initial rounds) the application's review ends. */
  async accept(actor: Actor, meta: RequestMeta, id: string, reason: string): Promise<ResultView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(ReviewResult, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw await this.authz.deny(actor, meta, { entityType: 'review_result', entityId: id, label: LABEL });
      if (r.status !== 'divergent') throw ReviewErrors.raise('result_not_divergent');
      const resolution = {
        action: 'accept' as const,
        note: reason,
        subdomains: r.result.divergent,
        by: actor.userId,
        at: this.clock.now().toISOString(),
      };
      await em.update(ReviewResult, { id }, { status: 'final', resolution, version: r.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'review_result.accept',
        entityType: 'review_result',
        entityId: id,
        before: { status: r.status },
        after: { status: 'final', ...resolution },
      });
      const round = await em.findOneByOrFail(ReviewRound, { id: r.roundId });
      if (movesApplications(round.kind))
        await this.intake.finishReview(em, actor, meta, r.applicationId, { roundId: r.roundId, accepted: reason });
      return { ...r, status: 'final' as const, resolution, version: r.version + 1 };
    });
    return this.view(saved);
  }

  /**
   * Each expert's severity across the round, each result's total raw and severity-adjusted, and
   * which of the two decisions use (the round's result basis).
   */
  async calibration(roundId: string) {
    const sev = severities(await this.aggregation.panelsOf(this.dataSource.manager, roundId));
    const experts = await this.dataSource.manager.findBy(Expert, { id: In([...sev.keys()]) });
    const policy = await this.basisOf(roundId);
    const results = await this.rowsOf(roundId);
    return {
      basis: policy,
      basisName: RESULT_BASIS_NAMES[policy],
      experts: [...sev.values()].map((s) => ({ ...s, name: experts.find((e) => e.id === s.expertId)?.name ?? null })),
      results: results.map((r) => ({
        resultId: r.id,
        applicationId: r.applicationId,
        total: r.result.total,
        adjustedTotal: r.adjusted?.total ?? null,
        recommendation: r.recommendation,
        adjustedRecommendation: r.adjusted?.decision.recommendation ?? null,
        basis: resultOnBasis(r, policy).basis,
      })),
    };
  }

  /** Per round: tasks by status, overdue, per-expert load and completion, per-application completion. */
  async progress(roundId: string, dueAt: Date) {
    const now = this.clock.now();
    const byStatus: { status: string; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM review_tasks WHERE round_id = $1 GROUP BY status ORDER BY status`,
      [roundId],
    );
    const experts = await this.dataSource.query(
      `SELECT t.expert_id AS "expertId", x.name, x.max_tasks_per_round AS cap,
              count(*) FILTER (WHERE t.status IN ('assigned','accepted','submitted','reopened'))::int AS load,
              count(*) FILTER (WHERE t.status = 'submitted')::int AS submitted
       FROM review_tasks t JOIN experts x ON x.id = t.expert_id WHERE t.round_id = $1
       GROUP BY t.expert_id, x.name, x.max_tasks_per_round ORDER BY x.name`,
      [roundId],
    );
    const applications = await this.dataSource.query(
      `SELECT application_id AS "applicationId",
              count(*) FILTER (WHERE status IN ('assigned','accepted','submitted','reopened'))::int AS tasks,
              count(*) FILTER (WHERE status = 'submitted')::int AS submitted
       FROM review_tasks WHERE round_id = $1 GROUP BY application_id ORDER BY application_id`,
      [roundId],
    );
    const [overdue] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM review_tasks WHERE round_id = $1 AND status IN ('assigned','accepted','reopened')
         AND ($2::timestamptz > $3::timestamptz OR overdue_at IS NOT NULL)`,
      [roundId, now, dueAt],
    );
    return {
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
      overdue: overdue.n,
      experts,
      applications,
    };
  }
}

export const domainNames = () => new Map(getRuleSet().domains.map((d) => [d.code, d.name]));
