import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { QueueService, jobId } from '@ff/queue';
import type { TestApp } from './test-app';

/**
 * The smoke test both modes must pass: health is green, the OpenAPI document is served, and a
 * job makes a full round trip through the queue backend and a processor.
 */
export async function smoke(t: TestApp): Promise<void> {
  const health = await t.http().get('/health').expect(200);
  expect(health.body.info).toMatchObject({
    database: { status: 'up' },
    queue: { status: 'up' },
    disk: { status: 'up' },
  });

  const docs = await t.http().get('/api/docs-json').expect(200);
  expect(docs.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  await t.http().get('/api/docs').expect(200);

  const queues = t.app.get(QueueService);
  const queue = queues.queue('system');
  const events = new QueueEvents('system', queues.connection(true) as never);
  await events.waitUntilReady();
  try {
    const token = randomUUID();
    const id = await queues.enqueue('system.echo', { token }, { jobId: jobId('system.echo', token) });
    const job = await queue.getJob(id);
    const result = await job!.waitUntilFinished(events, 15_000);
    expect(result).toEqual({ token });
  } finally {
    await events.close();
  }
}
