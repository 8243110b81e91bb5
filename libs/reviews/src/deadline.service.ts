import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { NotificationsService } from '@ff/notifications';
import { QueueService, jobId } from '@ff/queue';
import { getRuleSet } from '@ff/rules';
import { Clock } from './clock';
import { Expert } from './entities/expert.entity';
import { ReviewRound } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { SCORABLE_TASK_STATUSES } from './review-task.state-machine';
import { fireTask } from './task-transitions';
import { beijingTime, escalationRecipients, escalations, taskNotice } from './task-notices';

const HOUR = 3600_000;
const OPEN = ['assigned', ...SCORABLE_TASK_STATUSES];

/** Thrown when a deadline job runs before its moment by the clock: the queue retries it later. */
export class NotYetDue extends Error {}

/**
 * The `review.deadline` job. Each kind re-reads the task and the clock and acts at most once:
 * acceptance (expire → reassignment), a reminder (a compare-and-set on `reminders_sent` plus the
 * message's dedupe key), the hard deadline (overdue mark + escalation to every active official of the province).
 */
@Injectable()
export class DeadlineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async run(taskId: string, kind: 'accept' | 'remind' | 'close', hours?: number): Promise<{ outcome: string }> {
    const mail: string[] = [];
    let reassign = false;
    const outcome = await this.dataSource.transaction(async (em) => {
      const task = await em.findOne(ReviewTask, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new Error(`review task ${taskId} not found`);
      const round = await em.findOneByOrFail(ReviewRound, { id: task.roundId });
      const expert = await em.findOneByOrFail(Expert, { id: task.expertId });
      const domainName = getRuleSet().domains.find((d) => d.code === task.domainCode)?.name ?? task.domainCode;
      const now = this.clock.now().getTime();
      const due = (at: number) => {
        if (now < at) throw new NotYetDue(`${kind} of task ${taskId} is due at ${new Date(at).toISOString()}`);
      };
      if (kind === 'accept') {
        due(task.acceptBy.getTime());
        if (task.status !== 'assigned') return { outcome: 'nothing_to_do' };
        const t = await fireTask(em, task, 'expire', 'system');
        mail.push(
          ...(await this.notifications.notify(em, [
            taskNotice('reassigned_away', task, expert, { domainName, round }),
          ])),
        );
        await this.audit.record(
          em,
          SYSTEM_ACTOR,
          {},
          {
            action: 'review_task.expire',
            entityType: 'review_task',
            entityId: taskId,
            before: { status: task.status },
            after: { status: t.status, acceptBy: task.acceptBy },
          },
        );
        reassign = true;
        return { outcome: 'expired' };
      }
      if (kind === 'remind') {
        due(round.dueAt.getTime() - hours! * HOUR);
        if (!OPEN.includes(task.status)) return { outcome: 'nothing_to_do' };
        const [marked]: [{ id: string }[], number] = await em.query(
          `UPDATE review_tasks SET reminders_sent = array_append(reminders_sent, $2)
           WHERE id = $1 AND NOT ($2 = ANY(reminders_sent)) RETURNING id`,
          [taskId, hours],
        );
        if (!marked.length) return { outcome: 'already_sent' };
        mail.push(
          ...(await this.notifications.notify(em, [
            taskNotice('reminder', task, expert, { domainName, round, hours }),
          ])),
        );
        return { outcome: 'reminded' };
      }
      due(round.closesAt.getTime());
      if (!OPEN.includes(task.status) || task.overdueAt) return { outcome: 'nothing_to_do' };
      await em.update(ReviewTask, { id: taskId }, { overdueAt: new Date(now), version: task.version + 1 });
      const escalatedTo = await escalationRecipients(em, round);
      mail.push(
        ...(await this.notifications.notify(
          em,
          escalations(
            escalatedTo,
            `overdue:${taskId}`,
            `评审任务逾期：${domainName}`,
            `专家“${expert.name}”的评审任务（申报 ${task.applicationId}，能力域“${domainName}”）在截止时间 ${beijingTime(round.closesAt)} 仍未提交。`,
            { taskId, roundId: round.id, expertId: expert.id },
          ),
        )),
      );
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'review_task.overdue',
          entityType: 'review_task',
          entityId: taskId,
          before: { status: task.status, overdueAt: null },
          after: { status: task.status, overdueAt: new Date(now), escalatedTo },
        },
      );
      return { outcome: 'overdue' };
    });
    await this.notifications.dispatch(mail);
    if (reassign) await this.queue.enqueue('review.reassign', { taskId }, { jobId: jobId('review.reassign', taskId) });
    return outcome;
  }
}
