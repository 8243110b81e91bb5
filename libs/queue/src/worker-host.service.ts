import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { JOB_PROCESSOR, JobContext, JobHandler } from './job-processor.decorator';
import { JOB_QUEUE, JobName, QueueName } from './jobs';
import { DEFAULT_JOB_OPTIONS, QueueService } from './queue.service';

/** How many times a job may be found abandoned by a dead worker before it is failed (a crash loop). */
export const MAX_STALLED = 20;

/** The job names this process consumes (see `QueueModule.forRoot`). */
export const QUEUE_CONSUMED = Symbol('QUEUE_CONSUMED');

interface ProviderLike {
  instance: unknown;
  metatype: unknown;
}

/**
 * The handler of every job this process consumes, from the providers marked `@JobProcessor`.
 * Refuses (throws) when two providers claim one job, or when a consumed job has no handler — a
 * process that started anyway would leave those jobs waiting for ever, or run one of two at random.
 */
export function collectHandlers(
  providers: readonly ProviderLike[],
  reflector: Reflector,
  consumed: readonly JobName[],
): Map<JobName, JobHandler<JobName>> {
  const handlers = new Map<JobName, JobHandler<JobName>>();
  const owners = new Map<JobName, string>();
  for (const { instance, metatype } of providers) {
    if (!instance || typeof metatype !== 'function') continue;
    const name = reflector.get<JobName | undefined>(JOB_PROCESSOR, metatype);
    if (!name || handlers.get(name) === instance) continue;
    if (handlers.has(name))
      throw new Error(
        `job "${name}" is claimed by two providers (${owners.get(name)} and ${metatype.name}); exactly one @JobProcessor('${name}') may exist`,
      );
    handlers.set(name, instance as JobHandler<JobName>);
    owners.set(name, metatype.name);
  }
  const missing = consumed.filter((n) => !handlers.has(n));
  if (missing.length)
    throw new Error(
      `this process consumes ${missing.map((n) => `"${n}"`).join(', ')} (declared in libs/queue/src/jobs.ts) ` +
        `but no provider handles ${missing.length > 1 ? 'them' : 'it'}: add a @JobProcessor provider to a module of this process`,
    );
  return new Map([...handlers].filter(([name]) => consumed.includes(name)));
}

/** What the handler sees of a BullMQ job. */
function contextOf(job: Job): JobContext {
  const attempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
  return {
    jobId: job.id!,
    attempt: job.attemptsMade + 1,
    attempts,
    isFinalAttempt: job.attemptsMade + 1 >= attempts,
    reportProgress: (progress) => job.updateProgress(progress),
  };
}

/**
 * The consumer side of the queue port: one BullMQ Worker per queue that has handlers, dispatching
 * by job name. Runs in apps/worker, or inside the api process in embedded mode.
 */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_CONSUMED) private readonly consumed: readonly JobName[],
  ) {}

  onApplicationBootstrap(): void {
    const handlers = collectHandlers(this.discovery.getProviders(), this.reflector, this.consumed);
    const byQueue = new Map<QueueName, JobName[]>();
    for (const name of handlers.keys()) {
      const q = JOB_QUEUE[name];
      byQueue.set(q, [...(byQueue.get(q) ?? []), name]);
    }
    for (const [queueName, names] of byQueue) {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler) throw new Error(`no handler for job ${job.name}`);
          return handler.handle(job.data, contextOf(job));
        },
        // A job whose worker died mid-run is handed out again; handlers are idempotent, so a job
        // caught by several crashes in a row must not be given up (BullMQ's default gives up after one).
        { ...this.queues.connection(true), concurrency: 4, autorun: true, maxStalledCount: MAX_STALLED } as never,
      );
      worker.on('failed', (job, err) =>
        this.logger.warn(`${queueName}/${job?.name} ${job?.id} attempt ${job?.attemptsMade} failed: ${err.message}`),
      );
      worker.on('error', (err) => this.logger.warn(`${queueName}: ${err.message}`));
      this.workers.push(worker);
      this.logger.log(`consuming queue "${queueName}" (${names.join(', ')}) on ${this.config.queue.backend}`);
    }
  }

  /**
   * Stops taking jobs and lets the ones in flight finish — before the application's shutdown hooks,
   * which close the database connections and the queues they may add follow-up jobs to.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }
}
