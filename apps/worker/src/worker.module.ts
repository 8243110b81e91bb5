import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@ff/audit';
import { AppConfig, ConfigModule } from '@ff/config';
import { DatabaseModule } from '@ff/database';
import { IdentityModule } from '@ff/identity';
import { QueueModule } from '@ff/queue';
import { StorageModule } from '@ff/storage';
import { CONTEXT_MODULES } from '../../api/src/context-modules';

/** The queue-consuming process: the same context modules as the api, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule.forRoot(),
        QueueModule.forRoot({ consume: true }),
        AuditModule,
        StorageModule,
        IdentityModule,
        ...CONTEXT_MODULES,
      ],
    };
  }
}
