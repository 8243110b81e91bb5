import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { AppError, serviceUnavailable } from '@ff/core';
import { QueueName, jobId } from './jobs';
import { QueueService } from './queue.service';

/** Where a job is in its queue. */
export type JobState = 'waiting' | 'delayed' | 'prioritized' | 'active' | 'completed' | 'failed';

/** A job as an operator or a test sees it, without the queue library's types. */
export interface JobSnapshot {
  id: string;
  name: string;
  state: JobState | 'unknown';
  attemptsMade: number;
  failedReason: string | null;
  result: unknown;
}

/**
 * What operators ask of the queue besides enqueueing: is a worker consuming (a round trip through a
 * processor), how many jobs wait, where one job is. The only place outside the worker host that
 * touches BullMQ's event and job objects.
 */
@Injectable()
export class QueueMonitor {
  constructor(private readonly queues: QueueService) {}

  /**
   * Enqueues a `system.echo` and waits until a processor has answered it: the round trip in ms.
   * 503 `queue_unavailable` when the backend refuses the job, 503 `worker_unavailable` when no
   * processor answers within `timeoutMs`.
   */
  async echoRoundTrip(timeoutMs = 10_000): Promise<number> {
    const token = randomUUID();
    const started = Date.now();
    const events = new QueueEvents('system', this.queues.connection(true) as never);
    try {
      await events.waitUntilReady();
      const id = await this.queues.enqueue('system.echo', { token }, { jobId: jobId('system.echo', token) });
      const job = await this.queues.queue('system').getJob(id);
      const result = await job!.waitUntilFinished(events, timeoutMs);
      if (result?.token !== token) throw new Error('unexpected result');
    } catch (e) {
      if (e instanceof AppError && e.status === 503) throw e;
      throw serviceUnavailable(
        'worker_unavailable',
        `任务已投递但未在${Math.round(timeoutMs / 1000)}秒内被处理，请检查 worker 进程`,
      );
    } finally {
      await events.close();
    }
    return Date.now() - started;
  }

  /** The number of jobs of one queue in each of the states asked for. */
  counts<S extends JobState>(queue: QueueName, ...states: S[]): Promise<Record<S, number>> {
    return this.queues.queue(queue).getJobCounts(...states) as Promise<Record<S, number>>;
  }

  /** One job, or null when there is none with that id. */
  async job(queue: QueueName, id: string): Promise<JobSnapshot | null> {
    const job = await this.queues.queue(queue).getJob(id);
    if (!job) return null;
    return {
      id: job.id!,
      name: job.name,
      state: (await job.getState()) as JobState | 'unknown',
      attemptsMade: job.attemptsMade,
      failedReason: job.failedReason ?? null,
      result: job.returnvalue ?? null,
    };
  }
}
