import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { ReviewIntakeService } from '@ff/applications';
import { Batch, BatchesService } from '@ff/batches';
import { compareAndSet, isUniqueViolation } from '@ff/database';
import { Clock, ResultsReader, RoundsService, StoredResult } from '@ff/reviews';
import { TIER_NAMES, TierCode, tierSupport } from '@ff/rules';
import { addMonths, beijingDate } from './calendar/working-days';
import { DesignationErrors } from './designations.errors';
import { DesignationRow, DesignationsService } from './designations.service';
import { OpenReReviewRoundDto, ReReviewItemView, ReReviewOutcomeView, ReReviewRoundView } from './dto/re-review.dto';
import { PoliciesService } from './policies.service';
import {
  ReReviewOutcomeStatus,
  RE_REVIEW_OUTCOME_STATE_MACHINE,
  RE_REVIEW_OUTCOME_STATUS_NAMES,
  ReReviewOutcome,
  ReReviewOutcomeRow,
  toReReviewOutcomeView,
} from './re-review-outcome';

const LABEL = '复核结论';

/**
 * Re-review (复核) of designations near the end of their validity, through the review machinery:
 * an official opens a re-review round over a batch's designations due (the round, and their move
 * to 复核中, in one transaction); the round is assigned, published, scored and aggregated like any
 * other; on each final result an official proposes an outcome and another confirms it, which
 * maintains (validity extended) or revokes (failed re-review, with its ban) the designation.
 */
