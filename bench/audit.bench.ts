/**
 * The audit chain at volume: the sealer's rate on a large backlog, and `audit:verify`'s rate and
 * memory over the whole chain. Same-run baselines: reading the same rows in the same pages without
 * hashing (what verification cannot go faster than), and verification of a chain ten times shorter
 * (memory must not grow with the chain).
 *
 * BENCH_AUDIT_EVENTS (default 200,000; 1,000,000 for the figure the README quotes) events are
 * written by SQL in one statement, in a schema of their own, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditAnchors, AuditEvent, AuditSealer, AuditVerifier } from '@ff/audit';
import type { AppConfig } from '@ff/config';
import { dataSourceOptions, runMigrations } from '@ff/database';
import { dropScratchRun, scratchRunEnv } from '@ff/runtime';
import { Series, printSeries, printSettings } from './bench-util';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE = 5000;

const env = scratchRunEnv('b', { databaseUrl: process.env.BENCH_DATABASE_URL, redisUrl: process.env.BENCH_REDIS_URL });

/** Peak resident set size while `fn` runs, sampled every 20 ms, in MiB. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMiB: number; seconds: number }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMiB: peak / 2 ** 20, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ff-audit-bench-'));
  const config = {
    database: { url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA, poolSize: 4 },
    audit: {
      hashAlgorithm: 'sha256',
      sealIntervalMs: 200,
      maxSealLagSeconds: 3600,
      anchorIntervalSeconds: 300,
      anchorKeyFile: join(dir, 'key.pem'),
      anchorsFile: join(dir, 'anchors.jsonl'),
    },
  } as AppConfig;
  await runMigrations(config);
  const ds = await new DataSource({ ...dataSourceOptions(config), entities: [AuditEvent] }).initialize();
  try {
    const anchors = new AuditAnchors(config);
    const sealer = new AuditSealer(ds, anchors, config);
    const verifier = new AuditVerifier(ds, anchors, config);
    const write = (n: number) =>
      ds.query(
        `INSERT INTO audit_events (occurred_at, actor_role, action, entity_type, entity_id, before, after, request_id, ip)
         SELECT now() - make_interval(secs => $1 - i), 'system', 'application.precheck_pass', 'application', md5(i::text),
                jsonb_build_object('status', 'submitted'),
                jsonb_build_object('status', 'precheck_passed', 'findings', i % 7, '名称', '未来工厂'),
                'req-' || i, '10.0.0.1'
           FROM generate_series(1, $1) AS i`,
        [n],
      );

    // The chain a tenth as long first: the memory reference.
    await write(EVENTS / 10);
    await sealer.drain();
    const shortHead = await sealer.head();
    anchors.write({ seq: shortHead.seq, hash: shortHead.hash!, alg: 'sha256' });
    const short = await peakRss(() => verifier.verify({ pageSize: PAGE }));
    if (!short.value.ok) throw new Error(`short chain did not verify: ${JSON.stringify(short.value.problems)}`);

    await write(EVENTS - EVENTS / 10);
    const sealing: Series = {
      name: `sealer: ${EVENTS.toLocaleString('en-US')} events (events/s)`,
      rates: [],
      seconds: [],
    };
    const sealed = await peakRss(() => sealer.drain());
    sealing.rates.push(sealed.value / sealed.seconds);
    sealing.seconds.push(sealed.seconds);
    const head = await sealer.head();
    anchors.write({ seq: head.seq, hash: head.hash!, alg: 'sha256' });

    const read: Series = { name: 'baseline: the same pages read, no hashing (rows/s)', rates: [], seconds: [] };
    const verify: Series = { name: 'audit:verify over the whole chain (rows/s)', rates: [], seconds: [] };
    let verifyPeak = 0;
    let anchorsCompared = 0;
    let readPeak = 0;
    for (let run = 0; run < RUNS; run++) {
      const r = await peakRss(async () => {
        let after = '0';
        let n = 0;
        for (;;) {
          const rows = await ds
            .getRepository(AuditEvent)
            .createQueryBuilder('e')
            .where('e.seq > :after', { after })
            .orderBy('e.seq', 'ASC')
            .limit(PAGE)
            .getMany();
          if (rows.length === 0) return n;
          n += rows.length;
          after = rows[rows.length - 1].seq!;
        }
      });
      read.rates.push(r.value / r.seconds);
      read.seconds.push(r.seconds);
      readPeak = Math.max(readPeak, r.peakMiB);
      const v = await peakRss(() => verifier.verify({ pageSize: PAGE }));
      if (!v.value.ok || v.value.checked !== EVENTS) throw new Error(`verify: ${JSON.stringify(v.value.problems)}`);
      verify.rates.push(v.value.checked / v.seconds);
      verify.seconds.push(v.seconds);
      verifyPeak = Math.max(verifyPeak, v.peakMiB);
      anchorsCompared = v.value.anchors.verified;
    }

    printSettings({ runs: RUNS, events: EVENTS, 'page size': PAGE, hash: 'sha256' });
    printSeries([read, verify, sealing]);
    console.log(
      `peak RSS: verify over ${EVENTS.toLocaleString('en-US')} rows ${verifyPeak.toFixed(0)} MiB, over ${(EVENTS / 10).toLocaleString('en-US')} rows ` +
        `${short.peakMiB.toFixed(0)} MiB (${(verifyPeak / short.peakMiB).toFixed(2)}×: flat means bounded); reading alone ${readPeak.toFixed(0)} MiB; ` +
        `signed checkpoints compared: ${anchorsCompared}`,
    );
  } finally {
    await ds.destroy();
    await dropScratchRun(env);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
