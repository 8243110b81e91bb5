/**
 * Faults lose nothing — proved on real, private servers (`npm run bench:faults`, after the build):
 *
 *  A. the worker killed with kill -9 again and again while every job type is in flight — pre-checks,
 *     workbook imports, a review round's assignment and publication, declined tasks' reassignment,
 *     its reminder, aggregation, a 公示's window end, document rendering and e-mail — at random
 *     moments and, for the short jobs, the moment BullMQ reports one active (a kill mid-job proved
 *     by the job still active once the worker is dead, and completed after a stall since): each
 *     job's effect counted once in SQL (rows, audit events per entity and action, notifications,
 *     e-mails, documents, stored files, certificate serials), no partial file left behind, then the
 *     audit chain sealed and verified (`audit:seal`, `audit:verify`);
 *  B. Redis restarted (append-only file, as docker-compose) while jobs are queued: nothing lost;
 *     while it is down a submit answers 503 and changes nothing, and /health says the queue is down;
 *  C. PostgreSQL restarted under load: no 500, no stack in any answer, /health reflects the outage,
 *     the api and the worker reconnect by themselves.
 *
 * The evidence disk full or read-only is proved by test/uploads.e2e-spec.ts. Exits 1 on any
 * broken promise. Only 127.0.0.1, its own Redis and PostgreSQL on free ports, bounded in time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { PrivateStack, http, sleep, until } from './fault-env';
import { Pipeline, World, inFlight, jobEffects, type PipelineIds } from './fault-world';

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '  ok ' : '  FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

async function main() {
  const stack = await PrivateStack.create('faults');
  // A real SMTP relay that keeps the Message-ID of what it receives: a second, different message
  // for one notification would show as one Message-ID too many.
  const mails: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const header = Buffer.concat(chunks)
          .toString('utf8')
          .split(/\r?\n\r?\n/)[0];
        mails.push(/^message-id:\s*(\S+)/im.exec(header)?.[1] ?? '(none)');
        callback();
      });
    },
  });
  smtp.on('error', () => undefined); // a worker killed mid-conversation resets its connection
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const { worker } = await stack.start({ QUEUE_PREFIX: 'faults', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    const { env, base, redis, pg } = stack;
    const sql = new Client({ connectionString: pg.url });
    sql.on('error', () => undefined); // PostgreSQL stopped on the way out: the error is the query's
    await sql.connect();
    const world = await World.create(base, env, sql);

    // ---------------------------------------------------------------- A. kill -9 the worker
    console.log('A. worker killed with kill -9 while every job type is in flight');
    const county = await World.staff(base, sql, 'recommender', '330106');
    const city = await World.staff(base, sql, 'recommender', '330100');
    const officialB = await World.staff(base, sql, 'official', '330000');
    // Waits until the system has scheduled the delayed jobs `ids` (after a commit, or by a retried
    // job), runs `before` (the SQL that makes them due), then promotes them: the same jobs, due now.
    const promote = async (queue: 'designations' | 'reviews', ids: string[], before: () => Promise<void>) => {
      const q = new Queue(queue, { connection: { url: redis.url }, prefix: 'faults' });
      try {
        const jobs = [];
        for (const id of ids) {
          let job = await q.getJob(id);
          for (let i = 0; !job && i < 1200; i++) {
            await sleep(250);
            job = await q.getJob(id);
          }
          if (!job) throw new Error(`no job ${id} in queue ${queue}`);
          jobs.push(job);
        }
        await before();
        for (const job of jobs) if (await job.isDelayed()) await job.promote().catch(() => undefined);
      } finally {
        await q.close();
      }
    };
    const started = Date.now();
    const log = (line: string) => console.log(`  [${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
    const pipeline = new Pipeline(world, () => sql, base, promote, log);
    const experts = [await pipeline.expert(), await pipeline.expert(), await pipeline.expert()];
    const reviewed = await world.drafts(4, true);
    const batchA = await world.drafts(60);
    const template = await pipeline.template();
    const ids: Partial<PipelineIds> = {};
    // Every kill goes through one place, one at a time: kill -9, then BullMQ's active lists read
    // while the worker is dead — a job active then was taken by the dead worker and not finished,
    // a kill that landed mid-job (proved by BullMQ, not inferred) — then the worker restarted.
    const queues = new Map(
      ['precheck', 'imports', 'reviews', 'notifications', 'designations', 'documents'].map((name) => [
        name,
        new Queue(name, { connection: { url: redis.url }, prefix: 'faults' }),
      ]),
    );
    for (const q of queues.values()) closers.push(() => q.close());
    const consumers = () => queues.get('precheck')!.getWorkersCount();
    let kills = 0;
    const caught = new Map<string, number>(); // job type → kills while the SQL probe saw its work unfinished
    const midJob = new Map<string, number>(); // job type → kills with one of its jobs active
    const killedJobs = new Map<string, { queue: string; id: string; name: string }>();
    const seenAttempts = new Set<string>();
    let killing: Promise<unknown> = Promise.resolve();
    const victim = worker;
    const killWorker = () =>
      (killing = killing.then(async () => {
        for (const [job, count] of Object.entries(await inFlight(sql, ids)))
          if (count > 0) caught.set(job, (caught.get(job) ?? 0) + 1);
        await victim.kill9();
        kills++;
        const names = new Set<string>();
        for (const [queue, q] of queues)
          for (const job of await q.getActive()) {
            // A job still active from an earlier kill (its lock not yet expired) is not this kill's.
            const attempt = `${queue}/${job.id}/${job.attemptsStarted}`;
            if (seenAttempts.has(attempt)) continue;
            seenAttempts.add(attempt);
            names.add(job.name);
            killedJobs.set(`${queue}/${job.id}`, { queue, id: job.id!, name: job.name });
          }
        for (const name of names) midJob.set(name, (midJob.get(name) ?? 0) + 1);
        // Redis has seen the dead worker's connections close before the next one starts.
        await until('the dead worker to leave Redis', async () => (await consumers()) === 0, 5000).catch(() => 0);
        victim.start();
        return names;
      }));
    // Targeted kills: the short jobs (one round's assignment, its publication, a 公示's end…) run
    // for milliseconds, so a kill at a random moment rarely lands in one. The worker is killed the
    // moment BullMQ reports such a job active, until each type has `TARGETS` kills that landed in it.
    const TARGETS: Record<string, number> = {
      'review.assign': 1,
      'review.publish': 1,
      'review.reassign': 2,
      'review.deadline': 2,
      'review.aggregate': 2,
      'publicity.close': 1,
      'document.render': 2,
    };
    const targeted = new Map<string, { tried: number; landed: number }>();
    const watchers = ['reviews', 'designations', 'documents'].map(
      (name) => new QueueEvents(name, { connection: { url: redis.url }, prefix: 'faults' }),
    );
    for (const w of watchers) closers.push(() => w.close());
    let aiming = false;
    for (const events of watchers)
      events.on('active', ({ jobId: id }) => {
        const name = id.split('__')[0].replace(/-/g, '.');
        if (aiming || !(name in TARGETS) || (midJob.get(name) ?? 0) >= TARGETS[name]) return;
        aiming = true;
        void killWorker()
          .then((names) => {
            const t = targeted.get(name) ?? { tried: 0, landed: 0 };
            targeted.set(name, { tried: t.tried + 1, landed: t.landed + ((names as Set<string>).has(name) ? 1 : 0) });
          })
          .finally(() => (aiming = false));
      });
    await Promise.all(watchers.map((w) => w.waitUntilReady()));
    // The random killer: whenever some job is in flight, 0.3–2.5 s after the restarted worker
    // consumes again (however long it takes to boot on a busy machine, it gets to work between
    // kills, so kills land while jobs wait and while it runs them) — 8 kills at least.
    let driving = true;
    const killer = (async () => {
      while (driving || kills < 8) {
        await until('the worker to consume', async () => (await consumers()) > 0, 120_000);
        await sleep(300 + Math.random() * 2200);
        while (driving && Object.values(await inFlight(sql, ids)).every((c) => c === 0)) await sleep(100);
        await killWorker();
      }
    })();
    const submits = batchA.map((a) => world.submit(a));
    const importsDone = pipeline.imports(template, 8).then((i) => (ids.imports = i));
    const run = pipeline.run(reviewed, experts, county, city, officialB, ids);
    const outcome = await Promise.allSettled([Promise.all(submits), importsDone, run]);
    driving = false;
    await killer;
    await killing;
    for (const o of outcome)
      if (o.status === 'rejected') {
        // What the queues hold, to tell a lost job from a slow one.
        for (const name of ['reviews', 'designations', 'documents', 'imports', 'notifications', 'precheck']) {
          const q = new Queue(name, { connection: { url: redis.url }, prefix: 'faults' });
          const failed = await q.getFailed(0, 20);
          console.log(
            `  queue ${name}: ${JSON.stringify(await q.getJobCounts())}`,
            failed.map((j) => `${j.id}: ${j.failedReason}`),
          );
          await q.close();
        }
        console.log(worker.output.slice(-3000));
        throw o.reason;
      }
    const accepted = (await Promise.all(submits)).filter((r) => r.status === 200 || r.status === 201).length;
    check(accepted === batchA.length, `all ${batchA.length} submits accepted (${accepted})`);
    const drainA = await until(
      'every job of A to settle',
      async () => Object.values(await inFlight(sql, ids)).every((c) => c === 0),
      180_000,
    );
    console.log(
      `  ${kills} kills in ${((Date.now() - started) / 1000).toFixed(0)} s; settled ${drainA} ms after the last`,
    );
    const onceA = await world.exactlyOnce([...batchA, ...reviewed]);
    const dataDir = env.DATA_DIR!;
    const fileExists = (sha: string, size: number) => {
      const path = join(dataDir, 'storage', sha.slice(0, 2), sha.slice(2, 4), sha);
      return existsSync(path) && statSync(path).size === size;
    };
    const effects = await jobEffects(sql, ids as PipelineIds, mails, fileExists);
    const table = [
      {
        job: 'precheck.run',
        jobs: batchA.length + reviewed.length,
        effects: `${onceA.detail.replace(/^\(|\)$/g, '')}`,
        wrong: onceA.ok ? 0 : 1,
      },
      ...effects,
    ];
    // Each job a kill caught mid-run: completed since, after BullMQ found it abandoned (stalled).
    const resumed = new Map<string, { jobs: number; done: number }>();
    for (const k of killedJobs.values()) {
      const job = await queues.get(k.queue)!.getJob(k.id);
      const state = job ? await job.getState() : 'missing';
      const r = resumed.get(k.name) ?? { jobs: 0, done: 0 };
      const ok = state === 'completed' && !!job && (job.stalledCounter >= 1 || job.attemptsStarted >= 2);
      resumed.set(k.name, { jobs: r.jobs + 1, done: r.done + (ok ? 1 : 0) });
      if (!ok) console.log(`  job ${k.queue}/${k.id} killed mid-run: ${state}, stalled ${job?.stalledCounter}`);
    }
    await Promise.all(watchers.map((w) => w.close()));
    await Promise.all([...queues.values()].map((q) => q.close()));
    console.log(
      '\n  | job | jobs | kills with work in flight (SQL) | kills mid-job (active in BullMQ) | of them aimed (tried) | jobs killed mid-run → completed after a stall | effects counted | wrong |\n  |---|---|---|---|---|---|---|---|',
    );
    for (const r of table) {
      const t = targeted.get(r.job);
      const m = resumed.get(r.job);
      console.log(
        `  | ${r.job} | ${r.jobs} | ${caught.get(r.job) ?? 0} | ${midJob.get(r.job) ?? 0} | ${t ? `${t.landed} (${t.tried})` : '—'} | ${m ? `${m.jobs} → ${m.done}` : '0'} | ${r.effects} | ${r.wrong} |`,
      );
    }
    console.log('');
    for (const [name, m] of resumed)
      check(m.done === m.jobs, `${name}: each of ${m.jobs} jobs killed mid-run completed after a stall (${m.done})`);
    for (const [name, want] of Object.entries(TARGETS))
      check(
        (midJob.get(name) ?? 0) >= 1,
        `${name}: a kill landed mid-job (${midJob.get(name) ?? 0}; aimed for ${want})`,
      );
    for (const r of table)
      check(r.wrong === 0, `${r.job}: every job's effect exactly once${r.detail ? ` ${r.detail}` : ''}`);
    const partial = existsSync(join(dataDir, 'storage', 'tmp'))
      ? readdirSync(join(dataDir, 'storage', 'tmp')).filter((f) => f.endsWith('.part')).length
      : 0;
    check(partial === 0, `no partial file left in the storage's tmp directory by the kills (${partial})`);

    // The audit chain: sealed by the CLI, every committed event sealed once, the chain verifies.
    const cli = (cmd: string) =>
      spawnSync(process.execPath, [join(__dirname, '..', 'apps', 'cli', 'src', 'main.js'), cmd], {
        env,
        encoding: 'utf8',
        timeout: 120_000,
      });
    const seal = cli('audit:seal');
    check(seal.status === 0, `audit:seal → ${seal.status} ${(seal.stdout + seal.stderr).trim().slice(0, 200)}`);
    const chain = (
      await sql.query(
        `SELECT count(*)::int AS events, count(seq)::int AS sealed, count(DISTINCT seq)::int AS seqs,
                COALESCE(max(seq), 0)::text AS head FROM audit_events`,
      )
    ).rows[0];
    check(
      chain.sealed === chain.events && chain.seqs === chain.events && chain.head === String(chain.events),
      `every committed audit event sealed once (${chain.events} events, ${chain.sealed} sealed, ${chain.seqs} distinct positions, head ${chain.head})`,
    );
    const verify = cli('audit:verify');
    check(
      verify.status === 0,
      `audit:verify → ${verify.status} ${(verify.stdout + verify.stderr).trim().slice(0, 300)}`,
    );

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
    for (const close of closers) await close().catch(() => undefined);
    await stack.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
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
