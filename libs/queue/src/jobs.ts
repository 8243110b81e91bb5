/**
 * Every job the system runs: its queue and its payload, in one table. Payloads carry ids, never
 * entities; a handler reloads what it needs, so a retried job sees the current state.
 */
export const QUEUE_NAMES = [
  'precheck',
  'system',
  'reviews',
  'notifications',
  'designations',
  'documents',
  'imports',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Run the rules library's 形式审查 on one frozen submission. */
  'precheck.run': { applicationId: string; submissionId: string };
  /** A no-op round trip through the queue, used by health and smoke tests. */
  'system.echo': { token: string };
  /** Send one outbox e-mail of the notifications context. */
  'notification.send': { notificationId: string };
  /** Compute a review round's assignment preview (run = the preview it will become). */
  'review.assign': { roundId: string; run: number };
  /** Publish a round's stored preview: tasks, application statuses, notices — exactly once. */
  'review.publish': { roundId: string; run: number; by: string; unfilledReason?: string | null };
  /** Replace a declined or unaccepted task with the best eligible expert left. */
  'review.reassign': { taskId: string };
  /** Per task: the acceptance deadline, a reminder (hours before due), the hard deadline. */
  'review.deadline': { taskId: string; kind: 'accept' | 'remind' | 'close'; hours?: number };
  /** Aggregate an application's panel once all its tasks are submitted (generation = reopen count). */
  'review.aggregate': { roundId: string; applicationId: string; generation: number };
  /** A 公示 window's end: entries without open objections become designations (idempotent). */
  'publicity.close': { publicityId: string };
  /** Render one stored document row (certificate, assessment report) from its frozen input, once. */
  'document.render': { documentId: string };
  /** Stream and check one uploaded application workbook: its report and preview (a dry run). */
  'import.validate': { importId: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'precheck.run': 'precheck',
  'system.echo': 'system',
  'notification.send': 'notifications',
  'review.assign': 'reviews',
  'review.publish': 'reviews',
  'review.reassign': 'reviews',
  'review.deadline': 'reviews',
  'review.aggregate': 'reviews',
  'publicity.close': 'designations',
  'document.render': 'documents',
  'import.validate': 'imports',
};

/** BullMQ forbids ':' in custom ids; ids are built from entity ids so a re-enqueue is a no-op. */
export function jobId(name: JobName, ...parts: string[]): string {
  return [name.replace(/\./g, '-'), ...parts].join('__');
}
