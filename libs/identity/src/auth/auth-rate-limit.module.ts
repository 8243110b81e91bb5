import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@ff/config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * The auth routes' rate limit (AUTH_RATE_LIMIT_PER_MINUTE), declared by the module whose
 * controller uses it: every process that loads IdentityModule — api, worker, CLI — can build the
 * guard. Shared by every api instance through Redis; without Redis (embedded mode, one process)
 * in memory.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: config.auth.rateLimitPerMinute }],
        storage:
          config.queue.backend === 'redis'
            ? new RedisThrottlerStorage(config.queue.redisUrl!, config.queue.prefix)
            : undefined,
      }),
    }),
  ],
})
export class AuthRateLimitModule {}
