/**
 * `npm run bench [filter]`: runs every case of every bench/*.bench.ts in its own Node process
 * and prints a table (seconds, rows/s, peak RSS, speed-up against the case's baseline, and
 * ours / peer for seconds and peak RSS against a peer tool's case), writing the raw results to
 * bench/results/latest.json. Speed and memory are measured here, never in tests.
 *
 * The filter keeps cases whose name or file contains it (e.g. `npm run bench scale`).
 *
 * `BENCH_ROUNDS=n` runs the selected cases n times in turn (round 1: every case, round 2: every
 * case, …) and reports each case's median seconds and CPU seconds, its largest peak RSS, and for
 * cases with a peer the median of the per-round ratios with their range (use an odd n: with an
 * even n the upper median is reported). On a shared machine
 * whose speed drifts over minutes, a ratio of two runs made in the same round is steadier than
 * either figure.
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

const roundsEnv = process.env.BENCH_ROUNDS ?? '1';
const rounds = Number(roundsEnv);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(
    `BENCH_ROUNDS: expected a positive integer, received ${JSON.stringify(roundsEnv)}`,
  );
}
const selected: { file: string; name: string }[] = [];
for (const file of files) {
  const names = JSON.parse(
    runNode(file, { BENCH_MODE: 'list' }).trim().split('\n').pop()!,
  ) as string[];
  for (const name of names)
    if (!filter || name.includes(filter) || file.includes(filter)) selected.push({ file, name });
}

/** Each case's result in every round, in case order. */
const perRound = new Map<string, BenchResult[]>();
for (let round = 1; round <= rounds; round++) {
  for (const { file, name } of selected) {
    const tag = rounds > 1 ? ` (round ${round}/${rounds})` : '';
    process.stderr.write(`bench: ${name}${tag} … `);
    let r: BenchResult | undefined;
    try {
      const out = runNode(file, { BENCH_CASE: name });
      for (const line of out.split('\n')) {
        if (line.startsWith('BENCH_RESULT ')) r = JSON.parse(line.slice(13)) as BenchResult;
      }
      r ??= { name, file, skipped: 'failed: no result printed' };
      process.stderr.write(r.skipped ? `skipped (${r.skipped})\n` : `${r.seconds?.toFixed(3)} s\n`);
    } catch (err) {
      process.stderr.write('failed\n');
      r = { name, file, skipped: `failed: ${(err as Error).message.split('\n')[0]}` };
    }
    perRound.set(name, [...(perRound.get(name) ?? []), r]);
  }
}

const med = (xs: number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const defined = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
/** One result per case: medians of seconds and CPU seconds, the largest peak RSS. */
const results: BenchResult[] = [...perRound.values()].map((rs) => {
  const ok = rs.filter((r) => !r.skipped);
  const last = rs.at(-1) as BenchResult;
  if (ok.length === 0) return last;
  const r: BenchResult = { ...(ok.at(-1) as BenchResult) };
  r.seconds = med(defined(ok.map((x) => x.seconds)));
  r.cpuSeconds = med(defined(ok.map((x) => x.cpuSeconds)));
  const rss = defined(ok.map((x) => x.peakRssMB));
  if (rss.length > 0) r.peakRssMB = Math.max(...rss);
  if (r.rows !== undefined && r.seconds) r.rowsPerSecond = r.rows / r.seconds;
  if (ok.length < rs.length) r.note = `${r.note ?? ''} (${rs.length - ok.length} round(s) failed)`;
  return r;
});

const byName = new Map(results.map((r) => [r.name, r]));
/** Per-round ours / peer for one field: the median and range over the rounds both ran. */
function roundRatios(r: BenchResult, field: 'seconds' | 'cpuSeconds' | 'peakRssMB') {
  const ours = perRound.get(r.name) ?? [];
  const peers = perRound.get(r.peer ?? '') ?? [];
  const xs: number[] = [];
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]?.skipped ? undefined : ours[i]?.[field];
    const b = peers[i]?.skipped ? undefined : peers[i]?.[field];
    if (a !== undefined && b !== undefined && b > 0) xs.push(a / b);
  }
  return xs;
}
const fmt = (v: number | undefined, d: number) => (v === undefined ? '' : v.toFixed(d));
/** ours / peer for one field, or '' when either side is missing (skipped or failed). */
const ratio = (ours: number | undefined, peer: number | undefined) =>
  ours !== undefined && peer !== undefined && peer > 0 ? (ours / peer).toFixed(2) : '';
/** ours / peer: one run's ratio, or with rounds the median of the per-round ratios. */
const peerRatio = (
  r: BenchResult,
  field: 'seconds' | 'cpuSeconds' | 'peakRssMB',
  peer: BenchResult | undefined,
): string => {
  if (rounds === 1) return ratio(r[field], peer?.[field]);
  const xs = roundRatios(r, field);
  return xs.length === 0 ? '' : (med(xs) as number).toFixed(2);
};
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
    'ours/peer s': peerRatio(r, 'seconds', peer),
    'ours/peer CPU': peerRatio(r, 'cpuSeconds', peer),
    'ours/peer RSS': peerRatio(r, 'peakRssMB', peer),
    note: r.skipped ?? r.note ?? '',
  };
});
console.table(rows);
if (results.some((r) => r.selfReported)) {
  console.log('* measured by the peer process itself (its timer around the work, its own max RSS)');
}
if (rounds > 1) {
  console.log(
    `${rounds} rounds: seconds and CPU s are medians, peak RSS the largest; ours/peer is the median of the per-round ratios`,
  );
}
const range = (xs: number[]) =>
  xs.length > 1 ? ` [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]` : '';
for (const r of results) {
  if (!r.peer) continue;
  const peer = byName.get(r.peer);
  const t = peerRatio(r, 'seconds', peer);
  const cpu = peerRatio(r, 'cpuSeconds', peer);
  console.log(
    t === ''
      ? `ours/peer: ${r.name} vs ${r.peer}: not compared (one side skipped or failed)`
      : `ours/peer: ${r.name} vs ${r.peer}: seconds ${t}${range(roundRatios(r, 'seconds'))}, CPU seconds ${cpu || 'n/a'}${cpu ? range(roundRatios(r, 'cpuSeconds')) : ''}, peak RSS ${peerRatio(r, 'peakRssMB', peer)} (< 1 = ours faster / smaller)`,
  );
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'latest.json'),
  `${JSON.stringify(rounds === 1 ? results : { rounds, results, perRound: Object.fromEntries(perRound) }, null, 2)}\n`,
);
