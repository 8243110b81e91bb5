import type { EntityManager } from 'typeorm';
import { ZHEJIANG_PROVINCE_CODE } from '@ff/regions';
import type { NotifyInput } from '@ff/notifications';
import type { Expert } from './entities/expert.entity';
import type { ReviewRound } from './entities/review-round.entity';
import type { ReviewTask } from './entities/review-task.entity';

/** Beijing time for messages, e.g. 2026-12-10 18:00. */
export const beijingTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

type Kind = 'assigned' | 'reminder' | 'reassigned_away';

/** The texts experts receive about a task; the dedupe key makes each at most once. */
export function taskNotice(
  kind: Kind,
  task: ReviewTask,
  expert: Expert,
  ctx: { domainName: string; round: ReviewRound; hours?: number },
): NotifyInput {
  const base = { userId: expert.userId, email: expert.email, data: { taskId: task.id, roundId: task.roundId } };
  switch (kind) {
    case 'assigned':
      return {
        ...base,
        kind: 'review.task_assigned',
        dedupeKey: `review.task_assigned:${task.id}`,
        title: `新的评审任务：${ctx.domainName}`,
        body: `您有一项“${ctx.round.title}”的评审任务（能力域“${ctx.domainName}”），请于 ${beijingTime(task.acceptBy)} 前接受或谢绝，于 ${beijingTime(ctx.round.dueAt)} 前完成评分。`,
      };
    case 'reminder':
      return {
        ...base,
        kind: 'review.task_reminder',
        dedupeKey: `review.task_reminder:${task.id}:${ctx.hours}`,
        title: `评审任务提醒：${ctx.domainName}`,
        body: `“${ctx.round.title}”能力域“${ctx.domainName}”的评分将于 ${beijingTime(ctx.round.dueAt)} 到期（剩余约 ${ctx.hours} 小时），请尽快完成并提交。`,
      };
    case 'reassigned_away':
      return {
        ...base,
        kind: 'review.task_expired',
        dedupeKey: `review.task_expired:${task.id}`,
        title: `评审任务已改派：${ctx.domainName}`,
        body: `您未在 ${beijingTime(task.acceptBy)} 前接受“${ctx.round.title}”能力域“${ctx.domainName}”的评审任务，该任务已改派其他专家。`,
      };
  }
}

/**
 * Who an escalation reaches: every active official of the province, and the round's creator if it
 * is still active — each once (one row per user), in a stable order.
 */
export async function escalationRecipients(em: EntityManager, round: ReviewRound): Promise<string[]> {
  const rows: { id: string }[] = await em.query(
    `SELECT id FROM users WHERE active AND role = 'official' AND (region_code = $1 OR id = $2) ORDER BY id`,
    [ZHEJIANG_PROVINCE_CODE, round.createdBy],
  );
  return [...new Set(rows.map((r) => r.id))];
}

/**
 * Officials' escalations (overdue tasks at the hard deadline, unfillable slots): one message per
 * recipient, the dedupe key per recipient so a job run twice sends none twice.
 */
export function escalations(
  recipients: string[],
  key: string,
  title: string,
  body: string,
  data: Record<string, unknown>,
): NotifyInput[] {
  return recipients.map((userId) => ({
    userId,
    kind: 'review.escalation',
    dedupeKey: `review.escalation:${key}:${userId}`,
    title,
    body,
    data,
  }));
}
