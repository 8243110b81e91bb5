import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { compareAndSet, isUniqueViolation, pageOf } from '@ff/database';
import { Actor, Page, RequestMeta, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import {
  CURRENT_RULE_SET_VERSION,
  DEFAULT_ELIGIBILITY_POLICY,
  type EligibilityPolicy,
  DEFAULT_PRECHECK_POLICY,
  DEFAULT_SCORING_POLICY,
  TIER_NAMES,
  ScoringPolicy,
  TierCode,
  listRuleSetVersions,
  mergeEligibilityPolicy,
} from '@ff/rules';
import { BatchListQuery, CreateBatchDto, EligibilityPolicyDto, UpdateBatchDto } from './dto/batch.dto';
import { BATCH_EVENT_ACTIONS, BATCH_STATE_MACHINE, BatchEvent } from './batch.state-machine';
import { Batch, PanelSizes } from './entities/batch.entity';
import { batchVisibleSql, canSeeBatch } from './batches.policy';
import { BatchErrors } from './batches.errors';

const LABEL = '申报批次';
export const DEFAULT_PANEL_SIZES: PanelSizes = { workshop: 3, smart_factory: 5, future_factory: 7 };

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
/** 2026年3月1日 09:00 — the programme office's wall clock, whatever the server's TZ. */
export const formatShanghai = (d: Date) => shanghai.format(d).replace(/\s+/, ' ');

function parseInstant(value: string, field: string): Date {
  // Without an offset a time is ambiguous between the server's zone and Beijing time: refuse it.
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw BatchErrors.field('timezone_required', field, field);
  }
  return new Date(value);
}

/** A partial scoring policy is merged member by member (thresholds too) onto the base. */
function mergeScoring(base: ScoringPolicy, patch: UpdateBatchDto['scoringPolicy']): ScoringPolicy {
  if (!patch) return base;
  return { ...base, ...patch, thresholds: { ...base.thresholds, ...patch.thresholds } };
}

/**
 * The request's `tierThresholds` are the policy's `tiers`; the rest is merged as given. A changed
 * policy gets its own version, `eligibility-<batch code>-r<n>`, so a report names the values it used.
 */
function eligibilityFor(base: EligibilityPolicy, dto: EligibilityPolicyDto | undefined, code: string) {
  if (!dto) return base;
  const { tierThresholds, ...rest } = dto;
  const merged = mergeEligibilityPolicy(base, { ...rest, tiers: tierThresholds });
  const revision = Number(/-r(\d+)$/.exec(base.version)?.[1] ?? 0) + 1;
  return { ...merged, version: `eligibility-${code}-r${revision}` };
}

