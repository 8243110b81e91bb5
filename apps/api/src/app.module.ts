import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@ff/audit';
import { AppConfig, ConfigModule } from '@ff/config';
import { DatabaseModule } from '@ff/database';
import { IdentityModule } from '@ff/identity';
import { QueueModule } from '@ff/queue';
import { StorageModule } from '@ff/storage';
import { HealthController } from './health/health.controller';
import { SystemController } from './health/system.controller';
import { RulesController } from './rules/rules.controller';
import { CONTEXT_MODULES } from './context-modules';
import { loggerParams } from './http/logging';

/** The HTTP process. With `consume`, it also runs the queue processors (embedded mode). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule.forRoot(),
        QueueModule.forRoot({ consume: config.queue.inProcessWorker }),
        TerminusModule,
        AuditModule.forRoot({ seal: config.queue.inProcessWorker }),
        StorageModule,
        IdentityModule,
        ...CONTEXT_MODULES,
      ],
      controllers: [HealthController, SystemController, RulesController],
    };
  }
}
