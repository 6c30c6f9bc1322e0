/**
 * Benchmark cases. A bench file calls `defineBench([...])`; `npm run bench` (bench/run.ts) runs
 * every case in a fresh Node process so its peak memory (max RSS) is its own, and prints
 * seconds, rows/s and peak memory, with ratios against a baseline case of the same run
 * (speed-up = baseline / ours) and against a peer tool's case (ours / peer, e.g. pandas).
 *
 * Peer cases that spawn another process (python) measure themselves: their `run()` returns
 * `{ seconds, peakRssMB }` (the peer's own timer around the work only, and its own max RSS),
 * which replace the figures measured around `run()` in this process.
 */
export interface BenchCase {
  /** Unique name, e.g. `load CDNOW_master (69,659 rows)`. */
  name: string;
  /** Work to time. It may return a {@link RunOutput} (rows, a note, or a peer's own figures). */
  run: () => unknown | Promise<unknown>;
  /** Runs once before timing (e.g. to read a file into memory); not timed. */
  setup?: () => unknown | Promise<unknown>;
  /** Name of another case in the same run to report a speed-up against (baseline / ours). */
  baseline?: string;
  /**
   * Name of a peer tool's case in the same run (e.g. the pandas script on the same file): the
   * table shows ours / peer for seconds and peak RSS, so a ratio <= 1.0 means we are faster.
   */
  peer?: string;
  /** Reason to skip (e.g. missing shared data); the case is reported as skipped. */
  skip?: string | undefined;
  /** Timed repetitions (median is reported); default 1. */
  repeat?: number;
}

/** What `run()` may return; every field is optional. */
export interface RunOutput {
  /** Rows processed, for rows/s. */
  rows?: number;
  /** Seconds measured by the work itself (e.g. a python peer's perf_counter); replaces ours. */
  seconds?: number;
  /** Peak RSS in MB measured by the work itself (e.g. a child process); replaces ours. */
  peakRssMB?: number;
  /** CPU seconds (user + system) measured by the work itself (python's process_time); replaces ours. */
  cpuSeconds?: number;
  /** Free text shown in the table (checksums, iterations, what was compared). */
  note?: string;
}

export interface BenchResult {
  name: string;
  file: string;
  seconds?: number;
  /**
   * CPU seconds (user + system, all threads) of the timed work: steadier than wall-clock seconds
   * on a shared machine; above `seconds` when the work runs on several threads (DuckDB).
   */
  cpuSeconds?: number;
  rows?: number;
  rowsPerSecond?: number;
  peakRssMB?: number;
  baseline?: string;
  peer?: string;
  /** True when seconds / peakRssMB were reported by the work itself (a child process). */
  selfReported?: boolean;
  skipped?: string;
  note?: string;
}

/** Registers the cases of one bench file (see module doc). */
export async function defineBench(cases: BenchCase[]): Promise<void> {
  const mode = process.env.BENCH_MODE;
  if (mode === 'list') {
    process.stdout.write(`${JSON.stringify(cases.map((c) => c.name))}\n`);
    return;
  }
  const wanted = process.env.BENCH_CASE;
  for (const c of cases) {
    if (wanted !== undefined && c.name !== wanted) continue;
    const result: BenchResult = { name: c.name, file: process.argv[1] ?? '' };
    if (c.baseline) result.baseline = c.baseline;
    if (c.peer) result.peer = c.peer;
    if (c.skip) {
      result.skipped = c.skip;
    } else {
      if (c.setup) await c.setup();
      const times: number[] = [];
      const cpu: number[] = [];
      const rss: number[] = [];
      let out: RunOutput = {};
      for (let i = 0; i < (c.repeat ?? 1); i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const raw = await c.run();
        const measured = (performance.now() - t0) / 1000;
        const used = process.cpuUsage(c0);
        out = runOutput(c.name, raw);
        times.push(out.seconds ?? measured);
        // A self-timed peer without its own CPU figure has none (ours would be the spawn wait).
        if (out.cpuSeconds !== undefined) cpu.push(out.cpuSeconds);
        else if (out.seconds === undefined) cpu.push((used.user + used.system) / 1e6);
        if (out.peakRssMB !== undefined) rss.push(out.peakRssMB);
      }
      result.seconds = median(times);
      if (cpu.length > 0) result.cpuSeconds = median(cpu);
      if (out.seconds !== undefined || out.peakRssMB !== undefined) result.selfReported = true;
      if (out.rows !== undefined) {
        result.rows = out.rows;
        result.rowsPerSecond = out.rows / result.seconds;
      }
      if (out.note !== undefined) result.note = out.note;
      result.peakRssMB = rss.length > 0 ? Math.max(...rss) : process.resourceUsage().maxRSS / 1024;
    }
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Reads the optional fields of a run's return value, rejecting ones that are not numbers. */
function runOutput(name: string, raw: unknown): RunOutput {
  if (raw === null || typeof raw !== 'object') return {};
  const o = raw as Record<string, unknown>;
  const out: RunOutput = {};
  for (const k of ['rows', 'seconds', 'peakRssMB', 'cpuSeconds'] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new Error(
        `bench case "${name}": expected ${k} to be a finite number >= 0, received ${String(v)}`,
      );
    }
    out[k] = v;
  }
  if (typeof o.note === 'string') out.note = o.note;
  return out;
}
