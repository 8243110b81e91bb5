/**
 * Every job the system runs: its queue and its payload, in one table. Payloads carry ids, never
 * entities; a handler reloads what it needs, so a retried job sees the current state.
 */
export const QUEUE_NAMES = ['precheck', 'system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Run the rules library's 形式审查 on one frozen submission. */
  'precheck.run': { applicationId: string; submissionId: string };
  /** A no-op round trip through the queue, used by health and smoke tests. */
  'system.echo': { token: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'precheck.run': 'precheck',
  'system.echo': 'system',
};

/** BullMQ forbids ':' in custom ids; ids are built from entity ids so a re-enqueue is a no-op. */
export function jobId(name: JobName, ...parts: string[]): string {
  return [name.replace(/\./g, '-'), ...parts].join('__');
}
