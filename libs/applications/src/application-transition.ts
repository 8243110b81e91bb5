import { EntityManager } from 'typeorm';
import { compareAndSet as casUpdate } from '@ff/database';
import {
  APPLICATION_STATE_MACHINE,
  ApplicationEvent,
  ApplicationStatus,
  TransitionFirer,
} from './application.state-machine';
import { Application } from './entities/application.entity';

/** Pure state machine first (clear 409/403), then the compare-and-set makes concurrent losers 409 too. */
export function assertTransition(
  status: ApplicationStatus,
  event: ApplicationEvent,
  firer: TransitionFirer,
): ApplicationStatus {
  return APPLICATION_STATE_MACHINE.assert(status, event, firer);
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
    lost: (now) => APPLICATION_STATE_MACHINE.conflict(now),
  });
}
