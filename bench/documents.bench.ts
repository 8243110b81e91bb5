/**
 * Documents: (1) the assessment report rendered with the embedded CJK font (Noto Sans SC,
 * subset) against the same report in Helvetica — the same layout, every non-ASCII character
 * set as one ASCII letter — in the same run, interleaved: time ratio (target ≤ 2×; warm, and with
 * the layouts shared across documents emptied before each render), file size
 * against the font file (target ≤ 10 %), RSS over 100 renders (target: flat). (2) The batch
 * results workbook of BENCH_EXPORT_N applications (default 2,000; `BENCH_EXPORT_N=10000` for the
 * full size) through the export against a bare exceljs WorkbookWriter writing the same cells:
 * time and peak RSS. No database: the report input and the rows are built in memory.
 */
import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { getRuleSet, TIER_CODES, TIER_NAMES, tierScope, type TierCode } from '@ff/rules';
import {
  cjkFontPath,
  forgetSharedLayouts,
  OVERVIEW_COLUMNS,
  renderAssessmentReport,
  resultStatistics,
  type ResultsExportRow,
  sampleReportInput,
  writeResultsWorkbook,
} from '../libs/documents/src';
import { median, printSettings } from './bench-util';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EXPORT_N = Number(process.env.BENCH_EXPORT_N ?? 2000);
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const ISSUER = '浙江省经济和信息化厅';
const MB = 1024 * 1024;
const gc = () => (global as { gc?: () => void }).gc?.();
const now = () => Number(process.hrtime.bigint()) / 1e9;

/** Runs `step` until at least `minSeconds` have passed: wall and CPU (user + system) seconds per operation. */
async function timedAsync(step: () => Promise<unknown>, minSeconds = 1): Promise<{ perOp: number; cpuPerOp: number }> {
  const started = now();
  const cpu = process.cpuUsage();
  let ops = 0;
  do {
    await step();
    ops++;
  } while (now() - started < minSeconds);
  const used = process.cpuUsage(cpu);
  return { perOp: (now() - started) / ops, cpuPerOp: (used.user + used.system) / 1e6 / ops };
}

