/**
 * Excel import of applications, end to end below HTTP: N enterprises with full future-factory
 * self-assessments (≈ 109 clause rows each) in one workbook → the dry run (streamed parse, every
 * cell checked, database checks, report) → the commit (parsed again, then every enterprise,
 * application and declaration written in one audited transaction). Time and peak RSS of each.
 *
 * Same-run baseline: exceljs' streaming reader alone over the same file, opened as exceljs opens a
 * path, plus a PostgreSQL `COPY` of the same rows into a bare table — the least a plain use of the
 * two can cost. (The import itself feeds the reader the zip's entries in reading order, shared
 * strings before sheets; see `inReadingOrder`.) Each phase runs in its own child process, so its
 * peak RSS is its own; RSS is also compared at 10× the rows, with the live heap after the dry run.
 *
 * Two sizes, each with its own baseline: BENCH_IMPORT_N enterprises and 10× that (default 20 and
 * 200 ≈ 2,200 and 22,000 rows, so `npm run bench` stays small); BENCH_IMPORT_N=100 gives the full
 * size, 1,000 applications ≈ 110,000 rows, against 10,900 rows for the RSS comparison. Servers as
 * for the tests. BENCH_CPU_PROF=<dir> writes a CPU profile of each phase there. Every phase runs
 * with the production image's heap limit (BENCH_HEAP_MB, default 1024; 0 for V8's default).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '@ff/core';
import { UsersService } from '@ff/identity';
import { BatchesService } from '@ff/batches';
import { makeCreditCode } from '@ff/enterprises';
import { clausesFor, getRuleSet } from '@ff/rules';
import { FILE_STORAGE, type FileStorage } from '@ff/storage';
import { ImportAnalyser } from '@ff/imports';
import { ImportCommitService } from '../libs/imports/src/import-commit.service';
import { ImportValidateProcessor } from '../libs/imports/src/import.processor';
import { ApplicationImport } from '../libs/imports/src/entities/application-import.entity';
import { dropScratchRun, resolveRuntime, scratchRunEnv } from '@ff/runtime';
import { createApiApp } from '../apps/api/src/bootstrap';
import { printSettings } from './bench-util';

const N = Number(process.env.BENCH_IMPORT_N ?? 20);
const NARRATIVE = '已建成覆盖全部产线的设备联网与数据采集系统，实时采集设备运行参数并用于生产调度和质量追溯。';
const clauses = clausesFor(getRuleSet(), 'future_factory', 'discrete');
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** V8's young generation as reserved now (new space plus new large-object space), MB. */
const youngGenerationMb = () =>
  Math.round(
    getHeapSpaceStatistics()
      .filter((s) => s.space_name.startsWith('new_'))
      .reduce((n, s) => n + s.space_size, 0) / 1048576,
  );
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

/** The workbook of `n` enterprises, written by exceljs' streaming writer (not timed). */
async function writeWorkbook(n: number, path: string, seed: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ent = wb.addWorksheet('企业信息');
  ent.addRow(['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级']).commit();
  const codes = Array.from({ length: n }, (_, i) => makeCreditCode(`91330106${seed}${String(i).padStart(5, '0')}`));
  codes.forEach((c, i) => ent.addRow([c, `基准测试企业${i}有限公司`, '西湖区', '离散行业', '未来工厂']).commit());
  ent.commit();
  const self = wb.addWorksheet('自评');
  self.addRow(['统一社会信用代码', '条款编号', '自评结论', '情况说明']).commit();
  for (const c of codes) for (const { clause } of clauses) self.addRow([c, clause.id, '满足', NARRATIVE]).commit();
  self.commit();
  await wb.commit();
  return codes.length * clauses.length;
}

async function baseline(path: string) {
  const started = process.hrtime.bigint();
  const rows: string[] = [];
  // exceljs' reader as a user of exceljs would open the file: the file as written, the reader's own options.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name;
    for await (const row of sheet)
      if (name === '自评')
        rows.push(
          (row.values as unknown[])
            .slice(1)
            .map((v) => String(v ?? ''))
            .join('\t'),
        );
  }
  const pg = new Client({ connectionString: process.env.DATABASE_URL });
  await pg.connect();
  try {
    await pg.query(`CREATE TEMP TABLE bench_rows (credit_code text, clause_id text, status text, narrative text)`);
    await pipeline(Readable.from(rows.slice(1).map((r) => `${r}\n`)), pg.query(copyFrom(`COPY bench_rows FROM STDIN`)));
  } finally {
    await pg.end();
  }
  return { seconds: seconds(started), rssMb: rssMb() };
}

