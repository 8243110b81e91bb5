/**
 * Who may see a review task and the material behind it — one rule in three forms that must agree
 * (a property test checks them against each other): the predicate for one loaded task, its SQL
 * form for lists, and a bulk check from ids. Officials (the province) see every task; an expert
 * sees only its own tasks while they are live (not after declining or losing them); nobody else.
 */
import type { WhereExpressionBuilder } from 'typeorm';
import type { Actor } from '@ff/core';
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

/**
 * The same rule over `review_tasks` as `t` joined to `experts` as `x`. Returns false when the actor
 * can see nothing, so the caller answers an empty page without asking.
 */
export function restrictToVisible(qb: WhereExpressionBuilder, actor: Actor): boolean {
  if (actor.role === 'official') return true;
  if (actor.role !== 'expert') return false;
  qb.andWhere('x.user_id = :visibleTo AND t.status IN (:...visibleStatuses)', {
    visibleTo: actor.userId,
    visibleStatuses: ACTIVE_TASK_STATUSES,
  });
  return true;
}

/** The SQL for `allowedIds`: the ids among `$1` the actor may see. */
export function allowedIdsQuery(actor: Actor): { sql: string; params: unknown[] } | null {
  if (actor.role === 'official') return { sql: `SELECT id FROM review_tasks WHERE id = ANY($1::uuid[])`, params: [] };
  if (actor.role !== 'expert') return null;
  return {
    sql: `SELECT t.id FROM review_tasks t JOIN experts x ON x.id = t.expert_id
          WHERE t.id = ANY($1::uuid[]) AND x.user_id = $2 AND t.status = ANY($3)`,
    params: [actor.userId, ACTIVE_TASK_STATUSES],
  };
}