const fmtMs = (s: number) => `${(s * 1000).toFixed(1)} ms`;
const spread = (xs: number[]) => `${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;

async function pdfs(): Promise<void> {
  const input = sampleReportInput();
  const cjk = () => renderAssessmentReport(input, ISSUER, 'cjk');
  const helvetica = () => renderAssessmentReport(input, ISSUER, 'helvetica');
  const [a, b] = [await cjk(), await helvetica()]; // warm-up, and the sizes
  const times = { cjk: [] as number[], helvetica: [] as number[] };
  const cpu = { cjk: [] as number[], helvetica: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const h = await timedAsync(helvetica);
    const c = await timedAsync(cjk);
    times.helvetica.push(h.perOp);
    cpu.helvetica.push(h.cpuPerOp);
    times.cjk.push(c.perOp);
    cpu.cjk.push(c.cpuPerOp);
  }
  // Then every character new to the process: the shared widths and runs emptied before each
  // render (a worker's first reports), against Helvetica again, in runs of their own.
  const cold = { wall: [] as number[], cpu: [] as number[], hWall: [] as number[], hCpu: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const h = await timedAsync(helvetica);
    const k = await timedAsync(() => (forgetSharedLayouts(), cjk()));
    cold.hWall.push(h.perOp);
    cold.hCpu.push(h.cpuPerOp);
    cold.wall.push(k.perOp);
    cold.cpu.push(k.cpuPerOp);
  }
  const font = statSync(cjkFontPath('regular')).size;
  const bold = statSync(cjkFontPath('bold')).size;
  const mc = median(times.cjk);
  const mh = median(times.helvetica);
  console.log(`assessment report (future factory, 44 sub-domains, ${input.comments.length} expert comments)`);
  console.log(
    `  Helvetica (baseline): median ${fmtMs(mh)} per report (${spread(times.helvetica)}), ${(b.bytes.length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `  Noto Sans SC subset:  median ${fmtMs(mc)} per report (${spread(times.cjk)}), ${(a.bytes.length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `  CPU per report, medians: Helvetica ${fmtMs(median(cpu.helvetica))} (${spread(cpu.helvetica)}), ` +
      `Noto Sans SC ${fmtMs(median(cpu.cjk))} (${spread(cpu.cjk)})`,
  );
  console.log(
    `  ratio of medians: wall ${(mc / mh).toFixed(2)}×, CPU ${(median(cpu.cjk) / median(cpu.helvetica)).toFixed(2)}× (target ≤ 2×; ` +
      `on a shared machine the CPU figure is the one to trust)`,
  );
  console.log(
    `  shared layouts emptied before each render: Helvetica ${fmtMs(median(cold.hWall))} wall, ${fmtMs(median(cold.hCpu))} CPU; ` +
      `Noto Sans SC ${fmtMs(median(cold.wall))} (${spread(cold.wall)}) wall, ${fmtMs(median(cold.cpu))} (${spread(cold.cpu)}) CPU; ` +
      `ratio of medians: wall ${(median(cold.wall) / median(cold.hWall)).toFixed(2)}×, CPU ${(median(cold.cpu) / median(cold.hCpu)).toFixed(2)}×`,
  );
  console.log(
    `  file: ${(a.bytes.length / 1024).toFixed(1)} KB = ${((100 * a.bytes.length) / font).toFixed(2)} % of the Regular font file ` +
      `(${(font / MB).toFixed(1)} MB; Regular + Bold ${((font + bold) / MB).toFixed(1)} MB) (target ≤ 10 %)`,
  );

  // Memory over 100 renders: RSS after a GC at every 10th render.
  gc();
  const rss: number[] = [process.memoryUsage().rss];
  for (let i = 1; i <= 100; i++) {
    await cjk();
    if (i % 10 === 0) {
      gc();
      rss.push(process.memoryUsage().rss);
    }
  }
  const second = rss.slice(5);
  console.log(
    `  RSS over 100 renders (after GC, every 10): ${rss.map((r) => (r / MB).toFixed(0)).join(' → ')} MB; ` +
      `renders 50→100: ${((second[second.length - 1] - second[0]) / MB).toFixed(1)} MB`,
  );
}

/** `n` applications: 45 % workshops, 35 % smart factories, 20 % future factories, scores varied. */
function exportRows(n: number): ResultsExportRow[] {
  const ruleSet = getRuleSet();
  const scopes = Object.fromEntries(TIER_CODES.map((t) => [t, tierScope(ruleSet, t).subdomains])) as Record<
    TierCode,
    number[]
  >;
  const cities = [
    ['杭州市', '西湖区'],
    ['宁波市', '海曙区'],
    ['温州市', '鹿城区'],
    ['绍兴市', '越城区'],
    ['金华市', '婺城区'],
  ];
  const types = ['创新突破领航型', '集群示范头雁型', '协同共生链主型', '业态变革平台型'];
  return Array.from({ length: n }, (_, i) => {
    const tier: TierCode = i % 20 < 9 ? 'workshop' : i % 20 < 16 ? 'smart_factory' : 'future_factory';
    const [cityName, countyName] = cities[i % cities.length];
    const total = 0.5 + ((i * 37) % 50) / 100;
    return {
      applicationId: `app-${i}`,
      enterpriseName: i % 97 === 0 ? `=HYPERLINK("http://x")企业${i}` : `浙江第${i}号智能制造有限公司`,
      creditCode: `9133010${String(i).padStart(10, '0')}X`,
      cityName,
      countyName,
      tier,
      constructionTypeName: tier === 'future_factory' ? types[i % 4] : null,
      applicationStatusName: '评审完成',
      resultStatusName: '已定稿',
      total,
      threshold: 0.7,
      recommendation: total >= 0.7 ? 'pass' : 'fail',
      highestTierName: total >= 0.7 ? TIER_NAMES[tier] : null,
      redLines: i % 13 === 0 ? 1 : 0,
      divergent: i % 11 === 0 ? 1 : 0,
      decision: null,
      subdomains: Object.fromEntries(scopes[tier].map((no) => [no, 0.4 + ((i + no) % 60) / 100])),
    };
  });
}

/** The same cells as the export, precomputed, written by a bare WorkbookWriter (no column tables, no neutralising). */
function bareCells(rows: ResultsExportRow[]): Array<{ name: string; rows: unknown[][] }> {
  const ruleSet = getRuleSet();
  const sheets: Array<{ name: string; rows: unknown[][] }> = [
    {
      name: '概览',
      rows: [OVERVIEW_COLUMNS.map((c) => c.header), ...rows.map((r) => OVERVIEW_COLUMNS.map((c) => c.value(r)))],
    },
  ];
  for (const tier of TIER_CODES) {
    const scope = tierScope(ruleSet, tier).subdomains;
    const of = rows.filter((r) => r.tier === tier);
    sheets.push({
      name: TIER_NAMES[tier],
      rows: [
        ['企业名称', '统一社会信用代码', '所在市', '所在区县', '建设类型', '总分', ...scope.map(String), '认定决定'],
        ...of.map((r) => [
          r.enterpriseName,
          r.creditCode,
          r.cityName,
          r.countyName,
          r.constructionTypeName ?? '',
          r.total,
          ...scope.map((no) => r.subdomains[no]),
          '待认定',
        ]),
      ],
    });
  }
  sheets.push({
    name: '统计',
    rows: resultStatistics(rows).map((s) => [s.dimension, s.group, s.count, s.passed, s.meanTotal]),
  });
  return sheets;
}

async function bareWrite(sheets: Array<{ name: string; rows: unknown[][] }>, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.bytes += chunk.length;
    done();
  }
}

/** Time and peak RSS (sampled every 10 ms, above the RSS before the write) of one write. */
async function measureWrite(write: (out: Writable) => Promise<void>) {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const sink = new CountingSink();
  const started = now();
  await write(sink);
  const seconds = now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakAbove: peak - before, peak, bytes: sink.bytes };
}

async function exports(): Promise<void> {
  const rows = exportRows(EXPORT_N);
  const cells = bareCells(rows);
  const ours: Awaited<ReturnType<typeof measureWrite>>[] = [];
  const bare: Awaited<ReturnType<typeof measureWrite>>[] = [];
  await measureWrite((out) => writeResultsWorkbook(rows, out)); // warm-up
  for (let run = 0; run < EXPORT_RUNS; run++) {
    bare.push(await measureWrite((out) => bareWrite(cells, out)));
    ours.push(await measureWrite((out) => writeResultsWorkbook(rows, out)));
  }
  const line = (name: string, xs: typeof ours) =>
    console.log(
      `  ${name}: median ${median(xs.map((x) => x.seconds)).toFixed(2)} s (${Math.min(...xs.map((x) => x.seconds)).toFixed(2)}–` +
        `${Math.max(...xs.map((x) => x.seconds)).toFixed(2)}), peak RSS median ${(median(xs.map((x) => x.peak)) / MB).toFixed(0)} MB ` +
        `(+${(median(xs.map((x) => x.peakAbove)) / MB).toFixed(0)} MB over the start), ${(xs[0].bytes / MB).toFixed(1)} MB written`,
    );
  console.log(`results export, ${EXPORT_N.toLocaleString('en-US')} applications (${EXPORT_RUNS} runs, interleaved)`);
  line('bare WorkbookWriter, same cells (baseline)', bare);
  line('export (column tables, neutraliseCell, styles, statistics)', ours);
  console.log(
    `  time ratio (medians): ${(median(ours.map((x) => x.seconds)) / median(bare.map((x) => x.seconds))).toFixed(2)}×`,
  );
}

async function main() {
  printSettings({
    runs: RUNS,
    'export applications': EXPORT_N,
    'export runs': EXPORT_RUNS,
    gc: 'gc' in global ? 'exposed' : 'not exposed (run through bench/run.js)',
  });
  await pdfs();
  await exports();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
