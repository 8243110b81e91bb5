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

export interface ReviewTaskTransition {
  from: readonly ReviewTaskStatus[];
  event: ReviewTaskEvent;
  to: ReviewTaskStatus;
  by: TaskFirer;
  /** A written reason is required (decline, reopen). */
  reason: boolean;
}

export const REVIEW_TASK_TRANSITIONS: readonly ReviewTaskTransition[] = [
  { from: ['assigned'], event: 'accept', to: 'accepted', by: 'expert', reason: false },
  { from: ['assigned'], event: 'decline', to: 'declined', by: 'expert', reason: true },
  { from: ['assigned'], event: 'expire', to: 'expired', by: 'system', reason: false },
  { from: ['accepted', 'reopened'], event: 'submit', to: 'submitted', by: 'expert', reason: false },
  { from: ['submitted'], event: 'reopen', to: 'reopened', by: 'official', reason: true },
];

/** Tasks that still count on the panel (for load, progress and aggregation). */
export const ACTIVE_TASK_STATUSES: readonly ReviewTaskStatus[] = ['assigned', 'accepted', 'submitted', 'reopened'];
/** Where an expert may save draft scores. */
export const SCORABLE_TASK_STATUSES: readonly ReviewTaskStatus[] = ['accepted', 'reopened'];
/** Ended without the expert: the slot goes to someone else. */
export const VACATED_TASK_STATUSES: readonly ReviewTaskStatus[] = ['declined', 'expired'];

export const REASON_MIN = 5;

export type TaskTransitionResult =
  | { ok: true; to: ReviewTaskStatus; transition: ReviewTaskTransition }
  | { ok: false; code: 'invalid_transition' | 'not_permitted' | 'reason_required'; message: string };

export function taskTransition(
  state: ReviewTaskStatus,
  event: ReviewTaskEvent,
  firer: TaskFirer,
  reason?: string | null,
): TaskTransitionResult {
  const t = REVIEW_TASK_TRANSITIONS.find((x) => x.event === event && x.from.includes(state));
  if (!t)
    return {
      ok: false,
      code: 'invalid_transition',
      message: `评审任务当前状态为“${REVIEW_TASK_STATUS_NAMES[state]}”，不能执行“${REVIEW_TASK_EVENT_NAMES[event]}”`,
    };
  if (t.by !== firer)
    return {
      ok: false,
      code: 'not_permitted',
      message: `“${REVIEW_TASK_EVENT_NAMES[event]}”只能由${TASK_FIRER_NAMES[t.by]}执行`,
    };
  if (t.reason && (reason ?? '').trim().length < REASON_MIN)
    return {
      ok: false,
      code: 'reason_required',
      message: `“${REVIEW_TASK_EVENT_NAMES[event]}”须填写不少于 ${REASON_MIN} 个字的理由`,
    };
  return { ok: true, to: t.to, transition: t };
}

/** The table the README shows: one row per (from, event). */
export function taskStateMachineTable(): { from: string; event: string; to: string; by: string }[] {
  return REVIEW_TASK_TRANSITIONS.flatMap((t) =>
    t.from.map((from) => ({
      from: `${REVIEW_TASK_STATUS_NAMES[from]} (\`${from}\`)`,
      event: `${REVIEW_TASK_EVENT_NAMES[t.event]} (\`${t.event}\`)${t.reason ? '，须填理由' : ''}`,
      to: `${REVIEW_TASK_STATUS_NAMES[t.to]} (\`${t.to}\`)`,
      by: TASK_FIRER_NAMES[t.by],
    })),
  );
}
