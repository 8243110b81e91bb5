import { defineErrors } from './error-table';

/**
 * The refusals every state machine shares (see state-machine.ts): raised by its `assert` and
 * `conflict`, and by `compareAndSet` (libs/database) through them when a concurrent change won.
 * A guard's refusal keeps the code of its own context's table.
 */
export const TransitionErrors = defineErrors('transitions', {
  /**
   * The status does not allow the event — as read, or because a concurrent change moved the row
   * first (then without an event: the status the winner left).
   */
  invalid_transition: {
    status: 409,
    message: (subject: string, current: string, event?: string) =>
      event
        ? `${subject}当前状态为“${current}”，不能执行“${event}”`
        : `${subject}状态已被他人更新为“${current}”，本次操作未生效，请刷新后重试`,
  },
  /** The status allows the event, but someone else fires it. */
  transition_not_permitted: {
    status: 403,
    message: (event: string, firers: string) => `“${event}”只能由${firers}执行`,
  },
});
