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
    ['name'.padEnd(52), 'ops'.padStart(9), 'ops/s'.padStart(12), 'µs/op'.padStart(10), 'vs baseline'.padStart(12)].join(
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
