import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { JOB_PROCESSOR, JobHandler } from './job-processor.decorator';
import { JOB_QUEUE, JobName, QueueName } from './jobs';
import { QueueService } from './queue.service';

/** How many times a job may be found abandoned by a dead worker before it is failed (a crash loop). */
export const MAX_STALLED = 20;

/**
 * The consumer side of the queue port: one BullMQ Worker per queue that has handlers, dispatching
 * by job name. Runs in apps/worker, or inside the api process in embedded mode.
 */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = new Map<JobName, JobHandler<JobName>>();
    for (const wrapper of this.discovery.getProviders()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_PROCESSOR, metatype);
      if (name) handlers.set(name, instance as JobHandler<JobName>);
    }
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
          return handler.process(job);
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

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }
}
