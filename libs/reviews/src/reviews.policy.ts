/**
 * Who may see a review task and the material behind it — one rule in three forms that must agree
 * (a property test checks them against each other): the predicate for one loaded task, its SQL
 * form for lists, and a bulk check from ids. Officials (the province) see every task; an expert
 * sees only its own tasks while they are live (not after declining or losing them); nobody else.
 */
import type { Actor } from '@ff/core';
import { SQL_ALL, SQL_NOTHING, type SqlCondition, visibilityPolicy } from '@ff/database';
import { ACTIVE_TASK_STATUSES, type ReviewTaskStatus } from './review-task.state-machine';

export interface TaskScope {
  expertUserId: string;
  status: ReviewTaskStatus;
}

export function canSeeTask(actor: Actor, task: TaskScope): boolean {
  if (actor.role === 'official') return true;
  return canSeeAsAssignedExpert(actor, task);
}

export function canSeeAsAssignedExpert(actor: Actor, task: TaskScope): boolean {
  return actor.role === 'expert' && task.expertUserId === actor.userId && ACTIVE_TASK_STATUSES.includes(task.status);
}

/** The same rule over `review_tasks` as `t` joined to `experts` as `x`. */
export function taskVisibleSql(actor: Actor): SqlCondition {
  if (actor.role === 'official') return SQL_ALL;
  if (actor.role !== 'expert') return SQL_NOTHING;
  return {
    sql: 'x.user_id = :visibleTo AND t.status IN (:...visibleStatuses)',
    params: { visibleTo: actor.userId, visibleStatuses: ACTIVE_TASK_STATUSES },
  };
}

export const taskVisibility = visibilityPolicy<TaskScope>(canSeeTask, taskVisibleSql, {
  from: 'review_tasks t JOIN experts x ON x.id = t.expert_id',
  id: 't.id',
});
