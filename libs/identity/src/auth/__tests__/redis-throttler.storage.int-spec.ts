import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { RedisThrottlerStorage } from '../redis-throttler.storage';

/**
 * The auth rate limit's counters in the real Redis: two api instances share one limit, a block
 * ends and counting starts afresh, hits slide out of the window, and with Redis gone the limit
 * still holds, per instance.
 */
describe('RedisThrottlerStorage', () => {
  const url = process.env.REDIS_URL!;
  const prefix = `${process.env.QUEUE_PREFIX}_throttle`;
  const a = new RedisThrottlerStorage(url, prefix);
  const b = new RedisThrottlerStorage(url, prefix);
  let n = 0;
  const key = () => `ip-${n++}`;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  afterAll(() => {
    a.onApplicationShutdown();
    b.onApplicationShutdown();
  });

  it('counts the hits of every instance against one limit, then blocks', async () => {
    const k = key();
    const seen = [];
    for (const s of [a, b, a, b, a]) seen.push(await s.increment(k, 60_000, 3, 60_000, 'auth'));
    expect(seen.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true],
    ]);
    expect(seen[3].timeToBlockExpire).toBe(60);
    expect(seen[0].timeToExpire).toBeGreaterThan(0);
    expect(seen[0].timeToExpire).toBeLessThanOrEqual(60);
  });

  it('counts afresh once a block has ended', async () => {
    const k = key();
    await a.increment(k, 60_000, 1, 200, 'auth');
    expect((await b.increment(k, 60_000, 1, 200, 'auth')).isBlocked).toBe(true);
    await sleep(300);
    expect(await a.increment(k, 60_000, 1, 200, 'auth')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets hits slide out of the window', async () => {
    const k = key();
    await a.increment(k, 200, 5, 1000, 'auth');
    await a.increment(k, 200, 5, 1000, 'auth');
    await sleep(300);
    expect(await b.increment(k, 200, 5, 1000, 'auth')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps its keys under the run’s prefix, expiring', async () => {
    const k = key();
    await a.increment(k, 60_000, 5, 60_000, 'auth');
    const redis = new IORedis(url);
    try {
      const keys = await redis.keys(`${prefix}:throttle:auth:${k}:*`);
      expect(keys).toEqual([`${prefix}:throttle:auth:${k}:hits`]);
      expect(await redis.pttl(keys[0])).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('still limits, in memory, when Redis does not answer, and warns once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const down = new RedisThrottlerStorage('redis://127.0.0.1:1', prefix);
    try {
      const k = key();
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await down.increment(k, 60_000, 2, 60_000, 'auth'));
      expect(seen.map((r) => r.isBlocked)).toEqual([false, false, true]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/^Redis unavailable for rate limiting/);
    } finally {
      down.onApplicationShutdown();
      warn.mockRestore();
    }
  });
});
