import { randomUUID } from 'node:crypto';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import IORedis from 'ioredis';
import { failFastRedisOptions } from '@ff/queue';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One sliding window per key, in Redis: each hit is a member scored by when it expires (Redis's
 * own clock, so instances with skewed clocks agree). Over the limit, the key is blocked for the
 * block duration and its hits are dropped, so counting starts afresh once the block ends — the
 * same behaviour as the library's in-memory storage.
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms, member. Returns: hits, ms to expire, ms blocked.
 */
const HIT = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { limit + 1, blocked, blocked } end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ttl)
local hits = redis.call('ZCARD', KEYS[1])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local expires = tonumber(oldest[2]) - now
if hits > limit then
  redis.call('SET', KEYS[2], '1', 'PX', block)
  redis.call('DEL', KEYS[1])
  return { hits, expires, block }
end
return { hits, expires, 0 }
`;

/**
 * Rate-limit counters shared by every api instance through Redis, so N instances enforce one limit
 * rather than N. When Redis does not answer, the limit falls back to this instance's memory (with
 * a warning) instead of failing the request: logins go on, limited per instance.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttler');
  private readonly redis: IORedis;
  /** Made on the first failure only: the library's storage holds an async resource and a sweep timer. */
  private fallback?: ThrottlerStorageService;
  /** The first connection, awaited (at most a second) before the first count. */
  private readonly connected: Promise<void>;
  private warnedAt = 0;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    // Like the queue producers: refuse at once while disconnected, never queue or hang.
    this.redis = new IORedis(failFastRedisOptions(redisUrl));
    this.redis.on('error', () => undefined);
    this.connected = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      timer.unref();
      this.redis.once('ready', () => (clearTimeout(timer), resolve()));
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    await this.connected;
    try {
      const [hits, expiresMs, blockedMs] = (await this.redis.eval(
        HIT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
        randomUUID(),
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(expiresMs / 1000),
        isBlocked: blockedMs > 0,
        timeToBlockExpire: Math.ceil(blockedMs / 1000),
      };
    } catch (e) {
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(
          `Redis unavailable for rate limiting, counting in this instance's memory: ${(e as Error).message}`,
        );
      }
      this.fallback ??= new ThrottlerStorageService();
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.fallback?.onApplicationShutdown();
    this.redis.disconnect();
  }
}
