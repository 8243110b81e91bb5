/**
 * Load (`npm run bench:faults` runs it after the fault script): 100 concurrent clients for 60 s
 * (LOAD_SECONDS, LOAD_CLIENTS) on a mix of reads and writes against the built api and worker, on a
 * private Redis and PostgreSQL, 127.0.0.1 only. Fails on any 5xx. Same-run baseline: a bare Fastify
 * route answering the same clients, so the figures say what the stack costs on this machine.
 */
import Fastify from 'fastify';
import { Client } from 'pg';
import { PrivateStack, http, percentile } from './fault-env';
import { World } from './fault-world';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 100);

interface Result {
  requests: number;
  latencies: number[];
  statuses: Map<number, number>;
}

async function drive(
  seconds: number,
  clients: number,
  request: (lane: number) => Promise<{ status: number; ms: number }>,
) {
  const out: Result = { requests: 0, latencies: [], statuses: new Map() };
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, lane) => {
      while (Date.now() < end) {
        const r = await request(lane);
        out.requests++;
        out.latencies.push(r.ms);
        out.statuses.set(r.status, (out.statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  return out;
}

const row = (name: string, r: Result, seconds: number) =>
  `${name.padEnd(34)} ${String(Math.round(r.requests / seconds)).padStart(7)} req/s  p50 ${percentile(r.latencies, 50).toFixed(1)} ms  p99 ${percentile(r.latencies, 99).toFixed(1)} ms  statuses ${JSON.stringify(Object.fromEntries(r.statuses))}`;

async function main() {
  const stack = await PrivateStack.create('load');
  let fiveHundreds = 0;
  try {
    await stack.start({ QUEUE_PREFIX: 'load', DATABASE_POOL_SIZE: '20' });
    const { env, base } = stack;
    const sql = new Client({ connectionString: stack.pg.url });
    await sql.connect();
    const world = await World.create(base, env, sql);
    const drafts = await world.drafts(20);
    await sql.end();

    // Baseline: a bare Fastify route on this machine, the same clients, the same client code.
    const bare = Fastify();
    bare.get('/ping', async () => ({ ok: true }));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;
    const baselineSeconds = Math.min(SECONDS, 15);
    const baseline = await drive(baselineSeconds, CLIENTS, () => http(bareBase, null, 'GET', '/ping'));
    await bare.close();

    // The system: 3 reads (lists, a detail) to 1 write (a one-clause self-assessment save).
    const system = await drive(SECONDS, CLIENTS, (lane) => world.mixedRequest(lane, drafts[lane % drafts.length]));
    fiveHundreds = [...system.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const timeouts = system.statuses.get(0) ?? 0;

    console.log(`load: ${CLIENTS} clients, ${SECONDS} s (baseline ${baselineSeconds} s), 127.0.0.1`);
    console.log(row('bare Fastify GET /ping (baseline)', baseline, baselineSeconds));
    console.log(row('api: 3 reads : 1 write', system, SECONDS));
    console.log(`5xx: ${fiveHundreds}; no answer within the client's 30 s timeout: ${timeouts}`);
  } finally {
    await stack.stop();
  }
  process.exit(fiveHundreds === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