async function system(path: string) {
  const runtime = await resolveRuntime(process.env, { migrate: false });
  const app = await createApiApp(runtime.config, { logger: false });
  await app.init();
  try {
    const user = await app.get(UsersService).create(
      SYSTEM_ACTOR,
      {},
      {
        username: `bench${Date.now()}`,
        displayName: '基准',
        password: 'Bench-Passw0rd!',
        role: 'official',
        regionCode: '330000',
      },
      { mustChangePassword: false },
    );
    const actor: Actor = { userId: user.id, role: 'official', enterpriseId: null, regionCode: '330000' };
    const batches = app.get(BatchesService);
    const now = Date.now();
    const batch = await batches.create(actor, {}, {
      code: `IMP${now.toString(36)}`,
      title: '导入基准',
      tiers: ['future_factory'],
      submissionOpensAt: new Date(now - 3600_000).toISOString(),
      submissionClosesAt: new Date(now + 86400_000).toISOString(),
    } as never);
    await batches.transition(actor, {}, batch.id, 'open');
    app.get(ImportAnalyser).maxRows = 1_000_000;
    const stored = await app.get<FileStorage>(FILE_STORAGE).put(createReadStream(path), { maxBytes: 1 << 30 });
    const imp = await app.get(DataSource).getRepository(ApplicationImport).save({
      batchId: batch.id,
      fileSha256: stored.sha256,
      fileName: 'bench.xlsx',
      fileSize: stored.size,
      jurisdictionCode: '330000',
      createdBy: user.id,
    });
    const base = rssMb();
    // BENCH_DEBUG=1: the peak of each memory figure during the dry run (sampled every 20 ms) on
    // stderr, and where the phases start on stdout, between the lines `--trace-gc` prints
    // (BENCH_NODE_FLAGS=--trace-gc); each phase's output is then kept in the temp directory.
    const peak: Record<string, number> = {};
    const sampler =
      process.env.BENCH_DEBUG &&
      setInterval(() => {
        const m = process.memoryUsage() as unknown as Record<string, number>;
        for (const k of Object.keys(m)) peak[k] = Math.max(peak[k] ?? 0, Math.round(m[k] / 1048576));
        for (const sp of getHeapSpaceStatistics())
          peak[sp.space_name] = Math.max(peak[sp.space_name] ?? 0, Math.round(sp.space_size / 1048576));
      }, 20);
    const mark = (what: string) =>
      process.env.BENCH_DEBUG && console.log(`-- ${what} at ${Math.round(process.uptime() * 1000)} ms`);
    mark('dry run');
    let t = process.hrtime.bigint();
    const outcome = await app.get(ImportValidateProcessor).run(imp.id);
    const dry = seconds(t);
    const dryRss = rssMb();
    if (sampler) {
      clearInterval(sampler);
      console.error(JSON.stringify(peak));
    }
    const young = youngGenerationMb();
    global.gc?.();
    const liveMb = Math.round(process.memoryUsage().heapUsed / 1048576);
    if (outcome.outcome !== 'validated') throw new Error(`dry run: ${JSON.stringify(outcome)}`);
    // In service the dry run is a job in the worker and the commit a request to the API, two
    // processes: the dry run's garbage was collected above (for the live heap figure), so that it
    // does not count against the commit.
    mark('commit');
    t = process.hrtime.bigint();
    const done = await app.get(ImportCommitService).commit(actor, {}, imp.id);
    const commit = seconds(t);
    mark('end');
    if (done.status !== 'committed' || done.errorCount)
      throw new Error(`commit: ${JSON.stringify(done).slice(0, 300)}`);
    return { dry, commit, bootRssMb: base, dryRssMb: dryRss, rssMb: rssMb(), young, liveMb };
  } finally {
    await app.close();
    await runtime.stop();
  }
}

/**
 * Child process: one phase; prints one JSON line. `write` writes the workbook of `n` enterprises
 * to `path` in a process of its own, so that writing it counts in no phase's peak RSS.
 */
