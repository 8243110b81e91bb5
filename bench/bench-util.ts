import { cpus, loadavg } from 'node:os';
/** Tiny timing helpers shared by the benchmarks: hrtime, warm-up, one aligned table. */
export interface BenchRow {
  name: string;
  ops: number;
  seconds: number;
}

export function measure(name: string, ops: number, fn: () => void): BenchRow {
  const started = process.hrtime.bigint();
  fn();
  return { name, ops, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function measureAsync(name: string, ops: number, fn: () => Promise<void>): Promise<BenchRow> {
  const started = process.hrtime.bigint();
  await fn();
  return { name, ops, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Prints ops/s, µs/op and each row's cost relative to the first row (the baseline). */
export function printTable(rows: BenchRow[]): void {
  const base = rows[0];
  const perOp = (r: BenchRow) => (r.seconds / r.ops) * 1e6;
  console.log(
    ['name'.padEnd(52), 'ops'.padStart(9), 'ops/s'.padStart(12), 'µs/op'.padStart(10), 'vs baseline'.padStart(14)].join(
      ' ',
    ),
  );
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(52),
        String(r.ops).padStart(9),
        Math.round(r.ops / r.seconds)
          .toLocaleString('en-US')
          .padStart(12),
        perOp(r).toFixed(2).padStart(10),
        `${(perOp(r) / perOp(base)).toFixed(2)}×`.padStart(12),
      ].join(' '),
    );
  }
}

/** One figure measured several times: the rate of each run. */
export interface Series {
  name: string;
  /** Operations per second, one per run. */
  rates: number[];
  /** Seconds each run took. */
  seconds: number[];
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `step` (which does `batch` operations) until at least `minSeconds` have passed; ops/s. */
export function timedRun(step: () => void, batch: number, minSeconds = 1): { rate: number; seconds: number } {
  const started = process.hrtime.bigint();
  let ops = 0;
  let seconds = 0;
  do {
    step();
    ops += batch;
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } while (seconds < minSeconds);
  return { rate: ops / seconds, seconds };
}

const fmt = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * Median and spread (min–max) of each series, and each one's median against the first series's
 * (the baseline, measured in the same process, interleaved with the others).
 */
export function printSeries(series: Series[]): void {
  const base = median(series[0].rates);
  console.log(
    [
      'name'.padEnd(56),
      'runs'.padStart(5),
      'median ops/s'.padStart(14),
      'min–max'.padStart(22),
      'vs baseline'.padStart(12),
    ].join(' '),
  );
  for (const s of series) {
    const m = median(s.rates);
    console.log(
      [
        s.name.padEnd(56),
        String(s.rates.length).padStart(5),
        fmt(m).padStart(14),
        `${fmt(Math.min(...s.rates))}–${fmt(Math.max(...s.rates))}`.padStart(22),
        (s === series[0] ? 'baseline' : `${(base / m).toFixed(1)}× slower`).padStart(14),
      ].join(' '),
    );
  }
  const shortest = Math.min(...series.flatMap((s) => s.seconds));
  console.log(`shortest run: ${shortest.toFixed(2)} s`);
}

/** What a reader needs to judge the figures: the machine, its load, the settings. */
export function printSettings(settings: Record<string, string | number>): void {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  console.log(
    `settings: Node ${process.version}, ${cpus().length} CPUs, load average ${load} (1/5/15 min)` +
      Object.entries(settings)
        .map(([k, v]) => `, ${k} ${v}`)
        .join(''),
  );
}

/** Runs `fn` over `items` with at most `limit` in flight; the results in the items' order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Headers and body of an api request: a bearer token, and JSON unless the body is a multipart form. */
export function requestOf(
  token: string | null,
  body?: unknown,
): { headers: Record<string, string>; body?: string | FormData } {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body instanceof FormData) return { headers, body };
  if (body === undefined) return { headers };
  headers['content-type'] = 'application/json';
  return { headers, body: JSON.stringify(body) };
}

/** A JSON client of the api at `base` (`…/api/v1`), as a portal calls it; a non-2xx answer throws. */
export function apiCaller(base: string) {
  return async function call(token: string | null, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, { method, ...requestOf(token, body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown> & unknown[];
  };
}
