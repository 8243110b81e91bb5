import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { ApplicationStatus } from './application.state-machine';
import { isUniqueViolation } from '@ff/database';
import { Actor, Page, RequestMeta, emptyPage, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { BatchesService, isAcceptingSubmissions } from '@ff/batches';
import { Enterprise, EnterprisesService, jurisdictionSql, matchNameOrCreditCode } from '@ff/enterprises';
import { validateRegionCode } from '@ff/regions';
import { ApplicationAccess } from './application-access.service';
import { assertConstructionType, declarableClauseIds, keepsConstructionType } from './clause-check';
import { CreateApplicationDto, ListApplicationsQuery, UpdateApplicationDto } from './dto/application.dto';
import { ApplicationDetail, ApplicationView, auditView, claimsView, rowToView, toView } from './dto/application.view';
import { factsView } from './dto/eligibility-facts.view';
import { applicationVisibleSql, recommenderLevel } from './applications.policy';
import { ApplicationErrors } from './applications.errors';
import { claimEvidenceLists, mergeClaims } from './construction-claims';
import { checkVendors } from './vendors';
import { EligibilityFacts, factEvidenceLists, mergeFacts } from './eligibility-facts';
import { evidenceErrors } from './evidence-check';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { Recommendation } from './entities/recommendation.entity';
import { Submission } from './entities/submission.entity';
import { ReapplicationBansService } from './reapplication-bans.service';

/**
 * Create, read, update and list applications. Transitions live in SubmissionsService and
 * RecommendationsService; this is also the service other contexts read applications through.
 */
const RETURN_SOURCE_NAMES = { precheck: '形式审查', county: '县级推荐单位', city: '市级推荐单位' } as const;

/** The list's `sort` values and the column each orders by. */
/** The rank of the live recommendation of the current submission at a level (null when none). */
const RANK_SQL = (level: 'county' | 'city') =>
  `(SELECT r.rank FROM recommendations r WHERE r.submission_id = a.current_submission_id AND r.level = '${level}'
     AND r.decision = 'recommend' AND r.withdrawn_at IS NULL AND a.status NOT IN ('returned', 'withdrawn'))`;

const SORT_COLUMNS: Record<string, string> = {
  updatedAt: 'a.updated_at',
  createdAt: 'a.created_at',
  enterpriseName: 'e.name',
  status: 'a.status',
  cityRank: RANK_SQL('city'),
  countyRank: RANK_SQL('county'),
};

/** A declared violation must say what it was (the pre-check quotes it). */
function assertViolationDescribed(facts: EligibilityFacts) {
  if (facts.violations?.value && [...facts.violations.description].length < 5) {
    throw validationFailed([
      {
        field: 'eligibilityFacts.violations.description',
        code: 'violation_description_required',
        message: '申报存在违法违规情况时，须填写情况说明（至少5个字）',
      },
    ]);
  }
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly batches: BatchesService,
    private readonly enterprises: EnterprisesService,
    private readonly access: ApplicationAccess,
    private readonly bans: ReapplicationBansService,
  ) {}

  async create(actor: Actor, meta: RequestMeta, dto: CreateApplicationDto): Promise<ApplicationDetail> {
    const enterprise = await this.enterprises.findForActor(actor);
    // A draft batch is invisible to enterprises: same 404 as an unknown id.
    const batch = await this.batches.getVisible(actor, meta, dto.batchId);
    this.batches.assertAcceptsSubmission(batch, dto.tier);
    assertConstructionType(dto.tier, dto.constructionType ?? null);
    await this.bans.assertNotBanned(enterprise.id);
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
      return this.detail(app, enterprise, actor);
    } catch (e) {
      if (isUniqueViolation(e, 'applications_batch_enterprise_key')) {
        throw ApplicationErrors.raise('application_exists', batch.code);
      }
      throw e;
    }
  }

  /** The applications of some enterprises in one batch (id and status), for an import's preview; no access check. */
  async findInBatch(
    batchId: string,
    enterpriseIds: string[],
  ): Promise<{ id: string; enterpriseId: string; status: ApplicationStatus; tier: string }[]> {
    const out: { id: string; enterpriseId: string; status: ApplicationStatus; tier: string }[] = [];
    for (let at = 0; at < enterpriseIds.length; at += 1000) {
      const rows = await this.dataSource.manager.find(Application, {
        where: { batchId, enterpriseId: In(enterpriseIds.slice(at, at + 1000)) },
        select: { id: true, enterpriseId: true, status: true, tier: true },
      });
      out.push(...rows);
    }
    return out;
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ApplicationDetail> {
    const { app, enterprise } = await this.access.visible(actor, meta, id);
    return this.detail(app, enterprise, actor);
  }

  async update(actor: Actor, meta: RequestMeta, id: string, dto: UpdateApplicationDto): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const batch = await this.batches.getOrFail(loaded.batchId);
    const tier = dto.tier ?? loaded.tier;
    if (dto.tier && dto.tier !== loaded.tier) this.batches.assertAcceptsSubmission(batch, dto.tier);
    const constructionType =
      dto.constructionType !== undefined
        ? dto.constructionType
        : keepsConstructionType(tier)
          ? loaded.constructionType
          : null;
    assertConstructionType(tier, constructionType);
    // Claims belong to one construction type: a new type (or none) starts from none.
    const baseClaims = constructionType === loaded.constructionType ? (loaded.constructionClaims ?? {}) : {};
    const constructionClaims = dto.constructionClaims ? mergeClaims(baseClaims, dto.constructionClaims) : baseClaims;
    if (dto.constructionClaims && !constructionType) {
      throw validationFailed([
        {
          field: 'constructionClaims',
          code: 'construction_type_required',
          message: '填写建设类型声明（表15）前，请先选择建设类型（仅未来工厂）',
        },
      ]);
    }
    const evidenceProblems = await evidenceErrors(this.dataSource.manager, id, [
      ...claimEvidenceLists(constructionClaims),
      ...factEvidenceLists(mergeFacts({}, dto.eligibilityFacts ?? {})),
    ]);
    if (evidenceProblems.length) throw validationFailed(evidenceProblems);
    const declared = dto.vendors ? checkVendors(dto.vendors, enterprise.creditCode) : null;
    if (declared?.errors.length) throw validationFailed(declared.errors);
    const app = await this.dataSource.transaction(async (em) => {
      const current = await this.access.lockEditable(em, id);
      if (current.constructionType !== loaded.constructionType) throw this.changedMeanwhile();
      const before = auditView(current);
      // Merged onto the locked row, so two concurrent edits of different facts both stay.
      const eligibilityFacts = mergeFacts(current.eligibilityFacts ?? {}, dto.eligibilityFacts ?? {});
      assertViolationDescribed(eligibilityFacts);
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
      await em.update(
        Application,
        { id },
        {
          tier,
          constructionType,
          constructionClaims,
          eligibilityFacts,
          vendors: declared ? declared.vendors : current.vendors,
          version: current.version + 1,
        },
      );
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
    return this.detail(app, enterprise, actor);
  }

  async list(actor: Actor, meta: RequestMeta, q: ListApplicationsQuery): Promise<Page<ApplicationView>> {
    const qb = this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin('enterprises', 'e', 'e.id = a.enterprise_id')
      .innerJoin('batches', 'b', 'b.id = a.batch_id')
      .select('a.*')
      .addSelect(['e.name AS enterprise_name', 'e.credit_code AS credit_code', 'e.region_code AS region_code'])
      .addSelect([
        'b.status AS batch_status',
        'b.submission_opens_at AS batch_opens_at',
        'b.submission_closes_at AS batch_closes_at',
      ])
      .addSelect(RANK_SQL('city'), 'city_rank')
      .addSelect(RANK_SQL('county'), 'county_rank');

    // Scope first: every role sees only its own slice, whatever the filters say.
    if (actor.role !== 'enterprise' && actor.role !== 'recommender' && actor.role !== 'official') {
      throw await this.authz.deny(
        actor,
        meta,
        { entityType: 'route', entityId: 'GET /api/v1/applications', label: '申报' },
        false,
      );
    }
    const visible = applicationVisibleSql(actor);
    qb.andWhere(visible.sql, visible.params);

    if (q.batchId) qb.andWhere('a.batch_id = :batchId', { batchId: q.batchId });
    if (q.tier) qb.andWhere('a.tier = :tier', { tier: q.tier });
    if (q.status?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: q.status });
    if (q.waitingForMe) {
      // What the caller's level acts on next; for anyone but a recommender nothing waits on them here.
      const level = recommenderLevel(actor);
      if (!level) return emptyPage(q);
      qb.andWhere('a.status = :waiting', { waiting: level === 'county' ? 'precheck_passed' : 'county_recommended' });
    }
    if (q.regionCode) {
      const region = validateRegionCode(q.regionCode);
      if (!region.ok)
        throw validationFailed([{ field: 'regionCode', code: 'invalid_region_code', message: region.message }]);
      const inRegion = jurisdictionSql(region.region.code, 'filter');
      qb.andWhere(inRegion.sql, inRegion.params);
    }
    if (q.q) matchNameOrCreditCode(qb, q.q);
    if (q.maxCityRank) qb.andWhere(`${RANK_SQL('city')} <= :maxCityRank`, { maxCityRank: q.maxCityRank });

    const total = await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>();
    const sort = q.sort ?? '-updatedAt';
    const rows = await qb
      .orderBy(SORT_COLUMNS[sort.replace('-', '')], sort.startsWith('-') ? 'DESC' : 'ASC', 'NULLS LAST')
      .addOrderBy('a.id', 'ASC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany<Record<string, never>>();
    const now = new Date();
    return {
      items: rows.map((r) => rowToView(r, actor, now)),
      total: total?.n ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The detail view: the application, its submission count and, when returned, the latest reason. */
  async detail(app: Application, enterprise: Enterprise, actor: Actor): Promise<ApplicationDetail> {
    const submissionCount = await this.dataSource.getRepository(Submission).countBy({ applicationId: app.id });
    const returnReason = app.status === 'returned' ? await this.returnReason(app) : null;
    const accepting = isAcceptingSubmissions(await this.batches.getOrFail(app.batchId));
    const live =
      app.currentSubmissionId && app.status !== 'returned' && app.status !== 'withdrawn'
        ? await this.dataSource.getRepository(Recommendation).find({
            where: { submissionId: app.currentSubmissionId, decision: 'recommend', withdrawnAt: IsNull() },
          })
        : [];
    const rankAt = (level: string) => live.find((r) => r.level === level)?.rank ?? null;
    return {
      ...toView(app, enterprise, {
        actor,
        batchAcceptingSubmissions: accepting,
        ranks: { county: rankAt('county'), city: rankAt('city') },
      }),
      returnReason,
      submissionCount,
      constructionClaims: claimsView(app.constructionClaims ?? {}),
      eligibilityFacts: factsView(app.eligibilityFacts ?? {}),
      vendors: app.vendors ?? [],
    };
  }

  private changedMeanwhile() {
    return ApplicationErrors.raise('application_changed', '建设类型已变化，请刷新后重试');
  }

  private async returnReason(app: Application): Promise<ApplicationDetail['returnReason']> {
    if (!app.currentSubmissionId) return null;
    const rec = await this.dataSource.getRepository(Recommendation).findOne({
      where: { submissionId: app.currentSubmissionId, decision: 'return' },
      order: { createdAt: 'DESC' },
    });
    if (rec)
      return { source: rec.level, sourceName: RETURN_SOURCE_NAMES[rec.level], comment: rec.comment, at: rec.createdAt };
    const sub = await this.dataSource.getRepository(Submission).findOneBy({ id: app.currentSubmissionId });
    if (!sub?.precheckedAt) return null;
    const findings = (
      (sub.precheckReport?.findings as { severity?: string; message: string }[] | undefined) ?? []
    ).filter((f) => f.severity !== 'info' && f.severity !== 'warning');
    return {
      source: 'precheck',
      sourceName: RETURN_SOURCE_NAMES.precheck,
      comment: findings.map((f) => f.message).join('；') || '形式审查未通过',
      at: sub.precheckedAt,
    };
  }
}
