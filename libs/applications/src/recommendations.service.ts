import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@ff/database';
import { Actor, RequestMeta, conflict, forbidden, validationFailed } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { APPLICATION_EVENT_NAMES, APPLICATION_STATUS_NAMES, ApplicationEvent } from './application.state-machine';
import { APPLICATION_TARGET, ApplicationAccess } from './application-access.service';
import { assertTransition, compareAndSet } from './application-transition';
import { ApplicationsService } from './applications.service';
import { firerOf, recommenderLevel } from './applications.policy';
import { RecommendationDto } from './dto/application.dto';
import { ApplicationDetail, auditView } from './dto/application.view';
import { Application } from './entities/application.entity';
import { Recommendation } from './entities/recommendation.entity';

export const RETURN_COMMENT_MIN = 5;

/** 属地推荐: a county, then a city recommender recommends or returns an application in its jurisdiction. */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsService,
  ) {}

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
    const to = assertTransition(loaded.status, event, firerOf(actor)!);
    try {
      const app = await this.dataSource.transaction(async (em) => {
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
      return this.applications.detail(app, enterprise, actor);
    } catch (e) {
      if (isUniqueViolation(e, 'recommendations_submission_level_key')) throw await this.lostRace(id, event);
      throw e;
    }
  }

  private async lostRace(id: string, event: ApplicationEvent) {
    const now = await this.dataSource.getRepository(Application).findOneBy({ id });
    return conflict(
      'invalid_transition',
      `申报当前状态为“${now ? APPLICATION_STATUS_NAMES[now.status] : '未知'}”，不能执行“${APPLICATION_EVENT_NAMES[event]}”`,
    );
  }
}
