import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '@ff/database';
import {
  Actor,
  AppError,
  Page,
  RequestMeta,
  ROLE_NAMES,
  conflict,
  forbidden,
  emptyPage,
  validationFailed,
} from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { QueueService, jobId } from '@ff/queue';
import { BatchesService } from '@ff/batches';
import type { TierCode } from '@ff/rules';
import { Enterprise, EnterprisesService, matchNameOrCreditCode, restrictToJurisdiction } from '@ff/enterprises';
import { findRegion, validateRegionCode } from '@ff/regions';
import {
  APPLICATION_EVENT_NAMES,
  APPLICATION_STATUS_NAMES,
  ApplicationEvent,
  ApplicationStatus,
  TransitionFirer,
  transition,
} from './application.state-machine';
import { APPLICATION_TARGET, ApplicationAccess } from './application-access.service';
import { firerOf, recommenderLevel } from './applications.policy';
import { declarableClauseIds } from './clause-check';
import {
  CreateApplicationDto,
  ListApplicationsQuery,
  RecommendationDto,
  UpdateApplicationDto,
  WithdrawDto,
} from './dto/application.dto';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { EvidenceFile } from './entities/evidence-file.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Submission } from './entities/submission.entity';
import { SubmissionSnapshot, snapshotHash } from './snapshot';

const FUTURE_FACTORY = 'future_factory';
export const RETURN_COMMENT_MIN = 5;

/** Actions of the audit log the history view shows, in Chinese. */
export const HISTORY_ACTION_NAMES: Record<string, string> = {
  'application.created': '创建申报',
  'application.updated': '修改申报信息',
  'application.self_assessment_saved': '保存自评',
  'application.evidence_uploaded': '上传佐证材料',
  'application.precheck_stale': '形式审查完成（该次提交已被替代，状态不变）',
  ...Object.fromEntries(Object.entries(APPLICATION_EVENT_NAMES).map(([event, name]) => [`application.${event}`, name])),
};

