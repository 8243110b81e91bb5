/**
 * Expert score sheets submitted per second through the real stack: HTTP (Fastify, JWT, validation)
 * → the sheet's merge save (blind-review access check, scale check, audit) and the task's submit
 * (completeness, compare-and-set, audit, the aggregation job queued once a panel is complete) →
 * BullMQ on Redis → the worker's aggregation under the batch's pinned policy. Same-run baseline:
 * the bare `scoreApplication` from @ff/rules on the same sheets, interleaved run by run.
 *
 * Runs in its own PostgreSQL schema and Redis key prefix (like the tests) and removes them after.
 * BENCH_SHEETS_APPS (default 4) workshop applications per run (8 domains × panels of 2 = 16 tasks
 * each), BENCH_RUNS (default 3), BENCH_CONCURRENCY (default 8) expert clients.
 */
import { DataSource } from 'typeorm';
import { type IndustryMode, type ScoringInput, type ScoringPolicy, scoreApplication } from '@ff/rules';
import { pool, printSeries, printSettings, Series, timedRun } from './bench-util';
import { withBenchApi, BENCH_PASSWORD } from './bench-api';
import { addExpert, completeDraft, openBatch } from './bench-portal';

const APPS = Number(process.env.BENCH_SHEETS_APPS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const EXPERTS = 8;

interface Sheet {
  subdomainNo: number;
  clauses: { clauseId: string }[];
}
interface Task {
  id: string;
  applicationId: string;
  expertId: string;
  token: string;
  sheets: Sheet[];
}

async function main() {
  await withBenchApi(async ({ app, call, run, userToken }) => {
    const ds = app.get(DataSource);
    async function until(what: string, probe: () => Promise<boolean>) {
      const started = Date.now();
      while (!(await probe())) {
        if (Date.now() - started > 300_000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    // Set-up (not timed): APPS × RUNS city-recommended workshop applications, EXPERTS experts, one
    // published round, every task accepted.
    const setupStarted = Date.now();
    const official = await userToken('official', 0, '330000');
    const county = await userToken('recommender', 1, '330106');
    const city = await userToken('recommender', 2, '330100');
    const batch = await openBatch(call, official, { code: `BENCH-${run}`, title: '压测批次', tiers: ['workshop'] });
    const applicationIds = await pool(
      Array.from({ length: APPS * RUNS }, (_, i) => i),
      8,
      async (i) => {
        const token = await userToken('enterprise', i);
        const created = await completeDraft(call, token, {
          batchId: batch.id as string,
          tier: 'workshop',
          enterpriseName: `压测企业${run}${i}有限公司`,
          passing: true,
        });
        await call(token, 'POST', `/applications/${created.id}/submit`);
        return created.id;
      },
    );
    await until('the pre-checks', async () => {
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM applications WHERE id = ANY($1) AND status = 'precheck_passed'`,
        [applicationIds],
      );
      return n === applicationIds.length;
    });
    for (const who of [county, city])
      await pool(applicationIds, 8, (id) =>
        call(who, 'POST', `/applications/${id}/recommendation`, { decision: 'recommend', comment: '同意推荐' }),
      );
    const experts = await pool(
      Array.from({ length: EXPERTS }, (_, i) => i),
      4,
      async (i) => {
        const username = `bench_expert_${run}_${i}`;
        return addExpert(call, official, BENCH_PASSWORD, {
          username,
          name: `压测专家${i}`,
          employerName: `评审单位${i}`,
          maxTasksPerRound: 500,
        });
      },
    );
    const round = await call(official, 'POST', '/review-rounds', {
      batchId: batch.id,
      title: '压测评审轮次',
      panelSizes: { workshop: 2 },
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    });
    await until('the preview', async () => {
      const [r] = await ds.query(`SELECT preview->>'run' AS run FROM review_rounds WHERE id = $1`, [round.id]);
      return r?.run === '1';
    });
    await call(official, 'POST', `/review-rounds/${round.id}/publish`, { run: 1 });
    await until('the publication', async () => {
      const [r] = await ds.query(`SELECT status FROM review_rounds WHERE id = $1`, [round.id]);
      return r.status === 'published';
    });
    const tasks: Task[] = [];
    for (const e of experts) {
      for (let page = 1; ; page++) {
        const listed = await call(e.token, 'GET', `/review-tasks?pageSize=100&page=${page}`);
        const items = listed.items as { id: string; applicationId: string }[];
        await pool(items, 4, async (t) => {
          await call(e.token, 'POST', `/review-tasks/${t.id}/accept`);
          const sheets = (await call(e.token, 'GET', `/review-tasks/${t.id}/sheets`)) as unknown as Sheet[];
          tasks.push({ id: t.id, applicationId: t.applicationId, expertId: e.id, token: e.token, sheets });
        });
        if (items.length < 100) break;
      }
    }
    const sheetCount = (ts: Task[]) => ts.reduce((n, t) => n + t.sheets.length, 0);
    console.log(
      `set-up: ${applicationIds.length} applications, ${experts.length} experts, ${tasks.length} accepted tasks with ` +
        `${sheetCount(tasks)} sheets in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    // Timed: per run, every task of APPS applications — each sheet saved whole (PUT), then the task
    // submitted — by CONCURRENCY expert clients; then until the worker stored each panel's result.
    const api: Series = {
      name: `sheets saved + tasks submitted over HTTP (${CONCURRENCY} clients)`,
      rates: [],
      seconds: [],
    };
    const withResults: Series = { name: 'the same, until every panel result is stored', rates: [], seconds: [] };
    const baseline: Series = { name: 'baseline: scoreApplication alone (same sheets)', rates: [], seconds: [] };
    let sink = 0;
    for (let r = 0; r < RUNS; r++) {
      const apps = applicationIds.slice(r * APPS, (r + 1) * APPS);
      const mine = tasks.filter((t) => apps.includes(t.applicationId));
      const sheets = sheetCount(mine);
      const started = process.hrtime.bigint();
      await pool(mine, CONCURRENCY, async (t) => {
        for (const s of t.sheets) {
          const scores = Object.fromEntries(s.clauses.map((c) => [c.clauseId, { score: 1, comment: null }]));
          await call(t.token, 'PUT', `/review-tasks/${t.id}/sheets/${s.subdomainNo}`, { scores });
        }
        await call(t.token, 'POST', `/review-tasks/${t.id}/submit`);
      });
      const apiSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      await until('the panel results', async () => {
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM review_results WHERE round_id = $1 AND application_id = ANY($2)`,
          [round.id, apps],
        );
        return n === apps.length;
      });
      const allSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      api.rates.push(sheets / apiSeconds);
      api.seconds.push(apiSeconds);
      withResults.rates.push(sheets / allSeconds);
      withResults.seconds.push(allSeconds);

      // The same sheets as the aggregation reads them, scored by the rules library alone.
      const policy = batch.scoringPolicy as ScoringPolicy;
      const inputs: ScoringInput[] = apps.map((applicationId) => {
        const panels = new Map<number, ScoringInput['panels'][number]>();
        for (const t of mine.filter((x) => x.applicationId === applicationId))
          for (const s of t.sheets) {
            const p = panels.get(s.subdomainNo) ?? { subdomainNo: s.subdomainNo, experts: [] };
            p.experts.push({
              expertId: t.expertId,
              clauses: Object.fromEntries(s.clauses.map((c) => [c.clauseId, 1])),
            });
            panels.set(s.subdomainNo, p);
          }
        return {
          ruleSetVersion: batch.ruleSetVersion as string,
          tier: 'workshop',
          industry: 'discrete' as IndustryMode,
          panels: [...panels.values()],
        };
      });
      for (const input of inputs) {
        const result = scoreApplication(input, policy);
        if (!result.ok) throw new Error(`baseline input refused: ${JSON.stringify(result.errors.slice(0, 2))}`);
      }
      for (let i = 0; i < 50; i++) for (const input of inputs) sink += scoreApplication(input, policy).ok ? 1 : 0;
      const b = timedRun(() => {
        for (const input of inputs) sink += scoreApplication(input, policy).ok ? 1 : 0;
      }, sheets);
      baseline.rates.push(b.rate);
      baseline.seconds.push(b.seconds);
    }
    const [{ submitted }] = await ds.query(
      `SELECT count(*)::int AS submitted FROM review_tasks WHERE round_id = $1 AND status = 'submitted'`,
      [round.id],
    );
    if (submitted !== tasks.length) throw new Error(`expected ${tasks.length} submitted tasks, ${submitted} are`);

    printSettings({
      runs: RUNS,
      'applications per run': APPS,
      'sheets per run': sheetCount(tasks) / RUNS,
      clients: CONCURRENCY,
      logging: 'off (api logger disabled)',
      worker: 'in the api process (WORKER_IN_PROCESS=true), BullMQ on Redis',
    });
    printSeries([baseline, api, withResults]);
    console.log(`all ${submitted} tasks submitted, every panel result stored${sink < 0 ? '' : ''}`);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
