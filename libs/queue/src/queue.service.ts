import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue, JobsOptions, type RedisQueueBackend } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { serviceUnavailable } from '@ff/core';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './jobs';

/**
 * How long a producer waits for the queue backend. The first call after Redis goes away may wait
 * out a connect attempt (3 s; 1.5 s for a health ping). Once a call has found the backend down,
 * later calls wait at most KNOWN_DOWN_WAIT_MS, so every request answers 503 well under a second
 * instead of each paying the full timeout; the first call that succeeds again clears it.
 */
const ENQUEUE_TIMEOUT_MS = 3000;
const PING_TIMEOUT_MS = 1500;
export const KNOWN_DOWN_WAIT_MS = 300;

/** ioredis options from a redis:// or rediss:// URL. */
function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.slice(1) || 0),
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** For callers that must answer at once: no offline queue, one retry per command, a short connect. */
export function failFastRedisOptions(url: string): RedisOptions {
  return {
    ...redisOptions(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    // How long a closing client waits for its socket to close before destroying it. ioredis arms
    // this timer even for a socket already gone (Redis down at shutdown) and never clears it, so
    // the default 2 s kept a stopping process (and the test runner) alive that long.
    disconnectTimeout: 200,
  };
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10000 },
  // Failed jobs stay for inspection.
  removeOnFail: false,
};

/** The producer side of the one queue port. With Redis down it refuses at once (503), never hangs. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Connection options for BullMQ objects; exported for the worker side. */
  connection(forWorker: boolean): object {
    const q = this.config.queue;
    if (q.backend === 'postgres')
      return { connection: { connectionString: q.postgresUrl, schema: q.postgresSchema }, prefix: q.prefix };
    // Options rather than a client: BullMQ then owns the blocking connections and closes them.
    if (forWorker)
      return { connection: { ...redisOptions(q.redisUrl!), maxRetriesPerRequest: null }, prefix: q.prefix };
    // Producers fail fast rather than queue commands while Redis is away.
    return { connection: failFastRedisOptions(q.redisUrl!), prefix: q.prefix };
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { ...this.connection(false), defaultJobOptions: DEFAULT_JOB_OPTIONS } as never);
      q.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts: { jobId: string; delay?: number },
  ): Promise<string> {
    const queue = this.queue(JOB_QUEUE[name]);
    try {
      const job = await this.answered(
        queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS, jobId: opts.jobId, delay: opts.delay }),
        ENQUEUE_TIMEOUT_MS,
      );
      return job.id!;
    } catch (e) {
      this.logger.error(`enqueue ${name} failed: ${(e as Error).message}`);
      throw serviceUnavailable('queue_unavailable', '任务队列暂不可用，请稍后重试');
    }
  }

  /** For health checks: true when the queue backend answers. */
  async ping(): Promise<boolean> {
    try {
      const counts = await this.answered(this.queue('system').getJobCounts('waiting'), PING_TIMEOUT_MS);
      return typeof counts.waiting === 'number';
    } catch {
      return false;
    }
  }

  /** Whether the last call found the queue backend down (see KNOWN_DOWN_WAIT_MS). */
  private knownDown = false;

  private async answered<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
    const wait = this.knownDown ? Math.min(timeoutMs, KNOWN_DOWN_WAIT_MS) : timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${wait} ms`)), wait);
        }),
      ]);
      this.knownDown = false;
      return result;
    } catch (e) {
      this.knownDown = true;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** BullMQ loses jobs silently if Redis may evict keys; say so loudly at start-up. */
  async checkEvictionPolicy(): Promise<string | null> {
    if (this.config.queue.backend !== 'redis') return null;
    try {
      const backend = this.queue('system').getBackend() as unknown as RedisQueueBackend;
      const client = (await backend.client) as unknown as IORedis;
      const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.warn(`Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or jobs may be lost`);
      }
      return policy;
    } catch (e) {
      this.logger.warn(`could not read Redis maxmemory-policy: ${(e as Error).message}`);
      return null;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // A graceful close waits for the connection; with Redis gone it would wait forever.
    await Promise.allSettled(
      [...this.queues.values()].map(async (q) => {
        let timer: NodeJS.Timeout | undefined;
        const closed = await Promise.race([
          q.close().then(() => true),
          new Promise<false>((r) => (timer = setTimeout(() => r(false), 2000))),
        ]);
        clearTimeout(timer);
        if (!closed) await q.disconnect();
      }),
    );
  }
}
