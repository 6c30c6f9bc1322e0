/**
 * `npm run bench [filter]`: runs every case of every bench/*.bench.ts in its own Node process
 * and prints a table (seconds, rows/s, peak RSS, speed-up against the case's baseline, and
 * ours / peer for seconds and peak RSS against a peer tool's case), writing the raw results to
 * bench/results/latest.json. Speed and memory are measured here, never in tests.
 *
 * The filter keeps cases whose name or file contains it (e.g. `npm run bench scale`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './_lib';

const here = dirname(fileURLToPath(import.meta.url));
// One id per `npm run bench`, passed to every case process, so cases that compare results with
// each other (the scale summaries' checksums) only compare results of the same run.
process.env.BENCH_RUN_ID ??= new Date().toISOString();
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

function runNode(file: string, env: Record<string, string>): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const results: BenchResult[] = [];
for (const file of files) {
  const names = JSON.parse(
    runNode(file, { BENCH_MODE: 'list' }).trim().split('\n').pop()!,
  ) as string[];
  for (const name of names) {
    if (filter && !name.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`bench: ${name} … `);
    try {
      const out = runNode(file, { BENCH_CASE: name });
      for (const line of out.split('\n')) {
        if (line.startsWith('BENCH_RESULT '))
          results.push(JSON.parse(line.slice(13)) as BenchResult);
      }
      const r = results.at(-1);
      process.stderr.write(
        r?.skipped ? `skipped (${r.skipped})\n` : `${r?.seconds?.toFixed(3)} s\n`,
      );
    } catch (err) {
      process.stderr.write('failed\n');
      results.push({ name, file, skipped: `failed: ${(err as Error).message.split('\n')[0]}` });
    }
  }
}

const byName = new Map(results.map((r) => [r.name, r]));
const fmt = (v: number | undefined, d: number) => (v === undefined ? '' : v.toFixed(d));
/** ours / peer for one field, or '' when either side is missing (skipped or failed). */
const ratio = (ours: number | undefined, peer: number | undefined) =>
  ours !== undefined && peer !== undefined && peer > 0 ? (ours / peer).toFixed(2) : '';
const rows = results.map((r) => {
  const base = r.baseline ? byName.get(r.baseline) : undefined;
  const peer = r.peer ? byName.get(r.peer) : undefined;
  const speedUp =
    base?.seconds && r.seconds ? `${(base.seconds / r.seconds).toFixed(1)}× vs ${r.baseline}` : '';
  return {
    case: r.name,
    seconds: r.skipped ? 'skipped' : `${fmt(r.seconds, 3)}${r.selfReported ? '*' : ''}`,
    'CPU s': fmt(r.cpuSeconds, 3),
    'rows/s': r.rowsPerSecond ? Math.round(r.rowsPerSecond).toLocaleString('en-US') : '',
    'peak RSS MB': `${fmt(r.peakRssMB, 0)}${r.selfReported ? '*' : ''}`,
    'speed-up': speedUp,
    'ours/peer s': ratio(r.seconds, peer?.seconds),
    'ours/peer CPU': ratio(r.cpuSeconds, peer?.cpuSeconds),
    'ours/peer RSS': ratio(r.peakRssMB, peer?.peakRssMB),
    note: r.skipped ?? r.note ?? '',
  };
});
console.table(rows);
if (results.some((r) => r.selfReported)) {
  console.log('* measured by the peer process itself (its timer around the work, its own max RSS)');
}
for (const r of results) {
  if (!r.peer) continue;
  const peer = byName.get(r.peer);
  const t = ratio(r.seconds, peer?.seconds);
  console.log(
    t === ''
      ? `ours/peer: ${r.name} vs ${r.peer}: not compared (one side skipped or failed)`
      : `ours/peer: ${r.name} vs ${r.peer}: seconds ${t}, CPU seconds ${ratio(r.cpuSeconds, peer?.cpuSeconds) || 'n/a'}, peak RSS ${ratio(r.peakRssMB, peer?.peakRssMB)} (< 1 = ours faster / smaller)`,
  );
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
