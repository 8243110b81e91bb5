import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './jobs';

export const JOB_PROCESSOR = Symbol('JOB_PROCESSOR');

/** Marks a provider as the handler of one job; the worker host finds it by this metadata. */
export const JobProcessor = (name: JobName) => SetMetadata(JOB_PROCESSOR, name);

export interface JobHandler<N extends JobName> {
  /** Must be idempotent: delivery is at-least-once and failed attempts are retried. */
  process(job: Job<JobPayloads[N]>): Promise<unknown>;
}
