import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { isUniqueViolation } from '@ff/database';
import { Actor, RequestMeta, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { AuthorizationService } from '@ff/identity';
import { APPLICATION_STATE_MACHINE, APPLICATION_STATUS_NAMES, ApplicationEvent } from './application.state-machine';
import { APPLICATION_TARGET, ApplicationAccess } from './application-access.service';
import { assertTransition, compareAndSet } from './application-transition';
import { ApplicationsService } from './applications.service';
import { firerOf, recommenderLevel } from './applications.policy';
import { findRegion } from '@ff/regions';
import { TIER_NAMES, type TierCode } from '@ff/rules';
import { RecommendationDto, RecommendationRankDto, WithdrawRecommendationDto } from './dto/application.dto';
import {
  LIVE_RECOMMENDATION_SQL,
  ListKey,
  activeList,
  assertWithinQuota,
  lockList,
  moveTo,
  quotaOf,
  renumber,
} from './recommendation-list';
import { RecommendationErrors } from './recommendations.errors';
import { ApplicationDetail, auditView } from './dto/application.view';
import { Application } from './entities/application.entity';
import { Recommendation } from './entities/recommendation.entity';
import { RankedListView } from './dto/recommendation.view';

const regionName = (k: ListKey) => findRegion(k.regionCode)?.name ?? k.regionCode;
const tierName = (k: ListKey) => TIER_NAMES[k.tier as TierCode] ?? k.tier;

export const RETURN_COMMENT_MIN = 5;

/**
 * 属地推荐: a county, then a city recommender recommends or returns an application in its
 * jurisdiction. Each recommender's recommendations of one batch and tier form a ranked list
 * (优先顺序) within the quota the batch sets for its region; reordering and withdrawing are audited
 * and possible until the province starts review (the state machine refuses them after).
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsService,
    private readonly batches: BatchesService,
  ) {}

  async recommend(actor: Actor, meta: RequestMeta, id: string, dto: RecommendationDto): Promise<ApplicationDetail> {
    const level = recommenderLevel(actor);
    if (!level) {
      await this.authz.deny(actor, meta, APPLICATION_TARGET(id), false);
      throw RecommendationErrors.raise('recommender_level_required', '属地推荐');
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
    const to = assertTransition(loaded.status, event, firerOf(actor)!);
    const key: ListKey = { batchId: loaded.batchId, regionCode: actor.regionCode!, tier: loaded.tier, level };
    try {
      const app = await this.dataSource.transaction(async (em) => {
        let ranked: string[] = [];
        if (dto.decision === 'recommend') {
          // Lock first, then count: a concurrent recommendation of the same list waits here.
          await lockList(em, key);
          ranked = (await activeList(em, key)).map((r) => r.id);
          assertWithinQuota(await quotaOf(em, key), ranked.length, regionName(key), tierName(key));
        }
        const saved = await compareAndSet(em, loaded, to);
        const rec = await em.save(
          em.create(Recommendation, {
            applicationId: id,
            submissionId: loaded.currentSubmissionId!,
            level,
            decision: dto.decision,
            comment,
            recommenderId: actor.userId,
            regionCode: actor.regionCode!,
            batchId: loaded.batchId,
            tier: loaded.tier,
            rank: null,
          }),
        );
        let rank: number | null = null;
        if (dto.decision === 'recommend') {
          const order = moveTo([...ranked, rec.id], rec.id, dto.rank ?? ranked.length + 1);
          await renumber(em, key, order);
          rank = order.indexOf(rec.id) + 1;
        }
        await this.audit.record(em, actor, meta, {
          action: `application.${event}`,
          entityType: 'application',
          entityId: id,
          before: auditView(loaded),
          after: {
            ...auditView(saved),
            recommendationId: rec.id,
            decision: dto.decision,
            comment: comment || null,
            rank,
          },
        });
        return saved;
      });
      return this.applications.detail(app, enterprise, actor);
    } catch (e) {
      if (isUniqueViolation(e, 'recommendations_submission_level_key')) throw await this.lostRace(id, event);
      throw e;
    }
  }

  /** Moves the actor's live recommendation of the application to `rank`; the others shift. */
  async rerank(actor: Actor, meta: RequestMeta, id: string, dto: RecommendationRankDto): Promise<RankedListView> {
    const { level, loaded } = await this.ownRecommendationTarget(actor, meta, id);
    const key: ListKey = { batchId: loaded.batchId, regionCode: actor.regionCode!, tier: loaded.tier, level };
    return this.dataSource.transaction(async (em) => {
      await lockList(em, key);
      const rec = await this.liveRecommendation(em, id, key);
      const before = (await activeList(em, key)).map((r) => r.id);
      const order = moveTo(before, rec.id, dto.rank);
      await renumber(em, key, order);
      await this.audit.record(em, actor, meta, {
        action: 'application.recommendation_reranked',
        entityType: 'application',
        entityId: id,
        before: { rank: before.indexOf(rec.id) + 1 },
        after: { rank: order.indexOf(rec.id) + 1, recommendationId: rec.id, level },
      });
      return this.rankedList(em, key);
    });
  }

  /**
   * Takes the actor's recommendation back (an audited transition: 撤回县级推荐 / 撤回市级推荐);
   * the ones ranked after it move up. Only before the province starts review.
   */
  async withdrawRecommendation(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    dto: WithdrawRecommendationDto,
  ): Promise<ApplicationDetail> {
    const { level, loaded, enterprise } = await this.ownRecommendationTarget(actor, meta, id);
    const event: ApplicationEvent = `${level}_recommend_withdraw`;
    const to = assertTransition(loaded.status, event, firerOf(actor)!);
    const key: ListKey = { batchId: loaded.batchId, regionCode: actor.regionCode!, tier: loaded.tier, level };
    const app = await this.dataSource.transaction(async (em) => {
      await lockList(em, key);
      const rec = await this.liveRecommendation(em, id, key);
      const saved = await compareAndSet(em, loaded, to);
      await em.update(Recommendation, { id: rec.id }, { withdrawnAt: new Date(), rank: null });
      await renumber(
        em,
        key,
        (await activeList(em, key)).map((r) => r.id),
      );
      await this.audit.record(em, actor, meta, {
        action: `application.${event}`,
        entityType: 'application',
        entityId: id,
        before: { ...auditView(loaded), rank: rec.rank },
        after: { ...auditView(saved), recommendationId: rec.id, comment: dto.reason.trim() },
      });
      return saved;
    });
    return this.applications.detail(app, enterprise, actor);
  }

  /** The actor's ranked list of one batch and tier, as it stands. */
  async list(actor: Actor, meta: RequestMeta, batchId: string, tier: TierCode): Promise<RankedListView> {
    const level = recommenderLevel(actor);
    if (!level) {
      await this.authz.deny(actor, meta, { entityType: 'batch', entityId: batchId, label: '推荐名单' }, false);
      throw RecommendationErrors.raise('recommender_level_required', '查看推荐名单');
    }
    await this.batches.getVisible(actor, meta, batchId);
    return this.rankedList(this.dataSource.manager, { batchId, regionCode: actor.regionCode!, tier, level });
  }

  private async rankedList(em: EntityManager, key: ListKey): Promise<RankedListView> {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT r.id, r.application_id, r.rank, r.comment, r.created_at, e.name AS enterprise_name, e.region_code
         FROM recommendations r
         JOIN applications a ON a.id = r.application_id
         JOIN enterprises e ON e.id = a.enterprise_id
        WHERE r.batch_id = $1 AND r.region_code = $2 AND r.tier = $3 AND r.level = $4
          AND ${LIVE_RECOMMENDATION_SQL}
        ORDER BY r.rank NULLS LAST, r.created_at, r.id`,
      [key.batchId, key.regionCode, key.tier, key.level],
    );
    return {
      batchId: key.batchId,
      regionCode: key.regionCode,
      regionName: regionName(key),
      tier: key.tier,
      tierName: tierName(key),
      level: key.level,
      levelName: key.level === 'county' ? '县级推荐' : '市级推荐',
      quota: await quotaOf(em, key),
      count: rows.length,
      items: rows.map((r) => ({
        recommendationId: r.id as string,
        applicationId: r.application_id as string,
        rank: r.rank as number,
        reason: r.comment as string,
        enterpriseName: r.enterprise_name as string,
        enterpriseRegionCode: r.region_code as string,
        recommendedAt: r.created_at as Date,
      })),
    };
  }

  /** The application, visible to a county or city recommender (jurisdiction), for a change to its own list. */
  private async ownRecommendationTarget(actor: Actor, meta: RequestMeta, id: string) {
    const level = recommenderLevel(actor);
    if (!level) {
      await this.authz.deny(actor, meta, APPLICATION_TARGET(id), false);
      throw RecommendationErrors.raise('recommender_level_required', '调整或撤回推荐');
    }
    const { app: loaded, enterprise } = await this.access.visible(actor, meta, id);
    return { level, loaded, enterprise };
  }

  /** The live recommendation of this list for the application, or 409 (none, or already moved on). */
  private async liveRecommendation(em: EntityManager, applicationId: string, key: ListKey): Promise<Recommendation> {
    const app = await em.findOneByOrFail(Application, { id: applicationId });
    const expected = key.level === 'county' ? 'county_recommended' : 'city_recommended';
    if (app.status !== expected || !app.currentSubmissionId) {
      throw RecommendationErrors.raise('recommendation_not_found', APPLICATION_STATUS_NAMES[app.status]);
    }
    const rec = await em.findOne(Recommendation, {
      where: {
        applicationId,
        submissionId: app.currentSubmissionId,
        level: key.level,
        regionCode: key.regionCode,
        decision: 'recommend',
        withdrawnAt: IsNull(),
      },
    });
    if (!rec) {
      throw RecommendationErrors.raise('recommendation_not_found', APPLICATION_STATUS_NAMES[app.status]);
    }
    return rec;
  }

  private async lostRace(id: string, event: ApplicationEvent) {
    const now = await this.dataSource.getRepository(Application).findOneBy({ id });
    return APPLICATION_STATE_MACHINE.conflict(now?.status ?? null, event);
  }
}
