import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
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
import { RedisThrottlerStorage } from './http/redis-throttler.storage';
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
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'auth', ttl: 60_000, limit: config.auth.rateLimitPerMinute }],
          // Shared by every api instance through Redis; without Redis (embedded mode, one process) in memory.
          storage:
            config.queue.backend === 'redis'
              ? new RedisThrottlerStorage(config.queue.redisUrl!, config.queue.prefix)
              : undefined,
        }),
        TerminusModule,
        AuditModule,
        StorageModule,
        IdentityModule,
        ...CONTEXT_MODULES,
      ],
      controllers: [HealthController, SystemController, RulesController],
    };
  }
}
