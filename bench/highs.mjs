// highs.mjs -- solve a CPLEX LP file with HiGHS (npm package `highs`, WebAssembly)
// and print "status objective seconds" on one line, for bench/run.
// usage: node highs.mjs MODEL.lp TIME_LIMIT_SECONDS
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const highsLoader = require('highs');
const [, , path, limit] = process.argv;
const model = readFileSync(path, 'utf8');
const highs = await highsLoader();
const started = process.hrtime.bigint();
let status = 'error', objective = 'nan';
try {
  const sol = highs.solve(model, { time_limit: Number(limit), threads: 1, output_flag: false });
  status = sol.Status.replace(/\s+/g, '-');
  if (typeof sol.ObjectiveValue === 'number') objective = sol.ObjectiveValue.toFixed(2);
} catch (e) {
  status = 'failed:' + String(e.message || e).split('\n')[0].replace(/\s+/g, '-').slice(0, 40);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`${status} ${objective} ${seconds.toFixed(2)}`);
