import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AppError, ErrorDetail, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { type ResultBasis, ResultsReader, RoundView, RoundsService } from '@ff/reviews';
import { TIER_NAMES, TierCode, tierRank, tierSupport } from '@ff/rules';
import { compareAndSet, isUniqueViolation } from '@ff/database';
import { DECISION_STATE_MACHINE, DECISION_STATUS_NAMES, DecisionStatus } from './decision.state-machine';
import { DECISION_OUTCOME_NAMES, DECISION_REASONS, DESIGNATING_OUTCOMES, DecisionOutcome } from './designation-policy';
import { DesignationErrors } from './designations.errors';
import {
  CandidateView,
  CandidatesQuery,
  DecisionView,
  ListDecisionsQuery,
  ProposeDecisionDto,
} from './dto/designations.dto';
import { PublicityEffects } from './publicity-effects.service';
import { Clock } from '@ff/reviews';

export interface DecisionRow {
  id: string;
  application_id: string;
  batch_id: string;
  result_id: string;
  applied_tier: TierCode;
  outcome: DecisionOutcome;
  tier: TierCode | null;
  reason_code: string;
  comment: string | null;
  status: DecisionStatus;
  supersedes_id: string | null;
  proposed_by: string;
  proposed_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  version: number;
}

export const toDecisionView = (r: DecisionRow): DecisionView => ({
  id: r.id,
  applicationId: r.application_id,
  batchId: r.batch_id,
  resultId: r.result_id,
  appliedTier: r.applied_tier,
  outcome: r.outcome,
  outcomeName: DECISION_OUTCOME_NAMES[r.outcome],
  tier: r.tier,
  tierName: r.tier ? TIER_NAMES[r.tier] : null,
  reasonCode: r.reason_code,
  reasonName: DECISION_REASONS[r.reason_code]?.name ?? r.reason_code,
  comment: r.comment,
  status: r.status,
  statusName: DECISION_STATUS_NAMES[r.status],
  supersedesId: r.supersedes_id,
  proposedBy: r.proposed_by,
  proposedAt: r.proposed_at,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  version: r.version,
});

const LABEL = '认定意见';

interface Proposal {
  applicationId: string;
  outcome: string;
  decisionTier?: string;
  reasonCode: string;
  comment?: string;
}

