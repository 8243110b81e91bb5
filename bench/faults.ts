/**
 * Faults lose nothing — proved on real, private servers (`npm run bench:faults`, after the build):
 *
 *  A. the worker killed with kill -9 again and again while pre-checks are in flight: every accepted
 *     submission is pre-checked exactly once in effect (one outcome audit event, no pending left);
 *  B. Redis restarted (append-only file, as docker-compose) while jobs are queued: nothing lost;
 *     while it is down a submit answers 503 and changes nothing, and /health says the queue is down;
 *  C. PostgreSQL restarted under load: no 500, no stack in any answer, /health reflects the outage,
 *     the api and the worker reconnect by themselves.
 *
 * The evidence disk full or read-only is proved by test/uploads.e2e-spec.ts. Exits 1 on any
 * broken promise. Only 127.0.0.1, its own Redis and PostgreSQL on free ports, bounded in time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { resolveRuntime } from '@ff/runtime';
import { AppProcess, PrivatePostgres, PrivateRedis, appEnv, freePort, http, sleep, until } from './fault-env';
import { World } from './fault-world';

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '  ok ' : '  FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'ff-faults-'));
  const redis = new PrivateRedis(await freePort(), join(tmp, 'redis'));
  const pg = new PrivatePostgres(await freePort(), join(tmp, 'pg'));
  const port = await freePort();
  let api: AppProcess | undefined;
  let worker: AppProcess | undefined;
  try {
    await redis.start();
    await pg.start();
    const env = appEnv({
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      DATA_DIR: join(tmp, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      QUEUE_PREFIX: 'faults',
    });
    const runtime = await resolveRuntime(env, { migrate: true });
    await runtime.stop();
    api = new AppProcess('api', env);
    worker = new AppProcess('worker', env);
    api.start();
    worker.start();
    const base = `http://127.0.0.1:${port}`;
    await until('the api', async () => (await http(base, null, 'GET', '/health')).status === 200, 90_000);
    const sql = new Client({ connectionString: pg.url });
    await sql.connect();
    const world = await World.create(base, env, sql);

    // ---------------------------------------------------------------- A. kill -9 the worker
    console.log('A. worker killed with kill -9 while pre-checks are in flight');
    const batchA = await world.drafts(60);
    const submits = batchA.map((a) => world.submit(a));
    let kills = 0;
    let killedWhilePending = 0;
    for (let i = 0; i < 8; i++) {
      await sleep(300 + Math.random() * 400);
      if ((await world.pending()) > 0) killedWhilePending++;
      worker.kill9();
      kills++;
      await sleep(200);
      worker.start();
    }
    const accepted = (await Promise.all(submits)).filter((r) => r.status === 200 || r.status === 201).length;
    check(accepted === batchA.length, `all ${batchA.length} submits accepted (${accepted})`);
    const drainA = await until('queue A to drain', async () => (await world.pending()) === 0, 180_000);
    console.log(`  ${kills} kills (${killedWhilePending} with pre-checks pending); drained ${drainA} ms after`);
    const onceA = await world.exactlyOnce(batchA);
    check(onceA.ok, `each of ${batchA.length} submissions pre-checked exactly once ${onceA.detail}`);

    // ---------------------------------------------------------------- B. Redis restarted
    console.log('B. Redis restarted while jobs are queued');
    await worker.stop();
    const batchB = await world.drafts(20);
    const queued = await Promise.all(batchB.map((a) => world.submit(a)));
    check(
      queued.every((r) => r.status === 200 || r.status === 201),
      'submits accepted and queued with no worker running',
    );
    await redis.stop();
    const spare = (await world.drafts(1))[0];
    const down = await world.submit(spare);
    check(
      down.status === 503 && down.body.code === 'queue_unavailable',
      `submit while Redis is down → ${down.status} ${down.body.code}`,
    );
    check((await world.statusOf(spare)) === 'draft', 'that application is still a draft (nothing half-written)');
    const healthDown = await http(base, null, 'GET', '/health');
    check(
      healthDown.status === 503 && healthDown.text.includes('queue'),
      `health while Redis is down → ${healthDown.status} ${healthDown.text.slice(0, 120)}`,
    );
    await redis.start();
    worker.start();
    await until('queue B to drain after the restart', async () => (await world.pending()) === 0, 120_000);
    const onceB = await world.exactlyOnce(batchB);
    check(
      onceB.ok,
      `each of ${batchB.length} queued submissions survived the restart, pre-checked once ${onceB.detail}`,
    );
    const retry = await world.submit(spare);
    check(
      retry.status === 200 || retry.status === 201,
      `the refused submit succeeds once Redis is back (${retry.status})`,
    );

    // ---------------------------------------------------------------- C. PostgreSQL restarted under load
    console.log('C. PostgreSQL restarted under load');
    await sql.end();
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let loadOn = true;
    const load = Array.from({ length: 20 }, async (_, lane) => {
      while (loadOn) {
        const r = await world.mixedRequest(lane);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status >= 500 && r.status !== 503) bad.push(`${r.status} ${r.text.slice(0, 200)}`);
        if (/\bat .+\(.+:\d+:\d+\)|node_modules/.test(r.text)) bad.push(`stack in answer: ${r.text.slice(0, 200)}`);
        if (r.status === 0) await sleep(50);
      }
    });
    await sleep(3000);
    await pg.stop();
    await sleep(500);
    const healthPg = await http(base, null, 'GET', '/health');
    check(
      healthPg.status === 503 && healthPg.text.includes('database'),
      `health while PostgreSQL is down → ${healthPg.status}`,
    );
    await sleep(3000);
    await pg.start();
    const recovered = await until(
      'the api to answer from the database again',
      async () => (await world.mixedRequest(0)).status === 200,
      60_000,
    );
    await sleep(2000);
    loadOn = false;
    await Promise.all(load);
    console.log(
      `  answers during the run: ${JSON.stringify(Object.fromEntries(statuses))}; api recovered ${recovered} ms after restart`,
    );
    check(bad.length === 0, `no 500 and no stack in any answer${bad.length ? `: ${bad.slice(0, 3).join(' | ')}` : ''}`);
    const sql2 = new Client({ connectionString: pg.url });
    await sql2.connect();
    world.useSql(sql2);
    const after = await world.drafts(3);
    await Promise.all(after.map((a) => world.submit(a)));
    await until(
      'the worker to pre-check after the database restart',
      async () => (await world.pending()) === 0,
      60_000,
    );
    const onceC = await world.exactlyOnce(after);
    check(onceC.ok, `the worker reconnected and pre-checked new submissions ${onceC.detail}`);
    const half = await world.halfWritten();
    check(half === 0, `no half-written change (submitted applications without a submission row: ${half})`);
    await sql2.end();
  } finally {
    await api?.stop();
    await worker?.stop();
    await redis.stop();
    await pg.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
  if (failures.length) {
    console.log(`\n${failures.length} fault check(s) FAILED`);
    process.exit(1);
  }
  console.log('\nall fault checks passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
