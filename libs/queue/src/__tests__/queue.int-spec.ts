import { Job, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { resolveRuntime, type Runtime } from '@ff/runtime';
import { jobId } from '../jobs';
import { QueueService } from '../queue.service';

/**
 * The queue port on both of its backends — Redis, and BullMQ's PostgreSQL backend of the embedded
 * mode — with the same code: deterministic ids make a re-enqueue a no-op, a failing job is retried
 * with exponential backoff, and a job that cannot succeed is kept for inspection.
 */
describe.each([
  ['Redis', 'redis', { REDIS_URL: process.env.REDIS_URL! }],
  ['PostgreSQL', 'postgres', { REDIS_URL: '' }],
] as const)('queue on %s', (_, backend, overrides) => {
  let runtime: Runtime;
  let queues: QueueService;
  let worker: Worker;
  /** What the test worker does with each job, by its token: what the first enqueue said. */
  const behaviour = new Map<string, (job: Job) => unknown>();
  const attempts = new Map<string, number[]>();

  const run = async (token: string, handle: (job: Job) => unknown) => {
    if (!behaviour.has(token)) behaviour.set(token, handle);
    return queues.enqueue('system.echo', { token }, { jobId: jobId('system.echo', token) });
  };
  const settled = async (id: string): Promise<Job> => {
    for (;;) {
      const state = await queues.queue('system').getJobState(id);
      if (state === 'completed' || state === 'failed') return (await queues.queue('system').getJob(id))!;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...overrides,
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_${backend}`,
    };
    // No REDIS_URL selects BullMQ's PostgreSQL backend, as in the embedded mode.
    if (!env.REDIS_URL) delete env.REDIS_URL;
    runtime = await resolveRuntime(env, { migrate: true });
    expect(runtime.config.queue.backend).toBe(backend);
    queues = new QueueService(runtime.config);
    worker = new Worker(
      'system',
      async (job: Job) => {
        const token = (job.data as { token: string }).token;
        attempts.set(token, [...(attempts.get(token) ?? []), Date.now()]);
        return behaviour.get(token)!(job);
      },
      { ...queues.connection(true), concurrency: 2 } as never,
    );
  });
  afterAll(async () => {
    await worker.close();
    await queues.onApplicationShutdown();
    await runtime.stop();
  });

  it('runs a job once for one id, however often it is enqueued', async () => {
    const id = await run('once', () => ({ done: true }));
    expect(id).toBe('system-echo__once');
    expect(await run('once', () => ({ done: 'again' }))).toBe(id);
    const job = await settled(id);
    expect(job.returnvalue).toEqual({ done: true });
    // Enqueued again after it ran: still the same job, not run a second time.
    expect(await run('once', () => ({ done: 'late' }))).toBe(id);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.get('once')).toHaveLength(1);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const id = await run('flaky', (job) => {
      if (job.attemptsMade < 2) throw new Error(`transient failure ${job.attemptsMade + 1}`);
      return { attempt: job.attemptsMade + 1 };
    });
    const job = await settled(id);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ attempt: 3 });
    const [first, second, third] = attempts.get('flaky')!;
    // Delays of 1 s, then 2 s (DEFAULT_JOB_OPTIONS): lower bounds only, the machine may be slower.
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(1950);
  }, 20_000);

  it('keeps a job that cannot succeed, with its reason, for inspection', async () => {
    const id = await run('doomed', () => {
      throw new UnrecoverableError('申报材料缺失，无法处理');
    });
    const job = await settled(id);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe('申报材料缺失，无法处理');
    expect(attempts.get('doomed')).toHaveLength(1);
    expect(await queues.queue('system').getFailedCount()).toBe(1);
  });

  it('tries a job that keeps failing 5 times, with backoff, then keeps it as failed', async () => {
    const id = await run('hopeless', (job) => {
      throw new Error(`failure ${job.attemptsMade + 1}`);
    });
    const job = await settled(id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(5);
    expect(job.failedReason).toBe('failure 5');
    const times = attempts.get('hopeless')!;
    expect(times).toHaveLength(5);
    // 1 + 2 + 4 + 8 s of exponential backoff between the five (a lower bound: the machine may be slower).
    expect(times[4] - times[0]).toBeGreaterThanOrEqual(14_500);
  }, 60_000);

  it('answers health pings', async () => {
    expect(await queues.ping()).toBe(true);
    if (backend === 'postgres') return expect(await queues.checkEvictionPolicy()).toBeNull();
    const redis = new IORedis(process.env.REDIS_URL!);
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    redis.disconnect();
    expect(await queues.checkEvictionPolicy()).toBe(policy);
  });
});
