import { defineStateMachine } from '@ff/core';
import type { Batch, BatchStatus } from './entities/batch.entity';

/**
 * The batch's one state machine: a draft is the province's working copy, opened once for
 * submissions and closed once. `BatchesService.transition` asks `transition()` with the batch it
 * read, then persists the result with `compareAndSet` in the transaction that writes the audit
 * event. The README renders `batchStateMachineTable()`.
 */
export const BATCH_STATUSES: readonly BatchStatus[] = ['draft', 'open', 'closed'];
export const BATCH_STATUS_NAMES: Record<BatchStatus, string> = { draft: '未开放', open: '申报中', closed: '已截止' };

export const BATCH_EVENTS = ['open', 'close'] as const;
export type BatchEvent = (typeof BATCH_EVENTS)[number];
export const BATCH_EVENT_NAMES: Record<BatchEvent, string> = { open: '开放申报', close: '截止申报' };
/** The audit action each event writes. */
export const BATCH_EVENT_ACTIONS: Record<BatchEvent, string> = { open: 'batch.opened', close: 'batch.closed' };

export type BatchFirer = 'official';

export const BATCH_STATE_MACHINE = defineStateMachine<BatchStatus, BatchEvent, BatchFirer, Batch>({
  subject: '批次',
  states: BATCH_STATUSES,
  names: BATCH_STATUS_NAMES,
  events: BATCH_EVENT_NAMES,
  firers: { official: '省级主管部门' },
  transitions: [
    {
      from: ['draft'],
      event: 'open',
      to: 'open',
      firers: ['official'],
      // Creating and editing a batch already refuse an empty window; opening states it too.
      guard: {
        code: 'invalid_window',
        label: '申报截止时间晚于开始时间',
        test: (b) => b.submissionOpensAt < b.submissionClosesAt,
        message: '申报截止时间须晚于开始时间',
      },
    },
    { from: ['open'], event: 'close', to: 'closed', firers: ['official'] },
  ],
});

/** The table the README shows: one row per (from, event). */
export const batchStateMachineTable = () => BATCH_STATE_MACHINE.table();
