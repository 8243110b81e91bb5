import { EntityManager } from 'typeorm';
import { ReviewTask } from './entities/review-task.entity';
import { ReviewErrors } from './reviews.errors';
import { ReviewTaskEvent, ReviewTaskStatus, TaskFirer, taskTransition } from './review-task.state-machine';

/**
 * Fires `event` on a task: the state machine decides, then a compare-and-set UPDATE on the status
 * persists it, so of two concurrent transitions exactly one wins (the loser gets the 409).
 */
export async function fireTask(
  em: EntityManager,
  task: ReviewTask,
  event: ReviewTaskEvent,
  firer: TaskFirer,
  set: Partial<ReviewTask> = {},
  reason?: string | null,
): Promise<ReviewTask> {
  const r = taskTransition(task.status, event, firer, reason);
  if (!r.ok) {
    if (r.code === 'not_permitted') throw ReviewErrors.raise('review_task_not_permitted', r.message);
    if (r.code === 'reason_required') throw ReviewErrors.field('review_task_invalid_transition', 'reason', r.message);
    throw ReviewErrors.raise('review_task_invalid_transition', r.message);
  }
  const res = await em
    .createQueryBuilder()
    .update(ReviewTask)
    .set({ ...set, status: r.to, version: () => 'version + 1' })
    .where('id = :id AND status = :from', { id: task.id, from: task.status })
    .returning('*')
    .execute();
  if (!res.affected) {
    const [now] = await em.query(`SELECT status FROM review_tasks WHERE id = $1`, [task.id]);
    const lost = taskTransition(now.status as ReviewTaskStatus, event, firer, reason);
    throw ReviewErrors.raise(
      'review_task_invalid_transition',
      lost.ok ? '评审任务已被同时修改，请刷新后重试' : lost.message,
    );
  }
  return em.create(ReviewTask, { ...task, ...set, status: r.to, version: task.version + 1 });
}
