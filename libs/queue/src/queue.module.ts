import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EchoProcessor } from './echo.processor';
import { QueueService } from './queue.service';
import { WorkerHostService } from './worker-host.service';

/** `true` in a process that consumes jobs (the worker, or the api in embedded mode): where sweeps run. */
export const QUEUE_CONSUMER = Symbol('QUEUE_CONSUMER');

@Global()
@Module({})
export class QueueModule {
  /** `consume: true` also starts the processors of this process's job handlers. */
  static forRoot(options: { consume: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: options.consume ? [DiscoveryModule] : [],
      providers: [
        QueueService,
        { provide: QUEUE_CONSUMER, useValue: options.consume },
        ...(options.consume ? [WorkerHostService, EchoProcessor] : []),
      ],
      exports: [QueueService, QUEUE_CONSUMER],
    };
  }
}
