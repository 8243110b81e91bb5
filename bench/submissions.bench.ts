/**
 * Submissions + pre-checks per second through the real stack: HTTP (Fastify, JWT, validation) →
 * the submit transaction (frozen snapshot with its hash, compare-and-set, audit) → BullMQ on Redis
 * → the worker → the rules library → report, status change and audit in one transaction.
 * Same-run baselines: the bare `evaluateSubmission` on the same frozen content, and the same flow
 * with the audit chain's sealer paused (events written, nothing chained) — alternating rounds, so
 * both see the same machine. The sealer's throughput (the paused rounds' backlog sealed at once)
 * and its lag under load (sampled during the chained rounds) are printed too.
 *
 * Runs in its own PostgreSQL schema and Redis key prefix (like the tests) and removes them after.
 * BENCH_SUBMISSIONS_N (default 200) applications, BENCH_CONCURRENCY (default 16) clients.
 */
import { DataSource } from 'typeorm';
import { AuditSealer, AuditSealerHost, AuditService } from '@ff/audit';
import { SYSTEM_ACTOR } from '@ff/core';
import { type SubmissionSnapshot, evaluationInput } from '@ff/applications';
import { evaluateSubmission } from '@ff/rules';
import { pool, printSeries, printSettings, Series, timedRun } from './bench-util';
import { withBenchApi } from './bench-api';
import { completeDraft, openBatch } from './bench-portal';

