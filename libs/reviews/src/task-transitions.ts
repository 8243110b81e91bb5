import { EntityManager } from 'typeorm';
import { compareAndSet } from '@ff/database';
import { ReviewTask } from './entities/review-task.entity';
import { ReviewErrors } from './reviews.errors';
import {
  REASON_MIN,
  REVIEW_TASK_EVENT_NAMES,
  REVIEW_TASK_STATE_MACHINE,
  ReviewTaskEvent,
  TaskFirer,
} from './review-task.state-machine';

/**
 * Fires `event` on a task: the state machine decides (the shared `invalid_transition` 409 and
 * `transition_not_permitted` 403, or `task_reason_required` from the reviews table), then the one
 * compare-and-set on the status persists it, so of two concurrent transitions exactly one wins
 * (the loser gets the 409 naming the status the winner left).
 */
export async function fireTask(
  em: EntityManager,
  task: ReviewTask,
  event: ReviewTaskEvent,
  firer: TaskFirer,
  set: Partial<ReviewTask> = {},
  reason?: string | null,
): Promise<ReviewTask> {
  const to = REVIEW_TASK_STATE_MACHINE.assert(task.status, event, firer, { reason }, () =>
    ReviewErrors.field('task_reason_required', 'reason', REVIEW_TASK_EVENT_NAMES[event], REASON_MIN),
  );
  return compareAndSet(em, {
    entity: ReviewTask,
    id: task.id,
    from: task.status,
    to,
    patch: set,
    lost: (now) => REVIEW_TASK_STATE_MACHINE.conflict(now),
  });
}
