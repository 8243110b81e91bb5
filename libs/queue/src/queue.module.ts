import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EchoProcessor } from './echo.processor';
import { JOB_QUEUE, JobName } from './jobs';
import { QueueMonitor } from './queue-monitor';
import { QueueService } from './queue.service';
import { QUEUE_CONSUMED, WorkerHostService } from './worker-host.service';

/** `true` in a process that consumes jobs (the worker, or the api in embedded mode): where sweeps run. */
export const QUEUE_CONSUMER = Symbol('QUEUE_CONSUMER');

@Global()
@Module({})
export class QueueModule {
  /**
   * `consume` says which jobs this process runs: `true` every job `jobs.ts` declares (the worker,
   * and the api in embedded mode), `false` none (the api beside a worker), or a list. A consumed
   * job without exactly one `@JobProcessor` provider stops the process at start-up.
   */
  static forRoot(options: { consume: boolean | readonly JobName[] }): DynamicModule {
    const consumed: readonly JobName[] =
      options.consume === true ? (Object.keys(JOB_QUEUE) as JobName[]) : options.consume || [];
    const consume = consumed.length > 0;
    return {
      module: QueueModule,
      imports: consume ? [DiscoveryModule] : [],
      providers: [
        QueueService,
        QueueMonitor,
        { provide: QUEUE_CONSUMER, useValue: consume },
        { provide: QUEUE_CONSUMED, useValue: consumed },
        ...(consume ? [WorkerHostService, EchoProcessor] : []),
      ],
      exports: [QueueService, QueueMonitor, QUEUE_CONSUMER],
    };
  }
}