@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
  ) {}

  async create(actor: Actor, meta: RequestMeta, dto: CreateBatchDto): Promise<Batch> {
    const ruleSetVersion = dto.ruleSetVersion ?? CURRENT_RULE_SET_VERSION;
    if (!listRuleSetVersions().includes(ruleSetVersion)) {
      throw BatchErrors.field('unknown_rule_set', 'ruleSetVersion', ruleSetVersion);
    }
    const opens = parseInstant(dto.submissionOpensAt, 'submissionOpensAt');
    const closes = parseInstant(dto.submissionClosesAt, 'submissionClosesAt');
    this.assertWindow(opens, closes);
    try {
      return await this.dataSource.transaction(async (em) => {
        const batch = await em.save(
          em.create(Batch, {
            code: dto.code,
            title: dto.title,
            ruleSetVersion,
            tiers: dto.tiers,
            submissionOpensAt: opens,
            submissionClosesAt: closes,
            status: 'draft',
            precheckPolicy: { ...DEFAULT_PRECHECK_POLICY, ...dto.precheckPolicy },
            scoringPolicy: mergeScoring(DEFAULT_SCORING_POLICY, dto.scoringPolicy),
            eligibilityPolicy: eligibilityFor(DEFAULT_ELIGIBILITY_POLICY, dto.eligibilityPolicy, dto.code),
            panelSizes: { ...DEFAULT_PANEL_SIZES, ...dto.panelSizes },
            createdBy: actor.userId,
          }),
        );
        await this.audit.record(em, actor, meta, {
          action: 'batch.created',
          entityType: 'batch',
          entityId: batch.id,
          after: batch,
        });
        return batch;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw BatchErrors.field('batch_code_taken', 'code', dto.code);
      }
      throw e;
    }
  }

  private assertWindow(opens: Date, closes: Date) {
    if (opens >= closes) {
      throw BatchErrors.field('invalid_window', 'submissionClosesAt');
    }
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateBatchDto): Promise<Batch> {
    return this.dataSource.transaction(async (em) => {
      const batch = await em.findOne(Batch, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!batch) throw notFound(LABEL);
      const onlyExtendingClose = Object.keys(dto).every((k) => k === 'submissionClosesAt');
      if (batch.status === 'closed' || (batch.status === 'open' && !onlyExtendingClose)) {
        throw BatchErrors.raise('batch_not_editable', batch.status);
      }
      const before = { ...batch };
      const closes = dto.submissionClosesAt
        ? parseInstant(dto.submissionClosesAt, 'submissionClosesAt')
        : batch.submissionClosesAt;
      if (batch.status === 'open' && closes < batch.submissionClosesAt) {
        throw BatchErrors.field('batch_not_editable', 'submissionClosesAt', batch.status, true);
      }
      const opens = dto.submissionOpensAt
        ? parseInstant(dto.submissionOpensAt, 'submissionOpensAt')
        : batch.submissionOpensAt;
      this.assertWindow(opens, closes);
      Object.assign(batch, {
        title: dto.title ?? batch.title,
        tiers: dto.tiers ?? batch.tiers,
        submissionOpensAt: opens,
        submissionClosesAt: closes,
        precheckPolicy: dto.precheckPolicy ? { ...batch.precheckPolicy, ...dto.precheckPolicy } : batch.precheckPolicy,
        scoringPolicy: mergeScoring(batch.scoringPolicy, dto.scoringPolicy),
        eligibilityPolicy: eligibilityFor(batch.eligibilityPolicy, dto.eligibilityPolicy, batch.code),
        panelSizes: dto.panelSizes ? { ...batch.panelSizes, ...dto.panelSizes } : batch.panelSizes,
      });
      const saved = await em.save(batch);
      await this.audit.record(em, actor, meta, {
        action: 'batch.updated',
        entityType: 'batch',
        entityId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /**
   * The batch's state machine decides on the batch as read; the compare-and-set makes the loser of
   * two concurrent calls a 409 naming the status the winner left.
   */
  async transition(actor: Actor, meta: RequestMeta, id: string, event: BatchEvent): Promise<Batch> {
    return this.dataSource.transaction(async (em) => {
      const batch = await this.getOrFail(id, em);
      const to = BATCH_STATE_MACHINE.assert(batch.status, event, 'official', batch, (code) =>
        BatchErrors.raise(code as 'invalid_window'),
      );
      const saved = await compareAndSet(em, {
        entity: Batch,
        id,
        from: batch.status,
        to,
        lost: (now) => BATCH_STATE_MACHINE.conflict(now),
      });
      await this.audit.record(em, actor, meta, {
        action: BATCH_EVENT_ACTIONS[event],
        entityType: 'batch',
        entityId: id,
        before: { status: batch.status },
        after: { status: saved.status },
      });
      return saved;
    });
  }

  async getOrFail(id: string, em: EntityManager = this.dataSource.manager): Promise<Batch> {
    const batch = await em.findOne(Batch, { where: { id } });
    if (!batch) throw notFound(LABEL);
    return batch;
  }

  /** Drafts are the province's working copies: other roles do not see them (an audited 404, like an unknown id). */
  async getVisible(actor: Actor, meta: RequestMeta, id: string): Promise<Batch> {
    const batch = await this.dataSource.manager.findOne(Batch, { where: { id } });
    const visible = !!batch && canSeeBatch(actor, batch);
    await this.authz.ensure(visible, actor, meta, { entityType: 'batch', entityId: id, label: LABEL });
    return batch!;
  }

  async list(actor: Actor, q: BatchListQuery): Promise<Page<Batch>> {
    const visible = batchVisibleSql(actor);
    const qb = this.dataSource.getRepository(Batch).createQueryBuilder('b').where(visible.sql, visible.params);
    if (q.status?.length) qb.andWhere('b.status IN (:...statuses)', { statuses: q.status });
    const sort = q.sort ?? '-submissionOpensAt';
    const field = sort.replace('-', '') as 'submissionOpensAt' | 'submissionClosesAt' | 'createdAt' | 'code';
    return pageOf(qb.orderBy(`b.${field}`, sort.startsWith('-') ? 'DESC' : 'ASC').addOrderBy('b.id', 'ASC'), q);
  }

  /** The batch must be open, now inside its window, and the tier offered. */
  assertAcceptsSubmission(batch: Batch, tier: TierCode, now: Date = new Date()): void {
    if (batch.status !== 'open') {
      throw BatchErrors.raise('batch_not_open', batch.title, batch.status);
    }
    if (now < batch.submissionOpensAt || now > batch.submissionClosesAt) {
      throw BatchErrors.raise(
        'outside_submission_window',
        formatShanghai(batch.submissionOpensAt),
        formatShanghai(batch.submissionClosesAt),
      );
    }
    if (!batch.tiers.includes(tier)) {
      throw BatchErrors.withDetails(
        'tier_not_offered',
        [
          {
            field: 'tier',
            code: 'tier_not_offered',
            message: `本批次受理：${batch.tiers.map((t) => TIER_NAMES[t]).join('、')}`,
          },
        ],
        tier,
      );
    }
  }
}
