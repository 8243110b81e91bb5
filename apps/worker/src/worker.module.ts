import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
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
        // The context modules' controllers come along (unused without HTTP), and Nest builds the
        // guards they name: the auth controller's rate-limit guard needs its options. Without this
        // the worker process never started.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'auth', ttl: 60_000, limit: config.auth.rateLimitPerMinute }] }),
        AuditModule.forRoot({ seal: true }),
        StorageModule,
        IdentityModule,
        ...CONTEXT_MODULES,
      ],
    };
  }
}
