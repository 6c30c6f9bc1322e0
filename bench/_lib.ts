/**
 * Benchmark cases. A bench file calls `defineBench([...])`; `npm run bench` (bench/run.ts) runs
 * every case in a fresh Node process so its peak memory (max RSS) is its own, and prints
 * seconds, rows/s and peak memory, with ratios against a baseline case of the same run.
 */
export interface BenchCase {
  /** Unique name, e.g. `load CDNOW_master (69,659 rows)`. */
  name: string;
  /** Work to time. Its return value may be `{ rows }` to report a throughput. */
  run: () => unknown | Promise<unknown>;
  /** Runs once before timing (e.g. to read a file into memory); not timed. */
  setup?: () => unknown | Promise<unknown>;
  /** Name of another case in the same run to report a ratio against. */
  baseline?: string;
  /** Reason to skip (e.g. missing shared data); the case is reported as skipped. */
  skip?: string | undefined;
  /** Timed repetitions (median is reported); default 1. */
  repeat?: number;
}

export interface BenchResult {
  name: string;
  file: string;
  seconds?: number;
  rows?: number;
  rowsPerSecond?: number;
  peakRssMB?: number;
  baseline?: string;
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
    if (c.skip) {
      result.skipped = c.skip;
    } else {
      const ctx = c.setup ? await c.setup() : undefined;
      void ctx;
      const times: number[] = [];
      let out: unknown;
      for (let i = 0; i < (c.repeat ?? 1); i++) {
        const t0 = performance.now();
        out = await c.run();
        times.push((performance.now() - t0) / 1000);
      }
      times.sort((a, b) => a - b);
      result.seconds = times[Math.floor(times.length / 2)]!;
      if (out && typeof out === 'object' && 'rows' in out && typeof out.rows === 'number') {
        result.rows = out.rows;
        result.rowsPerSecond = out.rows / result.seconds;
      }
      if (out && typeof out === 'object' && 'note' in out && typeof out.note === 'string') {
        result.note = out.note;
      }
      result.peakRssMB = process.resourceUsage().maxRSS / 1024;
    }
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  }
}
