import { QueueMonitor } from '@ff/queue';
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

  // A job's full round trip through the backend and the echo processor.
  expect(await t.app.get(QueueMonitor).echoRoundTrip(15_000)).toBeGreaterThanOrEqual(0);
}