/**
 * Officials' decisions on reviewed applications: propose (with a coded reason; a lower tier only
 * where the scores over that tier's scope support it), confirm by a second official (four eyes),
 * singly or in bulk (all-or-nothing, per-item errors). A proposal on a published entry whose
 * objection was upheld is a revision: confirming it supersedes the published decision.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly outcomes: ResultsReader,
    private readonly effects: PublicityEffects,
    private readonly clock: Clock,
    private readonly rounds: RoundsService,
  ) {}

  /**
   * Which reading of a round's results — raw or severity-adjusted — decisions and reports take may
   * change only while nothing has been decided on them: no decision (in any status, superseded
   * included) refers to a result of the round, and no re-review outcome was proposed in it.
   * Proposals hold the round FOR SHARE while they read its results, so the check and a concurrent
   * proposal cannot both pass.
   */
  async changeResultBasis(actor: Actor, meta: RequestMeta, roundId: string, basis: ResultBasis): Promise<RoundView> {
    return this.dataSource.transaction((em) =>
      this.rounds.changeResultBasis(em, actor, meta, roundId, basis, async (round) => {
        const resultIds = await this.outcomes.resultIdsOfRound(round.id, em);
        const [{ n }]: { n: number }[] = await em.query(
          `SELECT (SELECT count(*) FROM decisions WHERE result_id = ANY($1::uuid[]))::int
                + (SELECT count(*) FROM re_review_outcomes WHERE round_id = $2)::int AS n`,
          [resultIds, round.id],
        );
        if (n > 0) throw DesignationErrors.raise('round_result_basis_locked', n);
      }),
    );
  }

  async propose(actor: Actor, meta: RequestMeta, dto: ProposeDecisionDto): Promise<DecisionView> {
    const id = await this.inTransaction(() =>
      this.dataSource.transaction((em) => this.proposeIn(em, actor, meta, dto)),
    );
    return this.get(actor, meta, id);
  }

  async bulkPropose(
    actor: Actor,
    meta: RequestMeta,
    dto: Omit<Proposal, 'applicationId'> & { applicationIds: string[] },
  ): Promise<DecisionView[]> {
    const ids = await this.inTransaction(() =>
      this.dataSource.transaction(async (em) => {
        const out: string[] = [];
        const errors: ErrorDetail[] = [];
        for (const [i, applicationId] of dto.applicationIds.entries()) {
          try {
            out.push(await this.proposeIn(em, actor, meta, { ...dto, applicationId }));
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.push({ field: `applicationIds[${i}]`, code: e.code, message: e.message });
          }
        }
        if (errors.length) throw DesignationErrors.withDetails('decision_bulk_refused', errors, errors.length);
        return out;
      }),
    );
    return this.byIds(ids);
  }

  async confirm(actor: Actor, meta: RequestMeta, id: string): Promise<DecisionView> {
    await this.inTransaction(() => this.dataSource.transaction((em) => this.confirmIn(em, actor, meta, id)));
    return this.get(actor, meta, id);
  }

  async bulkConfirm(actor: Actor, meta: RequestMeta, decisionIds: string[]): Promise<DecisionView[]> {
    await this.inTransaction(() =>
      this.dataSource.transaction(async (em) => {
        const errors: ErrorDetail[] = [];
        for (const [i, id] of decisionIds.entries()) {
          try {
            await this.confirmIn(em, actor, meta, id);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.push({ field: `decisionIds[${i}]`, code: e.code, message: e.message });
          }
        }
        if (errors.length) throw DesignationErrors.withDetails('decision_bulk_refused', errors, errors.length);
      }),
    );
    return this.byIds(decisionIds);
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<DecisionView> {
    const [row] = await this.dataSource.query(`SELECT * FROM decisions WHERE id = $1`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 'decision', entityId: id, label: LABEL });
    return toDecisionView(row);
  }

  async list(q: ListDecisionsQuery): Promise<Page<DecisionView>> {
    const where = `WHERE ($1::uuid IS NULL OR batch_id = $1) AND ($2::text IS NULL OR status = $2)`;
    const params = [q.batchId ?? null, q.status ?? null];
    const rows = await this.dataSource.query(
      `SELECT * FROM decisions ${where} ORDER BY proposed_at, id LIMIT $3 OFFSET $4`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM decisions ${where}`, params);
    return { items: rows.map(toDecisionView), total: n, page: q.page, pageSize: q.pageSize };
  }

  /**
   * For the documents context: the decision in force for an application (confirmed, published or
   * designated), else the pending proposal, else null.
   */
  async currentDecision(applicationId: string): Promise<DecisionView | null> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM decisions WHERE application_id = $1 AND status <> 'superseded'
       ORDER BY (status = 'proposed'), proposed_at DESC LIMIT 1`,
      [applicationId],
    );
    return row ? toDecisionView(row) : null;
  }

  /** The reviewed applications of a batch with their final result and the tier it supports. */
  async candidates(q: CandidatesQuery): Promise<Page<CandidateView>> {
    const batch = await this.batches.getOrFail(q.batchId);
    const candidates = await this.intake.reviewed(batch.id);
    const results = new Map(
      (await this.outcomes.finalResults(candidates.map((c) => c.applicationId))).map((r) => [r.applicationId, r]),
    );
    const decisions: DecisionRow[] = candidates.length
      ? await this.dataSource.query(
          `SELECT * FROM decisions WHERE application_id = ANY($1::uuid[]) AND status <> 'superseded'`,
          [candidates.map((c) => c.applicationId)],
        )
      : [];
    const rows = candidates
      .filter((c) => results.has(c.applicationId))
      .map((c): CandidateView => {
        const r = results.get(c.applicationId)!;
        const decision = decisions.find((d) => d.application_id === c.applicationId);
        const support = tierSupport(r.result, c.tier, batch.scoringPolicy, batch.ruleSetVersion).filter(
          (s) => s.supported,
        );
        return {
          applicationId: c.applicationId,
          enterpriseName: c.enterpriseName,
          regionCode: c.regionCode,
          appliedTier: c.tier,
          resultId: r.resultId,
          total: r.result.total,
          recommendation: r.recommendation,
          highestSupportedTier: support.length ? support[support.length - 1].tier : null,
          decisionId: decision?.id ?? null,
          decisionStatus: decision?.status ?? null,
        };
      })
      .filter((c) => !q.recommendation || c.recommendation === q.recommendation)
      .filter((c) => !q.undecided || c.decisionId === null);
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
  }

  private async byIds(ids: string[]): Promise<DecisionView[]> {
    const rows: DecisionRow[] = await this.dataSource.query(`SELECT * FROM decisions WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    return ids.map((id) => toDecisionView(rows.find((r) => r.id === id)!));
  }

  /** A concurrent proposal for the same application loses on the unique index: a clear 409. */
  private async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e, 'decisions_one_proposed')) throw DesignationErrors.raise('decision_pending');
      if (isUniqueViolation(e, 'decisions_one_in_force')) throw DesignationErrors.raise('decision_exists', '已确认');
      throw e;
    }
  }

  private async proposeIn(em: EntityManager, actor: Actor, meta: RequestMeta, dto: Proposal): Promise<string> {
    // Serialise decisions on one application.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('decision:' || $1))`, [dto.applicationId]);
    const [app] = await this.intake.byIds([dto.applicationId], em);
    if (!app)
      throw await this.authz.deny(actor, meta, {
        entityType: 'application',
        entityId: dto.applicationId,
        label: '申报',
      });
    const [result] = await this.outcomes.finalResults([app.applicationId], em);
    if (!result || app.status !== 'reviewed') throw DesignationErrors.raise('decision_no_final_result');
    const outcome = dto.outcome as DecisionOutcome;
    const outcomeName = DECISION_OUTCOME_NAMES[outcome];
    const reason = DECISION_REASONS[dto.reasonCode];
    if (!reason.outcomes.includes(outcome))
      throw DesignationErrors.field('decision_reason_invalid', 'reasonCode', dto.reasonCode, outcomeName);
    let tier: TierCode | null = null;
    if (outcome === 'designate_applied') {
      if (dto.decisionTier && dto.decisionTier !== app.tier)
        throw DesignationErrors.field('decision_tier_not_allowed', 'decisionTier', outcomeName);
      tier = app.tier;
    } else if (outcome === 'designate_lower' || outcome === 'cultivation_pool') {
      if (!dto.decisionTier) throw DesignationErrors.field('decision_tier_required', 'decisionTier', outcomeName);
      tier = dto.decisionTier as TierCode;
      if (outcome === 'designate_lower' && tierRank(tier) >= tierRank(app.tier))
        throw DesignationErrors.field('decision_tier_not_lower', 'decisionTier', TIER_NAMES[app.tier]);
    } else if (dto.decisionTier) {
      throw DesignationErrors.field('decision_tier_not_allowed', 'decisionTier', outcomeName);
    }
    if (tier && DESIGNATING_OUTCOMES.includes(outcome)) {
      const batch = await this.batches.getOrFail(app.batchId, em);
      const s = tierSupport(result.result, app.tier, batch.scoringPolicy, batch.ruleSetVersion).find(
        (x) => x.tier === tier,
      )!;
      if (!s.supported)
        throw DesignationErrors.raise(
          'decision_tier_not_supported',
          TIER_NAMES[tier],
          s.redLines
            ? `该层级范围内有 ${s.redLines} 项必选条款专家组评分为 0`
            : `该层级范围内的总分 ${s.total.toFixed(3)} 低于通过线 ${s.threshold}`,
        );
    }
    const existing: DecisionRow[] = await em.query(
      `SELECT * FROM decisions WHERE application_id = $1 AND status IN ('proposed','confirmed','published','designated')`,
      [app.applicationId],
    );
    if (existing.some((d) => d.status === 'proposed')) throw DesignationErrors.raise('decision_pending');
    const inForce = existing.find((d) => d.status !== 'proposed');
    let supersedes: string | null = null;
    if (inForce) {
      const revising = inForce.status === 'published' && (await this.effects.isRevising(em, inForce.id));
      const deferred = inForce.status === 'confirmed' && inForce.outcome === 'defer_onsite';
      if (deferred && !(await this.effects.isVerified(em, inForce.id))) throw DesignationErrors.raise('onsite_pending');
      if (!revising && !deferred)
        throw DesignationErrors.raise('decision_exists', DECISION_STATUS_NAMES[inForce.status]);
      supersedes = inForce.id;
    }
    const [row] = await em.query(
      `INSERT INTO decisions (application_id, batch_id, result_id, applied_tier, outcome, tier, reason_code, comment,
         status, supersedes_id, proposed_by, proposed_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'proposed',$9,$10,$11) RETURNING *`,
      [
        app.applicationId,
        app.batchId,
        result.resultId,
        app.tier,
        outcome,
        tier,
        dto.reasonCode,
        dto.comment || null,
        supersedes,
        actor.userId,
        this.clock.now(),
      ],
    );
    await this.audit.record(em, actor, meta, {
      action: 'decision.proposed',
      entityType: 'decision',
      entityId: row.id,
      after: { applicationId: app.applicationId, outcome, tier, reasonCode: dto.reasonCode, supersedes },
    });
    return row.id;
  }

  private async confirmIn(em: EntityManager, actor: Actor, meta: RequestMeta, id: string): Promise<void> {
    const [current]: DecisionRow[] = await em.query(`SELECT * FROM decisions WHERE id = $1`, [id]);
    if (!current) throw await this.authz.deny(actor, meta, { entityType: 'decision', entityId: id, label: LABEL });
    const allowed = DECISION_STATE_MACHINE.transition(current.status, 'confirm', 'official', {
      proposedBy: current.proposed_by,
      outcome: current.outcome,
      actorId: actor.userId,
    });
    if (!allowed.ok)
      throw allowed.code === 'decision_same_official'
        ? DesignationErrors.raise('decision_same_official')
        : DesignationErrors.raise('decision_not_proposed', DECISION_STATUS_NAMES[current.status]);
    // The published decision a revision replaces leaves force first (one decision in force).
    const replaced = current.supersedes_id
      ? await this.effects.supersede(em, actor, meta, current.supersedes_id)
      : null;
    const confirmed = await compareAndSet<DecisionRow, DecisionStatus>(em, {
      table: 'decisions',
      id,
      from: current.status,
      to: allowed.to,
      patch: { confirmed_by: actor.userId, confirmed_at: this.clock.now() },
      lost: (now) =>
        DesignationErrors.raise('decision_not_proposed', now ? DECISION_STATUS_NAMES[now] : '已被他人处理'),
    });
    await this.audit.record(em, actor, meta, {
      action: 'decision.confirmed',
      entityType: 'decision',
      entityId: id,
      before: { status: 'proposed', version: current.version },
      after: { status: 'confirmed', proposedBy: current.proposed_by, supersedes: current.supersedes_id },
    });
    // A revision after an upheld objection takes its entry's place; after an on-site verification it
    // is an ordinary confirmed decision (published with the batch's next 公示 if it designates).
    if (replaced === 'published') await this.effects.applyRevision(em, actor, meta, current.supersedes_id!, confirmed);
  }
}
