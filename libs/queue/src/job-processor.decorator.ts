import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './jobs';

export const JOB_PROCESSOR = Symbol('JOB_PROCESSOR');

/** Marks a provider as the handler of one job; the worker host finds it by this metadata. */
export const JobProcessor = (name: JobName) => SetMetadata(JOB_PROCESSOR, name);

/** What a handler knows of the delivery it runs in — never the queue library's own types. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  /** How many attempts the job has in all. */
  attempts: number;
  /** This is the last attempt: if it fails, the job fails for good (and stays for inspection). */
  isFinalAttempt: boolean;
  /** Publishes how far the job is (a number, e.g. rows done, or a small object). */
  reportProgress(progress: number | object): Promise<void>;
}

export interface JobHandler<N extends JobName> {
  /** Must be idempotent: delivery is at-least-once and failed attempts are retried. */
  handle(payload: JobPayloads[N], ctx: JobContext): Promise<unknown>;
}