export interface ApplicationView {
  id: string;
  batchId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  regionCode: string;
  regionName: string | null;
  tier: string;
  constructionType: string | null;
  industryMode: string;
  status: ApplicationStatus;
  statusName: string;
  currentSubmissionId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApplicationDetail extends ApplicationView {
  /** The latest reason the application went back to the enterprise (pre-check or recommender), if it is returned. */
  returnReason: { source: 'precheck' | 'county' | 'city'; comment: string; at: Date } | null;
  submissionCount: number;
}

export interface HistoryEntry {
  at: Date;
  actorRole: string | null;
  actorRoleName: string;
  action: string;
  actionName: string;
  fromStatus: string | null;
  fromStatusName: string | null;
  toStatus: string | null;
  toStatusName: string | null;
  comment: string | null;
}

const statusName = (s: unknown) =>
  typeof s === 'string' && s in APPLICATION_STATUS_NAMES ? APPLICATION_STATUS_NAMES[s as ApplicationStatus] : null;

function toView(app: Application, e: Enterprise): ApplicationView {
  return {
    id: app.id,
    batchId: app.batchId,
    enterpriseId: app.enterpriseId,
    enterpriseName: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: findRegion(e.regionCode)?.name ?? null,
    tier: app.tier,
    constructionType: app.constructionType,
    industryMode: app.industryMode,
    status: app.status,
    statusName: APPLICATION_STATUS_NAMES[app.status],
    currentSubmissionId: app.currentSubmissionId,
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

/** What the audit log keeps of an application (no enterprise profile: that is the enterprise's record). */
const auditView = (app: Application) => ({
  status: app.status,
  tier: app.tier,
  constructionType: app.constructionType,
  currentSubmissionId: app.currentSubmissionId,
  version: app.version,
});

@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly queue: QueueService,
    private readonly batches: BatchesService,
    private readonly enterprises: EnterprisesService,
    private readonly access: ApplicationAccess,
  ) {}

  // ---------------------------------------------------------------- create / read / update

  async create(actor: Actor, meta: RequestMeta, dto: CreateApplicationDto): Promise<ApplicationDetail> {
    const enterprise = await this.enterprises.findForActor(actor);
    // A draft batch is invisible to enterprises: same 404 as an unknown id.
    const batch = await this.batches.getVisible(actor, meta, dto.batchId);
    this.batches.assertAcceptsSubmission(batch, dto.tier);
    this.assertConstructionType(dto.tier, dto.constructionType ?? null);
    try {
      const app = await this.dataSource.transaction(async (em) => {
        const saved = await em.save(
          em.create(Application, {
            batchId: batch.id,
            enterpriseId: enterprise.id,
            tier: dto.tier,
            constructionType: dto.constructionType ?? null,
            industryMode: enterprise.industryMode,
            status: 'draft' as const,
            currentSubmissionId: null,
            createdBy: actor.userId,
          }),
        );
        await this.audit.record(em, actor, meta, {
          action: 'application.created',
          entityType: 'application',
          entityId: saved.id,
          after: { ...auditView(saved), batchId: saved.batchId, enterpriseId: saved.enterpriseId },
        });
        return saved;
      });
      return this.detailOf(app, enterprise);
    } catch (e) {
      if (isUniqueViolation(e, 'applications_batch_enterprise_key')) {
        throw conflict('application_exists', `本企业已在批次“${batch.code}”中创建过申报，每个批次只能申报一次`);
      }
      throw e;
    }
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ApplicationDetail> {
    const { app, enterprise } = await this.access.visible(actor, meta, id);
    return this.detailOf(app, enterprise);
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateApplicationDto): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const batch = await this.batches.getOrFail(loaded.batchId);
    const tier = dto.tier ?? loaded.tier;
    if (dto.tier && dto.tier !== loaded.tier) this.batches.assertAcceptsSubmission(batch, dto.tier);
    // Leaving future_factory drops the construction type; it means nothing for the other tiers.
    const constructionType =
      dto.constructionType !== undefined
        ? dto.constructionType
        : tier === FUTURE_FACTORY
          ? loaded.constructionType
          : null;
    this.assertConstructionType(tier, constructionType);
    const app = await this.dataSource.transaction(async (em) => {
      const current = await this.access.lockEditable(em, id);
      const before = auditView(current);
      let dropped: string[] = [];
      if (tier !== current.tier) {
        // Declarations of clauses the new tier does not have would be rejected at submission; drop them now.
        const keep = declarableClauseIds(batch.ruleSetVersion, tier, current.industryMode);
        const existing = await em.find(Declaration, { where: { applicationId: id }, select: { clauseId: true } });
        dropped = existing.map((d) => d.clauseId).filter((c) => !keep.has(c));
        if (dropped.length) {
          await em
            .createQueryBuilder()
            .delete()
            .from(Declaration)
            .where('application_id = :id AND clause_id IN (:...dropped)', { id, dropped })
            .execute();
        }
      }
      await em.update(Application, { id }, { tier, constructionType, version: current.version + 1 });
      const saved = await em.findOneByOrFail(Application, { id });
      await this.audit.record(em, actor, meta, {
        action: 'application.updated',
        entityType: 'application',
        entityId: id,
        before,
        after: { ...auditView(saved), droppedDeclarations: dropped },
      });
      return saved;
    });
    return this.detailOf(app, enterprise);
  }

  async list(actor: Actor, meta: RequestMeta, q: ListApplicationsQuery): Promise<Page<ApplicationView>> {
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .select('a.*')
      .addSelect(['e.name AS enterprise_name', 'e.credit_code AS credit_code', 'e.region_code AS region_code']);

    // Scope first: every role sees only its own slice, whatever the filters say.
    switch (actor.role) {
      case 'enterprise':
        if (!actor.enterpriseId) return emptyPage(q);
        qb.andWhere('a.enterprise_id = :own', { own: actor.enterpriseId });
        break;
      case 'recommender':
      case 'official': {
        if (!restrictToJurisdiction(qb, actor.regionCode ?? '')) return emptyPage(q);
        break;
      }
      default:
        throw await this.authz.deny(
          actor,
          meta,
          { entityType: 'route', entityId: 'GET /api/v1/applications', label: '申报' },
          false,
        );
    }

    if (q.batchId) qb.andWhere('a.batch_id = :batchId', { batchId: q.batchId });
    if (q.tier) qb.andWhere('a.tier = :tier', { tier: q.tier });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.regionCode) {
      const region = validateRegionCode(q.regionCode);
      if (!region.ok)
        throw validationFailed([{ field: 'regionCode', code: 'invalid_region', message: region.message }]);
      if (!restrictToJurisdiction(qb, region.region.code, 'filter')) return emptyPage(q);
    }
    if (q.q) matchNameOrCreditCode(qb, q.q);

    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const rows = await qb
      .orderBy('a.updated_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<Record<string, never>>();
    const items = rows.map((r) =>
      toView(
        {
          id: r.id,
          batchId: r.batch_id,
          enterpriseId: r.enterprise_id,
          tier: r.tier,
          constructionType: r.construction_type,
          industryMode: r.industry_mode,
          status: r.status,
          currentSubmissionId: r.current_submission_id,
          version: r.version,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        } as unknown as Application,
        {
          id: r.enterprise_id,
          name: r.enterprise_name,
          creditCode: r.credit_code,
          regionCode: r.region_code,
        } as unknown as Enterprise,
      ),
    );
    return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- transitions

  /**
   * Freezes the self-assessment into an immutable submission and queues its pre-check, all in
   * one transaction with the status change and the audit event.
   *
   * The job is enqueued *inside* the transaction, before commit: if Redis is down the enqueue
   * throws (503 queue_unavailable) and everything rolls back, so there is never a `submitted`
   * application without a pre-check job. Enqueuing after commit could leave one stranded.
   * The price is that the job may start before the commit; the processor therefore first locks
   * the application row, which this transaction holds until it ends, so it sees the committed
   * submission — or, if the commit failed, no submission, and it throws (a retried no-op).
   */
  async submit(actor: Actor, meta: RequestMeta, id: string): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const batch = await this.batches.getOrFail(loaded.batchId);
    this.batches.assertAcceptsSubmission(batch, loaded.tier as TierCode);
    const app = await this.dataSource.transaction(async (em) => {
      const current = await em.findOneOrFail(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const to = this.assertTransition(current.status, 'submit', 'enterprise');
      this.assertConstructionType(current.tier, current.constructionType);
      const content = await this.snapshot(em, current, batch, enterprise);
      const [{ next }] = await em.query(
        `SELECT coalesce(max(seq), 0) + 1 AS next FROM application_submissions WHERE application_id = $1`,
        [id],
      );
      const submission = await em.save(
        em.create(Submission, {
          applicationId: id,
          seq: Number(next),
          content: content as unknown as Record<string, unknown>,
          contentHash: snapshotHash(content),
          submittedBy: actor.userId,
          precheckStatus: 'pending' as const,
        }),
      );
      const saved = await this.compareAndSet(em, current, to, { currentSubmissionId: submission.id });
      // Enqueued before the audit event: the audit chain is serialised from its insert to the
      // commit, so the Redis round trip stays outside that section. The job waits on this row lock.
      await this.queue.enqueue(
        'precheck.run',
        { applicationId: id, submissionId: submission.id },
        { jobId: jobId('precheck.run', id, submission.id) },
      );
      await this.audit.record(em, actor, meta, {
        action: 'application.submit',
        entityType: 'application',
        entityId: id,
        before: auditView(current),
        after: {
          ...auditView(saved),
          submissionId: submission.id,
          seq: submission.seq,
          contentHash: submission.contentHash,
        },
      });
      return saved;
    });
    return this.detailOf(app, enterprise);
  }

  async withdraw(actor: Actor, meta: RequestMeta, id: string, dto: WithdrawDto): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const to = this.assertTransition(loaded.status, 'withdraw', 'enterprise');
    const app = await this.dataSource.transaction(async (em) => {
      const saved = await this.compareAndSet(em, loaded, to);
      await this.audit.record(em, actor, meta, {
        action: 'application.withdraw',
        entityType: 'application',
        entityId: id,
        before: auditView(loaded),
        after: { ...auditView(saved), comment: dto.reason?.trim() || null },
      });
      return saved;
    });
    return this.detailOf(app, enterprise);
  }

  async recommend(actor: Actor, meta: RequestMeta, id: string, dto: RecommendationDto): Promise<ApplicationDetail> {
    const level = recommenderLevel(actor);
    if (!level) {
      await this.authz.deny(actor, meta, APPLICATION_TARGET(id), false);
      throw forbidden('属地推荐须由县级或市级推荐单位账号办理');
    }
    const { app: loaded, enterprise } = await this.access.visible(actor, meta, id);
    const comment = dto.comment?.trim() ?? '';
    if (dto.decision === 'return' && [...comment].length < RETURN_COMMENT_MIN) {
      throw validationFailed([
        {
          field: 'comment',
          code: 'return_reason_required',
          message: `退回时须填写退回理由（至少${RETURN_COMMENT_MIN}个字），理由将告知企业`,
        },
      ]);
    }
    const event = `${level}_${dto.decision}` as ApplicationEvent;
    const to = this.assertTransition(loaded.status, event, firerOf(actor)!);
    try {
      const app = await this.dataSource.transaction(async (em) => {
        const saved = await this.compareAndSet(em, loaded, to);
        const rec = await em.save(
          em.create(Recommendation, {
            applicationId: id,
            submissionId: loaded.currentSubmissionId!,
            level,
            decision: dto.decision,
            comment,
            recommenderId: actor.userId,
            regionCode: actor.regionCode!,
          }),
        );
        await this.audit.record(em, actor, meta, {
          action: `application.${event}`,
          entityType: 'application',
          entityId: id,
          before: auditView(loaded),
          after: { ...auditView(saved), recommendationId: rec.id, decision: dto.decision, comment: comment || null },
        });
        return saved;
      });
      return this.detailOf(app, enterprise);
    } catch (e) {
      if (isUniqueViolation(e, 'recommendations_submission_level_key')) throw await this.lostRace(id, event);
      throw e;
    }
  }

  /** Pure state machine first (clear 409/403), then the compare-and-set makes concurrent losers 409 too. */
  assertTransition(status: ApplicationStatus, event: ApplicationEvent, firer: TransitionFirer): ApplicationStatus {
    const result = transition(status, event, firer);
    if (result.ok) return result.to;
    throw result.code === 'invalid_transition'
      ? conflict(result.code, result.message)
      : new AppError(result.code, 403, result.message);
  }

  /**
   * `UPDATE … WHERE id = $1 AND status = $from` — the row changes only if nobody moved it since
   * it was read; a concurrent loser gets 409 naming the status the winner left.
   */
  async compareAndSet(
    em: EntityManager,
    from: Application,
    to: ApplicationStatus,
    patch: Partial<Pick<Application, 'currentSubmissionId'>> = {},
  ): Promise<Application> {
    const result = await em
      .createQueryBuilder()
      .update(Application)
      .set({ ...patch, status: to, version: () => 'version + 1' })
      .where('id = :id AND status = :from', { id: from.id, from: from.status })
      .execute();
    if (!result.affected) {
      const now = await em.findOneBy(Application, { id: from.id });
      throw conflict(
        'invalid_transition',
        `申报状态已被他人更新为“${now ? APPLICATION_STATUS_NAMES[now.status] : '未知'}”，本次操作未生效，请刷新后重试`,
      );
    }
    return em.findOneByOrFail(Application, { id: from.id });
  }

  private async lostRace(id: string, event: ApplicationEvent) {
    const now = await this.dataSource.getRepository(Application).findOneBy({ id });
    return conflict(
      'invalid_transition',
      `申报当前状态为“${now ? APPLICATION_STATUS_NAMES[now.status] : '未知'}”，不能执行“${APPLICATION_EVENT_NAMES[event]}”`,
    );
  }

  // ---------------------------------------------------------------- pre-check, history

  async precheck(actor: Actor, meta: RequestMeta, id: string) {
    const { app } = await this.access.visible(actor, meta, id);
    if (!app.currentSubmissionId) {
      return {
        applicationId: id,
        submissionId: null,
        seq: null,
        precheckStatus: 'not_submitted',
        precheckStatusName: '尚未提交',
        report: null,
      };
    }
    const sub = await this.dataSource.getRepository(Submission).findOneByOrFail({ id: app.currentSubmissionId });
    return {
      applicationId: id,
      submissionId: sub.id,
      seq: sub.seq,
      contentHash: sub.contentHash,
      submittedAt: sub.submittedAt,
      precheckStatus: sub.precheckStatus,
      precheckStatusName: { pending: '形式审查中', passed: '形式审查通过', returned: '形式审查未通过' }[
        sub.precheckStatus
      ],
      precheckedAt: sub.precheckedAt,
      report: sub.precheckReport,
    };
  }

  async history(actor: Actor, meta: RequestMeta, id: string): Promise<HistoryEntry[]> {
    await this.access.visible(actor, meta, id);
    // The application's own events; submissions and recommendations are recorded on it (their ids in `after`).
    const rows: {
      occurred_at: Date;
      actor_role: string | null;
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[] = await this.dataSource.query(
      `SELECT occurred_at, actor_role, action, before, after FROM audit_events
          WHERE entity_type = 'application' AND entity_id = $1 AND action <> 'access.denied'
          ORDER BY id`,
      [id],
    );
    return rows.map((r) => {
      const from = (r.before?.status as string | undefined) ?? null;
      const to = (r.after?.status as string | undefined) ?? null;
      return {
        at: r.occurred_at,
        actorRole: r.actor_role,
        actorRoleName:
          r.actor_role === 'system'
            ? '系统'
            : r.actor_role
              ? ((ROLE_NAMES as Record<string, string>)[r.actor_role] ?? r.actor_role)
              : '未知',
        action: r.action,
        actionName: HISTORY_ACTION_NAMES[r.action] ?? r.action,
        fromStatus: from,
        fromStatusName: statusName(from),
        toStatus: to,
        toStatusName: statusName(to),
        comment: (r.after?.comment as string | undefined) ?? null,
      };
    });
  }

  // ---------------------------------------------------------------- helpers

  private assertConstructionType(tier: string, constructionType: string | null) {
    if (constructionType && tier !== FUTURE_FACTORY) {
      throw validationFailed([
        {
          field: 'constructionType',
          code: 'construction_type_not_applicable',
          message: '建设类型仅适用于未来工厂，其他层级请勿填写',
        },
      ]);
    }
  }

  private async snapshot(
    em: EntityManager,
    app: Application,
    batch: { id: string; code: string; ruleSetVersion: string },
    enterprise: Enterprise,
  ): Promise<SubmissionSnapshot> {
    const declarations = await em.find(Declaration, { where: { applicationId: app.id }, order: { clauseId: 'ASC' } });
    const evidence = await em.find(EvidenceFile, {
      where: { applicationId: app.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const byId = new Map(evidence.map((f) => [f.id, f]));
    const applicable = declarableClauseIds(batch.ruleSetVersion, app.tier, app.industryMode);
    return {
      schema: 1,
      applicationId: app.id,
      batch: { id: batch.id, code: batch.code, ruleSetVersion: batch.ruleSetVersion },
      tier: app.tier,
      industryMode: app.industryMode,
      constructionType: app.constructionType,
      enterprise: {
        id: enterprise.id,
        name: enterprise.name,
        creditCode: enterprise.creditCode,
        regionCode: enterprise.regionCode,
        industryMode: enterprise.industryMode,
        profile: { ...(enterprise.profile ?? {}) },
      },
      declarations: declarations
        .filter((d) => applicable.has(d.clauseId))
        .map((d) => ({
          clauseId: d.clauseId,
          status: d.status,
          narrative: d.narrative,
          evidence: d.evidenceIds
            .map((eid) => byId.get(eid))
            .filter((f): f is EvidenceFile => !!f)
            .map((f) => ({ id: f.id, sha256: f.sha256, mediaType: f.mediaType, size: f.size, name: f.originalName })),
        })),
      evidenceSha256: [...new Set(evidence.map((f) => f.sha256))].sort(),
    };
  }

  private async detailOf(app: Application, enterprise: Enterprise): Promise<ApplicationDetail> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM application_submissions WHERE application_id = $1`,
      [app.id],
    );
    let returnReason: ApplicationDetail['returnReason'] = null;
    if (app.status === 'returned' && app.currentSubmissionId) {
      const rec = await this.dataSource.getRepository(Recommendation).findOne({
        where: { submissionId: app.currentSubmissionId, decision: 'return' },
        order: { createdAt: 'DESC' },
      });
      if (rec) {
        returnReason = { source: rec.level, comment: rec.comment, at: rec.createdAt };
      } else {
        const sub = await this.dataSource.getRepository(Submission).findOneBy({ id: app.currentSubmissionId });
        const findings = (
          (sub?.precheckReport?.findings as { severity?: string; message: string }[] | undefined) ?? []
        ).filter((f) => f.severity !== 'info' && f.severity !== 'warning');
        if (sub?.precheckedAt) {
          returnReason = {
            source: 'precheck',
            comment: findings.map((f) => f.message).join('；') || '形式审查未通过',
            at: sub.precheckedAt,
          };
        }
      }
    }
    return { ...toView(app, enterprise), returnReason, submissionCount: n };
  }
}
