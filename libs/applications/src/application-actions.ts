import type { Actor } from '@ff/core';
import {
  APPLICATION_EVENT_NAMES,
  APPLICATION_STATE_MACHINE,
  APPLICATION_TRANSITIONS,
  ApplicationEvent,
  ApplicationStatus,
  isEditable,
} from './application.state-machine';
import { firerOf } from './applications.policy';

/** What a portal may offer the current actor on an application, besides reading it. */
export type ApplicationAction = 'edit' | ApplicationEvent;
/** `edit` and every event a person fires (the system's own events are never offered). */
export const APPLICATION_ACTIONS: readonly ApplicationAction[] = [
  'edit',
  ...new Set(APPLICATION_TRANSITIONS.filter((t) => !t.firers.includes('system')).map((t) => t.event)),
];

export const APPLICATION_ACTION_NAMES: Record<ApplicationAction, string> = {
  edit: '修改申报（层级、建设类型、自评、佐证材料）',
  ...APPLICATION_EVENT_NAMES,
};

/**
 * Read off the state machine's table, so no portal re-implements it: the events the actor's role
 * fires from this status, plus `edit` where the enterprise may change its draft. Editing and
 * submitting also need a batch that accepts submissions now (open and inside its window); the
 * server refuses them otherwise, and so this never offers them. Ownership and jurisdiction are
 * already settled: the caller only builds this for an application the actor may see.
 */
export function allowedActions(
  status: ApplicationStatus,
  actor: Actor,
  batchAcceptingSubmissions: boolean,
): ApplicationAction[] {
  const firer = firerOf(actor);
  if (!firer) return [];
  const events = APPLICATION_STATE_MACHINE.allowedEvents(status, firer);
  const actions: ApplicationAction[] =
    firer === 'enterprise' && isEditable(status) && batchAcceptingSubmissions ? ['edit'] : [];
  for (const e of events) if (e !== 'submit' || batchAcceptingSubmissions) actions.push(e);
  return actions;
}

/** The draft may be changed now: an editable status in a batch that accepts submissions. */
export const isEditableNow = (status: ApplicationStatus, batchAcceptingSubmissions: boolean) =>
  isEditable(status) && batchAcceptingSubmissions;
