import { EntityManager } from 'typeorm';
import { AppError, conflict } from '@ff/core';
import { compareAndSet as casUpdate } from '@ff/database';
import {
  APPLICATION_STATUS_NAMES,
  ApplicationEvent,
  ApplicationStatus,
  TransitionFirer,
  transition,
} from './application.state-machine';
import { Application } from './entities/application.entity';

/** Pure state machine first (clear 409/403), then the compare-and-set makes concurrent losers 409 too. */
export function assertTransition(
  status: ApplicationStatus,
  event: ApplicationEvent,
  firer: TransitionFirer,
): ApplicationStatus {
  const result = transition(status, event, firer);
  if (result.ok) return result.to;
  throw result.code === 'invalid_transition'
    ? conflict(result.code, result.message)
    : new AppError(result.code, 403, result.message);
}

/**
 * The one compare-and-set (`UPDATE … WHERE id = $1 AND status = $from`): the row changes only if
 * nobody moved it since it was read; a concurrent loser gets 409 naming the status the winner left.
 */
export function compareAndSet(
  em: EntityManager,
  from: Application,
  to: ApplicationStatus,
  patch: Partial<Pick<Application, 'currentSubmissionId'>> = {},
): Promise<Application> {
  return casUpdate(em, {
    entity: Application,
    id: from.id,
    from: from.status,
    to,
    patch,
    lost: (now) =>
      `申报状态已被他人更新为“${now ? APPLICATION_STATUS_NAMES[now] : '未知'}”，本次操作未生效，请刷新后重试`,
  });
}