@Injectable()
export class ReReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly rounds: RoundsService,
    private readonly results: ResultsReader,
    private readonly designations: DesignationsService,
    private readonly policies: PoliciesService,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, meta: RequestMeta, dto: OpenReReviewRoundDto): Promise<ReReviewRoundView> {
    const { designationIds, reReviewWindowMonths, ...settings } = dto;
    const batch = await this.batches.getVisible(actor, meta, dto.batchId);
    const months = reReviewWindowMonths ?? (await this.policies.of(batch.id)).reReviewWindowMonths;
    const dueBy = addMonths(beijingDate(this.clock.now()), months);
    const due: DesignationRow[] = await this.dataSource.query(
      `SELECT * FROM designations WHERE batch_id = $1 AND status = 'active' AND valid_until <= $2
         AND ($3::uuid[] IS NULL OR id = ANY($3)) ORDER BY certificate_number`,
      [batch.id, dueBy, designationIds ?? null],
    );
    if (designationIds) {
      const found = new Set(due.map((d) => d.id));
      const i = designationIds.findIndex((id) => !found.has(id));
      if (i >= 0)
        throw DesignationErrors.field(
          're_review_designation_ineligible',
          `designationIds[${i}]`,
          designationIds[i],
          dueBy,
        );
    }
    if (!due.length) throw DesignationErrors.raise('re_review_nothing_due', dueBy);
    const ids = due.map((d) => d.id);
    const round = await this.rounds.openReReview(
      actor,
      meta,
      settings,
      due.map((d) => d.application_id),
      async (em, roundId) => {
        // Compare-and-set: a designation another round (or an official) took meanwhile refuses the whole round.
        const [moved]: [{ id: string }[], number] = await em.query(
          `UPDATE designations SET status = 'under_re_review', re_review_round_id = $2, version = version + 1
           WHERE id = ANY($1::uuid[]) AND status = 'active' RETURNING id`,
          [ids, roundId],
        );
        if (moved.length !== ids.length) throw DesignationErrors.raise('re_review_designation_taken');
        for (const id of ids)
          await this.audit.record(em, actor, meta, {
            action: 'designation.re_review_started',
            entityType: 'designation',
            entityId: id,
            before: { status: 'active' },
            after: { status: 'under_re_review', roundId, dueBy },
          });
      },
    );
    return { round, dueBy, designations: await this.designations.views(ids) };
  }

  /** The round's designations, each with the round's final result (if any) and its outcome. */
  async items(actor: Actor, meta: RequestMeta, roundId: string): Promise<ReReviewItemView[]> {
    const round = await this.rounds.getOrFail(actor, meta, roundId);
    const rows: DesignationRow[] = await this.dataSource.query(
      `SELECT * FROM designations WHERE re_review_round_id = $1
         OR id IN (SELECT designation_id FROM re_review_outcomes WHERE round_id = $1) ORDER BY certificate_number`,
      [round.id],
    );
    const outcomes: ReReviewOutcomeRow[] = await this.dataSource.query(
      `SELECT * FROM re_review_outcomes WHERE round_id = $1`,
      [round.id],
    );
    const views = await this.designations.views(rows.map((r) => r.id));
    const results = new Map((await this.results.finalResultsOfRound(round.id)).map((r) => [r.applicationId, r]));
    const apps = new Map((await this.intake.byIds(rows.map((r) => r.application_id))).map((a) => [a.applicationId, a]));
    const batch = await this.batches.getOrFail(round.batchId);
    return rows.map((d, i): ReReviewItemView => {
      const result = results.get(d.application_id);
      const outcome = outcomes.find((o) => o.designation_id === d.id);
      return {
        designation: views[i],
        result: result
          ? {
              resultId: result.resultId,
              total: result.result.total,
              recommendation: result.recommendation,
              supportsTier: supportOf(d, result, apps.get(d.application_id)!.tier, batch).supported,
            }
          : null,
        outcome: outcome ? toReReviewOutcomeView(outcome) : null,
      };
    });
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ReReviewOutcomeView> {
    const [row] = await this.dataSource.query(`SELECT * FROM re_review_outcomes WHERE id = $1`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 're_review_outcome', entityId: id, label: LABEL });
    return toReReviewOutcomeView(row);
  }

  /**
   * An outcome on the round's final result for a designation under re-review in it: `maintained`
   * only where the scores over the designated tier's scope pass its mark without a red line.
   */
  async propose(
    actor: Actor,
    meta: RequestMeta,
    dto: { designationId: string; reReviewOutcome: string; reReviewNote: string },
  ): Promise<ReReviewOutcomeView> {
    const outcome = dto.reReviewOutcome as ReReviewOutcome;
    const id = await this.unique(() =>
      this.dataSource.transaction(async (em) => {
        const [d]: DesignationRow[] = await em.query(`SELECT * FROM designations WHERE id = $1 FOR UPDATE`, [
          dto.designationId,
        ]);
        if (!d)
          throw await this.authz.deny(actor, meta, {
            entityType: 'designation',
            entityId: dto.designationId,
            label: '认定',
          });
        if (d.status !== 'under_re_review' || !d.re_review_round_id)
          throw DesignationErrors.raise('re_review_not_in_round');
        const roundId = d.re_review_round_id;
        const [existing]: ReReviewOutcomeRow[] = await em.query(
          `SELECT * FROM re_review_outcomes WHERE designation_id = $1 AND round_id = $2`,
          [d.id, roundId],
        );
        if (existing)
          throw DesignationErrors.raise('re_review_outcome_exists', RE_REVIEW_OUTCOME_STATUS_NAMES[existing.status]);
        const [result] = await this.results.finalResultsOfRound(roundId, d.application_id, em);
        if (!result) throw DesignationErrors.raise('re_review_result_pending');
        if (outcome === 'maintained') {
          const [app] = await this.intake.byIds([d.application_id], em);
          const s = supportOf(d, result, app.tier, await this.batches.getOrFail(d.batch_id, em));
          if (!s.supported)
            throw DesignationErrors.raise(
              're_review_not_supported',
              TIER_NAMES[d.tier],
              s.redLines
                ? `该层级范围内有 ${s.redLines} 项必选条款专家组评分为 0`
                : `该层级范围内的总分 ${s.total.toFixed(3)} 低于通过线 ${s.threshold}`,
            );
        }
        const [row]: ReReviewOutcomeRow[] = await em.query(
          `INSERT INTO re_review_outcomes (designation_id, round_id, result_id, outcome, note, status, proposed_by,
             proposed_at)
           VALUES ($1,$2,$3,$4,$5,'proposed',$6,$7) RETURNING *`,
          [d.id, roundId, result.resultId, outcome, dto.reReviewNote, actor.userId, this.clock.now()],
        );
        await this.audit.record(em, actor, meta, {
          action: 're_review_outcome.proposed',
          entityType: 're_review_outcome',
          entityId: row.id,
          after: { designationId: d.id, roundId, resultId: result.resultId, outcome, total: result.result.total },
        });
        return row.id;
      }),
    );
    return this.get(actor, meta, id);
  }

  /**
   * A second official confirms: a compare-and-set on the proposal (not the proposer's own), then the
   * designation moves in the same transaction — of two concurrent confirmations one wins.
   */
  async confirm(actor: Actor, meta: RequestMeta, id: string): Promise<ReReviewOutcomeView> {
    await this.dataSource.transaction(async (em) => {
      const [current]: ReReviewOutcomeRow[] = await em.query(`SELECT * FROM re_review_outcomes WHERE id = $1`, [id]);
      if (!current)
        throw await this.authz.deny(actor, meta, { entityType: 're_review_outcome', entityId: id, label: LABEL });
      const allowed = RE_REVIEW_OUTCOME_STATE_MACHINE.transition(current.status, 'confirm', 'official', {
        proposedBy: current.proposed_by,
        actorId: actor.userId,
      });
      if (!allowed.ok)
        throw allowed.code === 're_review_outcome_same_official'
          ? DesignationErrors.raise('re_review_outcome_same_official')
          : DesignationErrors.raise('re_review_outcome_not_proposed', RE_REVIEW_OUTCOME_STATUS_NAMES[current.status]);
      await compareAndSet<ReReviewOutcomeRow, ReReviewOutcomeStatus>(em, {
        table: 're_review_outcomes',
        id,
        from: current.status,
        to: allowed.to,
        patch: { confirmed_by: actor.userId, confirmed_at: this.clock.now() },
        lost: (now) =>
          DesignationErrors.raise(
            're_review_outcome_not_proposed',
            now ? RE_REVIEW_OUTCOME_STATUS_NAMES[now] : '已被他人处理',
          ),
      });
      await this.audit.record(em, actor, meta, {
        action: 're_review_outcome.confirmed',
        entityType: 're_review_outcome',
        entityId: id,
        before: { status: 'proposed', version: current.version },
        after: { status: 'confirmed', outcome: current.outcome, proposedBy: current.proposed_by },
      });
      const { designation_id: designationId, round_id: roundId, note } = current;
      if (current.outcome === 'maintained')
        await this.designations.maintainIn(em, actor, meta, designationId, note, roundId);
      else
        await this.designations.revokeIn(em, actor, meta, designationId, {
          reason: 'failed_re_review',
          note,
          from: ['under_re_review'],
          roundId,
        });
    });
    return this.get(actor, meta, id);
  }

  /** A concurrent proposal for the same designation and round loses on the unique constraint: a clear 409. */
  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e, 're_review_outcomes_once'))
        throw DesignationErrors.raise('re_review_outcome_exists', RE_REVIEW_OUTCOME_STATUS_NAMES.proposed);
      throw e;
    }
  }
}

/** Whether the result supports the designated tier: its scope of the applied tier's scores, its mark, no red line. */
const supportOf = (d: DesignationRow, result: StoredResult, appliedTier: TierCode, batch: Batch) =>
  tierSupport(result.result, appliedTier, batch.scoringPolicy, batch.ruleSetVersion).find((x) => x.tier === d.tier)!;
