import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EchoProcessor } from './echo.processor';
import { QueueService } from './queue.service';
import { WorkerHostService } from './worker-host.service';

@Global()
@Module({})
export class QueueModule {
  /** `consume: true` also starts the processors of this process's job handlers. */
  static forRoot(options: { consume: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: options.consume ? [DiscoveryModule] : [],
      providers: [QueueService, ...(options.consume ? [WorkerHostService, EchoProcessor] : [])],
      exports: [QueueService],
    };
  }
}