const N = Number(process.env.BENCH_SUBMISSIONS_N ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SEAL_BACKLOG = Number(process.env.BENCH_SEAL_BACKLOG ?? 20_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  await withBenchApi(async ({ app, call, run, userToken }) => {
    // Set-up (not timed): a batch, N enterprises, each with a complete self-assessment and evidence.
    const official = await userToken('official', 0, '330000');
    const batch = await openBatch(call, official, {
      code: `BENCH-${run}`,
      title: '压测批次',
      tiers: ['smart_factory'],
    });
    const setupStarted = Date.now();
    const applications = await pool(
      Array.from({ length: N * RUNS * 2 }, (_, i) => i),
      8,
      async (i) => {
        const token = await userToken('enterprise', i);
        // 申报条件事项 meeting the batch's default thresholds, so every pre-check passes.
        const { id, clauses } = await completeDraft(call, token, {
          batchId: batch.id as string,
          tier: 'smart_factory',
          enterpriseName: `压测企业${run}${i}有限公司`,
          passing: true,
        });
        return { id, token, clauses: clauses.length };
      },
    );
    console.log(
      `set-up: ${N * RUNS * 2} enterprises with ${applications[0].clauses}-clause self-assessments in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    // Timed, RUNS pairs of rounds of N applications, each submitted over HTTP and pre-checked by the
    // worker (in this process): one round with the audit chain sealed as it goes, one with the
    // sealer paused; then the paused round's backlog sealed at once, and the same-run rules baseline
    // for at least a second on that round's content.
    const ds = app.get(DataSource);
    const sealerHost = app.get(AuditSealerHost);
    const sealer = app.get(AuditSealer);
    const audit = app.get(AuditService);
    const latencies: number[] = [];
    const endToEnd: Series = {
      name: `submit + pre-check, audit chain sealed (HTTP→queue→worker, ${CONCURRENCY} clients)`,
      rates: [],
      seconds: [],
    };
    const unchained: Series = { name: 'same flow, audit events written, sealer paused', rates: [], seconds: [] };
    const sealing: Series = {
      name: `sealer alone: a backlog of ${SEAL_BACKLOG} events sealed (events/s)`,
      rates: [],
      seconds: [],
    };
    const baseline: Series = { name: 'baseline: evaluateSubmission alone (same content)', rates: [], seconds: [] };
    let maxLagSeconds = 0;
    let maxUnsealed = 0;
    let sink = 0;

    async function round(slice: typeof applications, chained: boolean): Promise<number> {
      const ids = slice.map((a) => a.id);
      let sampling = chained;
      const sampler = (async () => {
        while (sampling) {
          const lag = await sealer.lag();
          maxLagSeconds = Math.max(maxLagSeconds, lag.oldestUnsealedSeconds);
          maxUnsealed = Math.max(maxUnsealed, lag.unsealed);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const started = process.hrtime.bigint();
      await pool(slice, CONCURRENCY, async (a) => {
        const t0 = performance.now();
        await call(a.token, 'POST', `/applications/${a.id}/submit`);
        if (chained) latencies.push(performance.now() - t0);
      });
      for (;;) {
        const [{ pending }] = await ds.query(
          `SELECT count(*)::int AS pending FROM applications WHERE id = ANY($1) AND status = 'submitted'`,
          [ids],
        );
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      sampling = false;
      await sampler;
      return seconds;
    }

    for (let run = 0; run < RUNS; run++) {
      const chainedRound = applications.slice(2 * run * N, (2 * run + 1) * N);
      const pausedRound = applications.slice((2 * run + 1) * N, (2 * run + 2) * N);
      await sealer.drain();
      const chainedSeconds = await round(chainedRound, true);
      endToEnd.rates.push(N / chainedSeconds);
      endToEnd.seconds.push(chainedSeconds);

      await sealerHost.pause();
      await sealer.drain();
      const pausedSeconds = await round(pausedRound, false);
      unchained.rates.push(N / pausedSeconds);
      unchained.seconds.push(pausedSeconds);
      // The sealer's own rate, on a backlog big enough to time: the paused round's events plus
      // application-shaped events written 100 to a transaction.
      for (let written = 0; written < SEAL_BACKLOG; written += 100) {
        await ds.transaction(async (em) => {
          for (let i = 0; i < 100; i++) {
            await audit.record(
              em,
              SYSTEM_ACTOR,
              { requestId: `bench-${run}-${written + i}` },
              {
                action: 'application.precheck_pass',
                entityType: 'application',
                entityId: chainedRound[i % N].id,
                before: { status: 'submitted' },
                after: { status: 'precheck_passed', findings: 0, ruleSetVersion: 'bench' },
              },
            );
          }
        });
      }
      const sealStarted = process.hrtime.bigint();
      const backlog = await sealer.drain();
      const sealSeconds = Number(process.hrtime.bigint() - sealStarted) / 1e9;
      sealing.rates.push(backlog / sealSeconds);
      sealing.seconds.push(sealSeconds);
      sealerHost.resume();

      const [{ content }] = await ds.query(`SELECT content FROM application_submissions WHERE application_id = $1`, [
        chainedRound[0].id,
      ]);
      const input = evaluationInput(content as SubmissionSnapshot);
      for (let i = 0; i < 500; i++) sink += evaluateSubmission(input).findings.length;
      const r = timedRun(() => {
        for (let i = 0; i < 200; i++) sink += evaluateSubmission(input).findings.length;
      }, 200);
      baseline.rates.push(r.rate);
      baseline.seconds.push(r.seconds);
    }
    const [{ passed }] = await ds.query(
      `SELECT count(*)::int AS passed FROM applications WHERE batch_id = $1 AND status = 'precheck_passed'`,
      [batch.id],
    );
    if (passed !== N * RUNS * 2) {
      throw new Error(`expected ${N * RUNS * 2} applications to pass the pre-check, ${passed} did`);
    }

    printSettings({
      runs: RUNS,
      'applications per run': N,
      clients: CONCURRENCY,
      logging: 'off (api logger disabled, LOG_LEVEL silent)',
      worker: 'in the api process (WORKER_IN_PROCESS=true), BullMQ on Redis',
    });
    printSeries([baseline, unchained, endToEnd, sealing]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `chain cost: the chained flow takes ${(median(unchained.rates) / median(endToEnd.rates)).toFixed(2)}× the time of the unchained one (target ≤ 1.5×); ` +
        `sealer lag under load: at most ${maxUnsealed} events unsealed, the oldest ${maxLagSeconds.toFixed(1)} s`,
    );
    latencies.sort((a, b) => a - b);
    console.log(
      `submit HTTP latency over all runs: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
        `max ${latencies[latencies.length - 1].toFixed(1)} ms; all ${passed} pre-checks passed` +
        (sink < 0 ? '' : ''),
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
