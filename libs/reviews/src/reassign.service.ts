import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { NotificationsService } from '@ff/notifications';
import { getRuleSet } from '@ff/rules';
import { solveAssignment } from './assignment';
import { slotId } from './assignment-input';
import { AssignmentService } from './assignment.service';
import { Clock } from './clock';
import { DeadlineScheduler } from './deadline.scheduler';
import { Expert } from './entities/expert.entity';
import { ReviewRound } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { ACTIVE_TASK_STATUSES, VACATED_TASK_STATUSES } from './review-task.state-machine';
import { RoundsService } from './rounds.service';
import { escalationRecipients, escalations, taskNotice } from './task-notices';

/**
 * The `review.reassign` job: a declined or expired task's slot goes to the best eligible expert
 * left — the same solver and conflict rules, with the slot's current panel fixed and everyone who
 * already had the slot excluded. Once per vacated task (row lock + `replaces_task_id`); when nobody
 * is left, the province's officials are told why.
 */
@Injectable()
export class ReassignService {
  private readonly logger = new Logger('Reassign');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assignment: AssignmentService,
    private readonly notifications: NotificationsService,
    private readonly scheduler: DeadlineScheduler,
    private readonly clock: Clock,
  ) {}

  async run(taskId: string): Promise<{ outcome: string; taskId?: string }> {
    const mail: string[] = [];
    let created: { task: ReviewTask; round: ReviewRound } | null = null;
    const outcome = await this.dataSource.transaction(async (em) => {
      const vacated = await em.findOne(ReviewTask, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!vacated) throw new Error(`review task ${taskId} not found`);
      if (!VACATED_TASK_STATUSES.includes(vacated.status)) return { outcome: 'not_vacated' };
      const [done] = await em.query(`SELECT id FROM review_tasks WHERE replaces_task_id = $1`, [taskId]);
      if (done) return { outcome: 'already_reassigned', taskId: done.id as string };
      const round = await em.findOneByOrFail(ReviewRound, { id: vacated.roundId });
      const slot = slotId(vacated.applicationId, vacated.domainCode);
      const onSlot = await em.find(ReviewTask, {
        where: { roundId: round.id, applicationId: vacated.applicationId, domainCode: vacated.domainCode },
      });
      const input = await this.assignment.input(round, em);
      const task = input.tasks.find((t) => t.id === slot)!;
      const panel = onSlot.filter((t) => ACTIVE_TASK_STATUSES.includes(t.status)).map((t) => t.expertId);
      const solveWith = (pool: typeof input.experts) =>
        solveAssignment({
          ...input,
          tasks: [task],
          fixed: panel.map((expertId) => ({ taskId: slot, expertId })),
          exclusions: onSlot.map((t) => ({ taskId: slot, expertId: t.expertId, reason: '已担任或已退出该任务' })),
          experts: pool.map((e) => ({ ...e, currentLoad: e.currentLoad })),
        });
      // The alternates reserved at publication first, each still under every rule; then the whole pool.
      const had = new Set(onSlot.map((t) => t.expertId));
      let result: ReturnType<typeof solveAssignment> | null = null;
      let fromAlternates = false;
      for (const alt of round.alternates?.[slot] ?? []) {
        if (had.has(alt.expertId)) continue;
        const tried = solveWith(input.experts.filter((e) => e.id === alt.expertId || panel.includes(e.id)));
        if (tried.assignments.some((a) => !a.fixed)) {
          result = tried;
          fromAlternates = true;
          break;
        }
      }
      result ??= solveWith(input.experts);
      const pick = result.assignments.find((a) => !a.fixed);
      const domainName = getRuleSet().domains.find((d) => d.code === vacated.domainCode)?.name ?? vacated.domainCode;
      if (!pick) {
        const why = result.unfilled[0]?.message ?? '没有符合条件的专家';
        const escalatedTo = await escalationRecipients(em, round);
        mail.push(
          ...(await this.notifications.notify(
            em,
            escalations(
              escalatedTo,
              `unfilled:${taskId}`,
              `评审任务无法改派：${domainName}`,
              `申报 ${vacated.applicationId} 的能力域“${domainName}”改派失败：${why}`,
              {
                taskId,
                roundId: round.id,
              },
            ),
          )),
        );
        await this.audit.record(
          em,
          SYSTEM_ACTOR,
          {},
          {
            action: 'review_task.reassign_failed',
            entityType: 'review_task',
            entityId: taskId,
            after: { reason: why, unfilled: result.unfilled, escalatedTo },
          },
        );
        return { outcome: 'unfilled' };
      }
      const now = this.clock.now();
      const saved = await em.save(
        em.create(ReviewTask, {
          roundId: round.id,
          applicationId: vacated.applicationId,
          submissionId: vacated.submissionId,
          domainCode: vacated.domainCode,
          expertId: pick.expertId,
          status: 'assigned' as const,
          explanation: pick.why,
          acceptBy: RoundsService.acceptBy(now, round),
          replacesTaskId: taskId,
          remindersSent: [],
        }),
      );
      const expert = await em.findOneByOrFail(Expert, { id: pick.expertId });
      mail.push(
        ...(await this.notifications.notify(em, [taskNotice('assigned', saved, expert, { domainName, round })])),
      );
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'review_task.reassigned',
          entityType: 'review_task',
          entityId: saved.id,
          before: { taskId, expertId: vacated.expertId, status: vacated.status },
          after: { taskId: saved.id, expertId: pick.expertId, why: pick.why.summary, fromAlternates },
        },
      );
      created = { task: saved, round };
      return { outcome: 'reassigned', taskId: saved.id };
    });
    await this.notifications.dispatch(mail);
    const c = created as { task: ReviewTask; round: ReviewRound } | null;
    if (c) await this.scheduler.scheduleTask(c.task, c.round);
    this.logger.log(`task ${taskId}: ${outcome.outcome}`);
    return outcome;
  }
}
