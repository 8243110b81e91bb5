import { type StateTransition, type TransitionGuard, defineStateMachine } from '@ff/core';
import { ReviewErrors } from './reviews.errors';

/**
 * The review task's one state machine: statuses, transitions, who fires each and which need a
 * written reason. Services call `taskTransition()` and persist with a compare-and-set UPDATE
 * (`WHERE id = $1 AND status = $from`) in the transaction that writes the audit event. The README
 * renders `REVIEW_TASK_TRANSITIONS` as a table.
 */
export const REVIEW_TASK_STATUSES = ['assigned', 'accepted', 'declined', 'expired', 'submitted', 'reopened'] as const;
export type ReviewTaskStatus = (typeof REVIEW_TASK_STATUSES)[number];

export const REVIEW_TASK_STATUS_NAMES: Record<ReviewTaskStatus, string> = {
  assigned: '待接受',
  accepted: '评审中',
  declined: '已谢绝',
  expired: '逾期未接受',
  submitted: '已提交',
  reopened: '已退回重评',
};

export const REVIEW_TASK_EVENTS = ['accept', 'decline', 'expire', 'submit', 'reopen'] as const;
export type ReviewTaskEvent = (typeof REVIEW_TASK_EVENTS)[number];

export const REVIEW_TASK_EVENT_NAMES: Record<ReviewTaskEvent, string> = {
  accept: '接受任务',
  decline: '谢绝任务',
  expire: '接受期限已过',
  submit: '提交评分',
  reopen: '退回重评',
};

export type TaskFirer = 'expert' | 'official' | 'system';
export const TASK_FIRER_NAMES: Record<TaskFirer, string> = {
  expert: '评审专家',
  official: '省级主管部门',
  system: '系统（期限）',
};

export const REASON_MIN = 5;

/** What a transition's guard looks at: the written reason the request carries. */
export interface TaskTransitionContext {
  reason?: string | null;
}
export type ReviewTaskTransition = StateTransition<ReviewTaskStatus, ReviewTaskEvent, TaskFirer, TaskTransitionContext>;

/** A written reason is required (decline, reopen). */
const REASON: TransitionGuard<TaskTransitionContext> = {
  code: 'task_reason_required',
  label: '须填理由',
  test: (c) => (c?.reason ?? '').trim().length >= REASON_MIN,
  message: (_, event) => ReviewErrors.specs.task_reason_required.message(event, REASON_MIN),
};

export const REVIEW_TASK_STATE_MACHINE = defineStateMachine<
  ReviewTaskStatus,
  ReviewTaskEvent,
  TaskFirer,
  TaskTransitionContext
>({
  subject: '评审任务',
  states: REVIEW_TASK_STATUSES,
  names: REVIEW_TASK_STATUS_NAMES,
  events: REVIEW_TASK_EVENT_NAMES,
  firers: TASK_FIRER_NAMES,
  transitions: [
    { from: ['assigned'], event: 'accept', to: 'accepted', firers: ['expert'] },
    { from: ['assigned'], event: 'decline', to: 'declined', firers: ['expert'], guard: REASON },
    { from: ['assigned'], event: 'expire', to: 'expired', firers: ['system'] },
    { from: ['accepted', 'reopened'], event: 'submit', to: 'submitted', firers: ['expert'] },
    { from: ['submitted'], event: 'reopen', to: 'reopened', firers: ['official'], guard: REASON },
  ],
});
export const REVIEW_TASK_TRANSITIONS: readonly ReviewTaskTransition[] = REVIEW_TASK_STATE_MACHINE.transitions;

/** Tasks that still count on the panel (for load, progress and aggregation). */
export const ACTIVE_TASK_STATUSES: readonly ReviewTaskStatus[] = ['assigned', 'accepted', 'submitted', 'reopened'];
/** Where an expert may save draft scores. */
export const SCORABLE_TASK_STATUSES: readonly ReviewTaskStatus[] = ['accepted', 'reopened'];
/** Ended without the expert: the slot goes to someone else. */
export const VACATED_TASK_STATUSES: readonly ReviewTaskStatus[] = ['declined', 'expired'];

export type TaskTransitionResult =
  | { ok: true; to: ReviewTaskStatus; transition: ReviewTaskTransition }
  | { ok: false; code: 'invalid_transition' | 'transition_not_permitted' | 'task_reason_required'; message: string };

export function taskTransition(
  state: ReviewTaskStatus,
  event: ReviewTaskEvent,
  firer: TaskFirer,
  reason?: string | null,
): TaskTransitionResult {
  return REVIEW_TASK_STATE_MACHINE.transition(state, event, firer, { reason }) as TaskTransitionResult;
}

/** The table the README shows: one row per (from, event). */
export const taskStateMachineTable = () => REVIEW_TASK_STATE_MACHINE.table();
