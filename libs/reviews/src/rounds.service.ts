import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { AuthorizationService } from '@ff/identity';
import { Batch, BatchesService, DEFAULT_PANEL_SIZES } from '@ff/batches';
import { QueueService, jobId } from '@ff/queue';
import { DEFAULT_CONFLICT_POLICY } from './assignment';
import { conflictPolicyFrom } from './assignment-input';
import { Clock } from './clock';
import { CreateRoundDto, ListRoundsQuery, PublishRoundDto, RoundSettings } from './dto/round.dto';
import { PreviewView, ROUND_STATUS_NAMES, RoundView, toRoundView, toUnfilledSlotView } from './dto/round.view';
import { ReviewRound, RoundKind } from './entities/review-round.entity';
import { ReviewErrors } from './reviews.errors';
import type { ResultBasis } from './calibration';

const LABEL = '评审轮次';
const HOUR = 3600_000;

/**
 * Review rounds: opened by an official over city-recommended applications (or, for the designations
 * context, over designated ones due for re-review), previewed, published.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, meta: RequestMeta, dto: CreateRoundDto): Promise<RoundView> {
    const batch = await this.batches.getVisible(actor, meta, dto.batchId);
    const dates = this.dates(dto);
    const apps = await this.intake.eligible(batch.id, dto.applicationIds);
    if (dto.applicationIds) {
      const found = new Set(apps.map((a) => a.applicationId));
      const i = dto.applicationIds.findIndex((id) => !found.has(id));
      if (i >= 0)
        throw ReviewErrors.field('round_application_ineligible', `applicationIds[${i}]`, dto.applicationIds[i]);
    }
    if (!apps.length) throw ReviewErrors.field('round_no_applications', 'batchId');
    const ids = apps.map((a) => a.applicationId);
    const round = await this.dataSource.transaction(async (em) => {
      // One open round per application: serialise round creation, then look for overlaps.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff_review_round_create'))`);
      const [taken] = await em.query(
        `SELECT unnest(application_ids) AS id FROM review_rounds
         WHERE kind = 'initial' AND status <> 'closed' AND application_ids && $1::uuid[]`,
        [ids],
      );
      if (taken) throw ReviewErrors.raise('round_application_taken', taken.id);
      return this.insert(em, actor, meta, { kind: 'initial', batch, applicationIds: ids, settings: dto, dates });
    });
    await this.queueFirstRun(round.id);
    return toRoundView(round);
  }

  /**
   * A re-review (复核) round over designated applications of a batch, for the designations
   * context. `within` runs in the transaction that creates the round — it moves the designations
   * under re-review and may refuse, which rolls the round back; the first preview is queued after
   * the commit. Which applications are due, and that none is re-reviewed twice at once, is the
   * caller's to decide (on its designations, by compare-and-set).
   */
  async openReReview(
    actor: Actor,
    meta: RequestMeta,
    settings: RoundSettings,
    applicationIds: string[],
    within: (em: EntityManager, roundId: string) => Promise<void>,
  ): Promise<RoundView> {
    const batch = await this.batches.getVisible(actor, meta, settings.batchId);
    const dates = this.dates(settings);
    const round = await this.dataSource.transaction(async (em) => {
      const saved = await this.insert(em, actor, meta, { kind: 're_review', batch, applicationIds, settings, dates });
      await within(em, saved.id);
      return saved;
    });
    await this.queueFirstRun(round.id);
    return toRoundView(round);
  }

  private dates(dto: Pick<RoundSettings, 'dueAt' | 'closesAt'>) {
    const startsAt = this.clock.now();
    const dueAt = new Date(dto.dueAt);
    const closesAt = new Date(dto.closesAt);
    if (!(startsAt < dueAt && dueAt <= closesAt)) throw ReviewErrors.field('round_dates_invalid', 'dueAt');
    return { startsAt, dueAt, closesAt };
  }

  private async insert(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    r: {
      kind: RoundKind;
      batch: Batch;
      applicationIds: string[];
      settings: RoundSettings;
      dates: { startsAt: Date; dueAt: Date; closesAt: Date };
    },
  ): Promise<ReviewRound> {
    const { settings: dto } = r;
    const saved = await em.save(
      em.create(ReviewRound, {
        batchId: r.batch.id,
        title: dto.title,
        kind: r.kind,
        status: 'draft' as const,
        applicationIds: r.applicationIds,
        panelSizes: { ...DEFAULT_PANEL_SIZES, ...r.batch.panelSizes, ...dto.panelSizes },
        ...r.dates,
        reminderHours: [...(dto.reminderHours ?? [72, 24])].sort((a, b) => b - a),
        acceptWithinHours: dto.acceptWithinHours ?? 48,
        conflictPolicy: conflictPolicyFrom(DEFAULT_CONFLICT_POLICY, dto.conflictPolicy),
        resultBasis: dto.resultBasis ?? 'raw',
        previewRun: 1,
        adjustments: [],
        createdBy: actor.userId,
        publishedAt: null,
        preview: null,
      }),
    );
    await this.audit.record(em, actor, meta, {
      action: 'review_round.created',
      entityType: 'review_round',
      entityId: saved.id,
      after: { ...toRoundView(saved), applications: r.applicationIds.length },
    });
    return saved;
  }

  private queueFirstRun(roundId: string) {
    return this.queue.enqueue('review.assign', { roundId, run: 1 }, { jobId: jobId('review.assign', roundId, '1') });
  }

  async getOrFail(actor: Actor, meta: RequestMeta, id: string): Promise<ReviewRound> {
    const round = await this.dataSource.manager.findOne(ReviewRound, { where: { id } });
    if (!round) throw await this.authz.deny(actor, meta, { entityType: 'review_round', entityId: id, label: LABEL });
    return round;
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<RoundView> {
    return toRoundView(await this.getOrFail(actor, meta, id));
  }

  async list(q: ListRoundsQuery): Promise<Page<RoundView>> {
    const qb = this.dataSource.getRepository(ReviewRound).createQueryBuilder('r');
    if (q.batchId) qb.andWhere('r.batch_id = :batchId', { batchId: q.batchId });
    if (q.status?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: q.status });
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    const sort = q.sort ?? '-createdAt';
    const [rounds, total] = await qb
      .orderBy(`r.${sort.replace('-', '')}`, sort.startsWith('-') ? 'DESC' : 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rounds.map(toRoundView), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Changes which reading of the round's results decisions and reports take, in `em` (the caller's
   * transaction): the round is locked (FOR UPDATE — a reader of its results for a decision holds it
   * FOR SHARE, see `ResultsReader`), `check` states the rule of the contexts that read the results
   * (no decision on them yet), then the basis is written and audited. The same basis is no change.
   */
  async changeResultBasis(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    id: string,
    basis: ResultBasis,
    check: (round: ReviewRound) => Promise<void>,
  ): Promise<RoundView> {
    const round = await em.findOne(ReviewRound, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw await this.authz.deny(actor, meta, { entityType: 'review_round', entityId: id, label: LABEL });
    if (round.resultBasis === basis) return toRoundView(round);
    await check(round);
    const before = { resultBasis: round.resultBasis };
    round.resultBasis = basis;
    const saved = await em.save(round);
    await this.audit.record(em, actor, meta, {
      action: 'review_round.result_basis_changed',
      entityType: 'review_round',
      entityId: id,
      before,
      after: { resultBasis: basis },
    });
    return toRoundView(saved);
  }

  /** A fresh dry run (e.g. after the pool changed); hand adjustments are kept. */
  async rerun(actor: Actor, meta: RequestMeta, id: string): Promise<RoundView> {
    const round = await this.bumpRun(actor, meta, id, 'review_round.rerun', {});
    return toRoundView(round);
  }

  /** Increments the run (compare-and-set on status and run), audits, and queues the solver for it. */
  async bumpRun(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    action: string,
    detail: object,
    expectRun?: number,
    mutate?: (r: ReviewRound) => void,
  ): Promise<ReviewRound> {
    const round = await this.dataSource.transaction(async (em) => {
      const r = await em.findOne(ReviewRound, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!r) throw await this.authz.deny(actor, meta, { entityType: 'review_round', entityId: id, label: LABEL });
      if (r.status !== 'draft') throw ReviewErrors.raise('round_not_draft', ROUND_STATUS_NAMES[r.status]);
      if (expectRun !== undefined && expectRun !== r.previewRun)
        throw ReviewErrors.field('round_preview_stale', 'run', r.previewRun);
      const before = { previewRun: r.previewRun, adjustments: r.adjustments.length };
      mutate?.(r);
      r.previewRun += 1;
      r.version += 1;
      const saved = await em.save(r);
      await this.audit.record(em, actor, meta, {
        action,
        entityType: 'review_round',
        entityId: id,
        before,
        after: { previewRun: saved.previewRun, adjustments: saved.adjustments.length, ...detail },
      });
      return saved;
    });
    await this.queue.enqueue(
      'review.assign',
      { roundId: id, run: round.previewRun },
      { jobId: jobId('review.assign', id, String(round.previewRun)) },
    );
    return round;
  }

  async preview(actor: Actor, meta: RequestMeta, id: string): Promise<PreviewView> {
    const round = await this.getOrFail(actor, meta, id);
    if (!round.preview) throw ReviewErrors.raise('round_preview_missing');
    const { run, computedAt, result } = round.preview;
    return {
      run,
      computedAt,
      current: run === round.previewRun,
      assignments: result.assignments,
      unfilled: result.unfilled,
      loads: result.loads,
      maxLoadRatio: result.maxLoadRatio,
      maxLoadLowerBound: result.maxLoadLowerBound,
      stats: result.stats,
      adjustments: round.adjustments,
    };
  }

  /** Queues the publication of the preview `run`; the job creates the tasks exactly once. */
  async publish(actor: Actor, meta: RequestMeta, id: string, dto: PublishRoundDto): Promise<RoundView> {
    const round = await this.getOrFail(actor, meta, id);
    if (round.status !== 'draft') throw ReviewErrors.raise('round_not_draft', ROUND_STATUS_NAMES[round.status]);
    if (!round.preview) throw ReviewErrors.raise('round_preview_missing');
    if (dto.run !== round.previewRun || round.preview.run !== round.previewRun)
      throw ReviewErrors.field('round_preview_stale', 'run', round.previewRun);
    const unfilled = round.preview.result.unfilled;
    const missing = unfilled.reduce((n, u) => n + u.missing, 0);
    // Publishing with empty slots is an explicit, reasoned decision; without any, no reason is kept.
    if (missing && !dto.allowUnfilled) throw ReviewErrors.raise('round_unfilled', missing);
    if (missing && !dto.unfilledReason) throw ReviewErrors.field('round_unfilled_reason_required', 'unfilledReason');
    const unfilledReason = missing ? dto.unfilledReason! : null;
    const unfilledSlots = missing ? unfilled : [];
    await this.audit.recordStandalone(actor, meta, {
      action: 'review_round.publish_requested',
      entityType: 'review_round',
      entityId: id,
      after: {
        run: dto.run,
        ...(missing ? { unfilledReason, unfilledSlots: unfilledSlots.map(toUnfilledSlotView) } : {}),
      },
    });
    await this.queue.enqueue(
      'review.publish',
      { roundId: id, run: dto.run, by: actor.userId, unfilledReason },
      { jobId: jobId('review.publish', id, String(dto.run)) },
    );
    return toRoundView({ ...round, unfilledSlots, unfilledReason });
  }

  static acceptBy(publishedAt: Date, round: ReviewRound): Date {
    return new Date(publishedAt.getTime() + round.acceptWithinHours * HOUR);
  }
}