async function child(phase: string, n: number, path: string) {
  if (phase === 'write') {
    const rows = await writeWorkbook(n, path, String(process.pid % 10000).padStart(4, '0'));
    console.log(JSON.stringify({ phase, n, rows }));
    return;
  }
  const result = phase === 'baseline' ? await baseline(path) : await system(path);
  console.log(JSON.stringify({ phase, n, ...result }));
}

/** The workbook of `n` enterprises, then the baseline and the system over that same file. */
async function runSize(env: Record<string, string>, n: number) {
  const path = join(tmpdir(), `ff-bench-import-${process.pid}-${n}.xlsx`);
  try {
    const { rows } = spawnPhase(env, 'write', n, path) as { rows: number };
    return { rows, base: spawnPhase(env, 'baseline', n, path), sys: spawnPhase(env, 'system', n, path) };
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * The heap limit every phase runs with: the production image's (`NODE_OPTIONS` in the Dockerfile).
 * BENCH_HEAP_MB=0 leaves V8's default, sized from the machine's memory.
 */
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 1024);

function spawnPhase(env: Record<string, string>, phase: string, n: number, path: string) {
  // BENCH_CPU_PROF=<dir>: each phase writes a V8 CPU profile there (`node --cpu-prof`).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const heap = HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : [];
  // BENCH_NODE_FLAGS: more flags for every phase (`--trace-gc`, `--max-semi-space-size=…`).
  heap.push(...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  const r = spawnSync(process.execPath, [...prof, ...heap, '--expose-gc', __filename, phase, String(n), path], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (r.status !== 0) throw new Error(`${phase} ${n} failed: ${r.stderr.slice(-2000)}`);
  if (process.env.BENCH_DEBUG) {
    console.log(phase, n, r.stderr.trim().split('\n').pop());
    writeFileSync(join(tmpdir(), `ff-bench-import-${phase}-${n}.log`), r.stdout);
  }
  return JSON.parse(
    r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .pop()!,
  );
}

async function main() {
  const env = scratchRunEnv('b', {
    databaseUrl: process.env.BENCH_DATABASE_URL,
    redisUrl: process.env.BENCH_REDIS_URL,
  });
  env.NODE_ENV = 'production';
  env.WORKER_IN_PROCESS = 'false';
  const runtime = await resolveRuntime(env, { migrate: true });
  await runtime.stop();
  try {
    const small = await runSize(env, N);
    const large = await runSize(env, N * 10);
    const [sys, big] = [small.sys, large.sys];
    printSettings({
      enterprises: `${N} and ${N * 10}`,
      'rows (自评)': `${small.rows} and ${large.rows}`,
      logging: 'off',
      heap: HEAP_MB ? `--max-old-space-size=${HEAP_MB} (as the production image)` : "V8's default",
    });
    for (const { base: b, sys: x, rows } of [small, large]) {
      const line = (name: string, s: number, rss: number) =>
        console.log(
          `${name.padEnd(62)} ${s.toFixed(2).padStart(8)} s  ${String(rss).padStart(6)} MB peak RSS  ${(s / b.seconds).toFixed(2)}× baseline time`,
        );
      console.log(`${x.n} enterprises, ${rows} rows:`);
      line('  baseline: exceljs streaming parse + COPY of the rows', b.seconds, b.rssMb);
      line('  dry run (parse, every cell, database checks, report, kept)', x.dry, x.dryRssMb);
      line('  commit (the kept parse judged again, write all, audit)', x.commit, x.rssMb);
      line('  dry run + commit', x.dry + x.commit, x.rssMb);
    }
    console.log(
      `peak RSS, dry run: ${large.rows} rows ${big.dryRssMb} MB vs ${small.rows} rows ${sys.dryRssMb} MB = ${(big.dryRssMb / sys.dryRssMb).toFixed(2)}× ` +
        `(after boot: ${big.bootRssMb} / ${sys.bootRssMb} MB); dry run + commit: ${big.rssMb} vs ${sys.rssMb} MB = ${(big.rssMb / sys.rssMb).toFixed(2)}×; ` +
        `time at 10×: dry ${big.dry.toFixed(2)} s, commit ${big.commit.toFixed(2)} s; ` +
        `after the dry run: young generation ${big.young} / ${sys.young} MB, live heap ${big.liveMb} / ${sys.liveMb} MB`,
    );
  } finally {
    await dropScratchRun(env);
  }
}

const [phase, n, file] = process.argv.slice(2);
(phase ? child(phase, Number(n), file) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
