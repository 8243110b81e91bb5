import { EntityManager } from 'typeorm';
import { compareAndSet } from '@ff/database';
import { ReviewTask } from './entities/review-task.entity';
import { ReviewErrors } from './reviews.errors';
import { ReviewTaskEvent, TaskFirer, taskTransition } from './review-task.state-machine';

/**
 * Fires `event` on a task: the state machine decides, then the one compare-and-set on the status
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
    if (r.code === 'transition_not_permitted') throw ReviewErrors.raise('review_task_not_permitted', r.message);
    if (r.code === 'reason_required') throw ReviewErrors.field('review_task_invalid_transition', 'reason', r.message);
    throw ReviewErrors.raise('review_task_invalid_transition', r.message);
  }
  return compareAndSet(em, {
    entity: ReviewTask,
    id: task.id,
    from: task.status,
    to: r.to,
    patch: set,
    lost: (now) => {
      const lost = now && taskTransition(now, event, firer, reason);
      return ReviewErrors.raise(
        'review_task_invalid_transition',
        !lost || lost.ok ? '评审任务已被同时修改，请刷新后重试' : lost.message,
      );
    },
  });
}
