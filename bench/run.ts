/**
 * `npm run bench`: runs every bench/*.bench.js (compiled) one after another, each in its own
 * process so one benchmark's heap and JIT state never colour the next. Each prints its own
 * table with a baseline measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv[2];
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace(/\.js$/, '')} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(__dirname, file)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) failed++;
}
if (files.length === 0) console.log('no benchmarks found');
process.exit(failed ? 1 : 0);
