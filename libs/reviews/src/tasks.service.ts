import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '@ff/database';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { AuthorizationService } from '@ff/identity';
import { NotificationsService } from '@ff/notifications';
import { QueueService, jobId } from '@ff/queue';
import { getRuleSet } from '@ff/rules';
import { Clock } from './clock';
import { DeclineDto, ListTasksQuery, TaskView, toTaskView } from './dto/task.view';
import { ExpertConflict } from './entities/expert-conflict.entity';
import { ReviewTask } from './entities/review-task.entity';
import { canSeeTask, taskVisibility, taskVisibleSql } from './reviews.policy';
import { fireTask } from './task-transitions';

const LABEL = '评审任务';
const domainName = (code: string) => getRuleSet().domains.find((d) => d.code === code)?.name ?? code;
export const taskView = (t: ReviewTask) => toTaskView(t, domainName(t.domainCode));

/** The task lifecycle as experts and officials drive it (accept, decline, reopen) and its reads. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly queue: QueueService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** The task if the actor may see it; otherwise the same 404 as an unknown id, audited. */
  async visible(actor: Actor, meta: RequestMeta, id: string): Promise<ReviewTask> {
    const rows: (ReviewTask & { expertUserId: string })[] = await this.dataSource
      .getRepository(ReviewTask)
      .createQueryBuilder('t')
      .innerJoin('experts', 'x', 'x.id = t.expert_id')
      .addSelect('x.user_id', 'expert_user_id')
      .where('t.id = :id', { id })
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((e, i) => ({ ...e, expertUserId: raw[i].expert_user_id })));
    const task = rows[0];
    await this.authz.ensure(!!task && canSeeTask(actor, task), actor, meta, {
      entityType: 'review_task',
      entityId: id,
      label: LABEL,
    });
    return task;
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<TaskView> {
    return taskView(await this.visible(actor, meta, id));
  }

  async list(actor: Actor, q: ListTasksQuery): Promise<Page<TaskView>> {
    const qb = this.dataSource
      .getRepository(ReviewTask)
      .createQueryBuilder('t')
      .innerJoin('experts', 'x', 'x.id = t.expert_id');
    const visible = taskVisibleSql(actor);
    qb.andWhere(visible.sql, visible.params);
    if (q.roundId) qb.andWhere('t.round_id = :roundId', { roundId: q.roundId });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    return pageOf(qb.orderBy('t.created_at', 'ASC').addOrderBy('t.id', 'ASC'), q, taskView);
  }

  /** Bulk form of the visibility rule: which of `ids` the actor may see. */
  async allowedIds(actor: Actor, ids: string[]): Promise<Set<string>> {
    return taskVisibility.allowedIds(actor, ids, this.dataSource.manager);
  }

  async accept(actor: Actor, meta: RequestMeta, id: string): Promise<TaskView> {
    const task = await this.visible(actor, meta, id);
    const saved = await this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const t = await fireTask(em, task, 'accept', actor.role === 'expert' ? 'expert' : 'official', {
        acceptedAt: now,
      });
      await this.record(em, actor, meta, task, t, 'review_task.accept');
      return t;
    });
    return taskView(saved);
  }

  /** Declining frees the slot: the reassignment job finds the best eligible expert left. */
  async decline(actor: Actor, meta: RequestMeta, id: string, dto: DeclineDto): Promise<TaskView> {
    const task = await this.visible(actor, meta, id);
    const saved = await this.dataSource.transaction(async (em) => {
      const t = await fireTask(
        em,
        task,
        'decline',
        actor.role === 'expert' ? 'expert' : 'official',
        { declineReason: dto.reason },
        dto.reason,
      );
      if (dto.conflict) {
        const [app] = await this.intake.byIds([task.applicationId], em);
        await em
          .createQueryBuilder()
          .insert()
          .into(ExpertConflict)
          .values({
            expertId: task.expertId,
            enterpriseId: app.enterpriseId,
            reason: dto.reason,
            source: 'decline',
            createdBy: actor.userId,
          })
          .orIgnore()
          .execute();
      }
      await this.record(em, actor, meta, task, t, 'review_task.decline', {
        reason: dto.reason,
        conflict: !!dto.conflict,
      });
      return t;
    });
    await this.queue.enqueue('review.reassign', { taskId: id }, { jobId: jobId('review.reassign', id) });
    return taskView(saved);
  }

  /** A draft sheet, or the panel before one's own submission: answered like an unknown id (audited). */
  denyDraft(actor: Actor, meta: RequestMeta, id: string) {
    return this.authz.deny(actor, meta, { entityType: 'score_sheet', entityId: id, label: '评分表' });
  }

  denyEvidence(actor: Actor, meta: RequestMeta, evidenceId: string) {
    return this.authz.deny(actor, meta, { entityType: 'evidence_file', entityId: evidenceId, label: '佐证材料' });
  }

  /** An official sends a submitted task back to its expert with a note; the expert is told. */
  async reopen(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    note: string,
    em?: EntityManager,
  ): Promise<{ task: ReviewTask; mail: string[] }> {
    const work = async (tx: EntityManager) => {
      const task = await tx.findOneByOrFail(ReviewTask, { id });
      const t = await fireTask(tx, task, 'reopen', 'official', { reopenNote: note }, note);
      await this.record(tx, actor, meta, task, t, 'review_task.reopen', { note });
      const [x] = await tx.query(`SELECT user_id, email FROM experts WHERE id = $1`, [task.expertId]);
      const ids = await this.notifications.notify(tx, [
        {
          userId: x.user_id,
          email: x.email,
          kind: 'review.task_reopened',
          dedupeKey: `review.task_reopened:${id}:${t.version}`,
          title: '评审任务退回重评',
          body: `您提交的评审任务（能力域“${domainName(task.domainCode)}”）已退回重评：${note}`,
          data: { taskId: id },
        },
      ]);
      return { t, ids };
    };
    const { t, ids } = em ? await work(em) : await this.dataSource.transaction(work);
    if (!em) await this.notifications.dispatch(ids);
    return { task: t, mail: ids };
  }

  async reopenVisible(actor: Actor, meta: RequestMeta, id: string, note: string): Promise<TaskView> {
    await this.visible(actor, meta, id);
    return taskView((await this.reopen(actor, meta, id, note)).task);
  }

  async record(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    before: ReviewTask,
    after: ReviewTask,
    action: string,
    extra: object = {},
  ) {
    await this.audit.record(em, actor, meta, {
      action,
      entityType: 'review_task',
      entityId: before.id,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, ...extra },
    });
  }
}
