/**
 * Synthetic transaction logs for the scale benchmarks: a CSV (optionally gzip) of exactly `rows`
 * purchase rows in date order, customers drawn from the BG/NBD purchase process with
 * Gamma-Gamma spend, written as a stream (memory grows with customers, never with rows).
 *
 * CLI: `npx tsx bench/generate.ts --rows 10000000 --seed 7 --out tx.csv [--gzip]
 *       [--order-ids] [--return-rate 0.01]`
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { invalidInput } from '../src/errors';
import { bgNbd } from '../src/models/bgNbd';
import { createRng } from '../src/models/simulateRng';

/**
 * The process, in weeks. CDNOW's published BG/NBD fit (Fader, Hardie & Lee 2005, Table 1:
 * r 0.243, α 4.414, a 0.793, b 2.426) and Gamma-Gamma fit (Fader & Hardie 2013 note: p 6.25,
 * q 3.74, v 15.44, mean spend p·v/(q − 1) ≈ $35), with the purchase rate scaled 30× (α / 30)
 * so a customer makes about 10 purchases in the two-year log (CDNOW's cohort made 2.96 in 78
 * weeks). Customers arrive uniformly over the first year; the log runs two years from Monday
 * 2024-01-01.
 */
export const PROCESS = {
  transactionParams: { r: 0.243, alpha: 4.414 / 30, a: 0.793, b: 2.426 },
  monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
  weeks: 104,
  acquisitionWeeks: 52,
  start: Date.UTC(2024, 0, 1),
} as const;

/** Bump when the file format or process changes, so cached files are regenerated. */
const FORMAT_VERSION = 1;

export interface GenerateOptions {
  /** Data rows to write (purchases plus returns), an integer >= 1. */
  rows: number;
  /** Seed of the Mersenne Twister, an integer in 1 … 2^32 − 1. Same seed, same bytes. */
  seed: number;
  /** Output file. */
  path: string;
  /** gzip the output (default false). */
  gzip?: boolean;
  /** Add an order_id column (`O<n>`; a return carries `C` + its order's id) (default false). */
  orderIds?: boolean;
  /** Probability that a purchase is followed the same day by a partial return (default 0.01). */
  returnRate?: number;
}

export interface GeneratedCsv {
  path: string;
  /** Data rows written (the header excluded): `rows`, unless the process ended first. */
  rows: number;
  /** Purchase rows and return rows (negative amounts). */
  purchases: number;
  returns: number;
  /** Distinct customers in the file. */
  customers: number;
  /** First and last dates in the file, yyyy-MM-dd. */
  firstDate: string;
  lastDate: string;
  /** The last date again: the last observed day (inclusive), to pass as observationEnd. */
  observationEnd: string;
  seed: number;
  /** Wall-clock seconds the generation took. */
  seconds: number;
}

const DEFAULTS = { gzip: false, orderIds: false, returnRate: 0.01 } as const;
/**
 * Customers are sized so the expected rows exceed `rows` by 2 % plus a margin for the sampling
 * noise of small files (purchase counts are heavy-tailed); the log is then cut at `rows`.
 */
const slack = (rows: number) => 1.02 + 10 / Math.sqrt(rows);
const DAY_MS = 86_400_000;

/**
 * Expected rows per customer of an uncut log: (1 + mean over arrivals of E[X(104 − a)]) ×
 * (1 + returnRate), with E[X(t)] the BG/NBD expected repeat purchases in t weeks (Fader, Hardie
 * & Lee 2005, eq. 9) and arrivals a uniform on [0, 52) weeks (midpoint rule, 1,000 points).
 *
 * @example
 * expectedRowsPerCustomer(0) // ≈ 10.109
 */
export function expectedRowsPerCustomer(returnRate: number): number {
  const { transactionParams, weeks, acquisitionWeeks } = PROCESS;
  const n = 1000;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += bgNbd.expectedPurchases(transactionParams, weeks - ((i + 0.5) / n) * acquisitionWeeks);
  }
  return (1 + sum / n) * (1 + returnRate);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Writes a synthetic transactions CSV, `customer_id,date,amount[,order_id]`, rows in date order.
 *
 * Process per customer i of n = ⌈(1.02 + 10/√rows) · rows / E[rows per customer]⌉ (ids `C1` … `Cn` in order
 * of arrival): arrival a_i = (i + U)/n · 52 weeks; λ ~ Gamma(r, rate α), p ~ Beta(a, b),
 * ν ~ Gamma(q, rate v); purchases at a_i and then after Exp(λ) gaps, dropping out with
 * probability p after each repeat purchase (BG/NBD, Fader, Hardie & Lee 2005 §3); each amount
 * ~ Gamma(p_GG, rate ν), rounded to cents. A purchase is followed by a same-day return of
 * 10–100 % of it with probability `returnRate`. Events are merged across customers with a binary
 * heap of the active customers' next purchase times, and the log is cut at exactly `rows` rows.
 *
 * Memory O(customers); time O(rows · log customers).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for rows not an integer >= 1, a seed outside
 *   1 … 2^32 − 1, or returnRate outside [0, 1).
 * @example
 * const g = await generateTransactionsCsv({ rows: 10_000, seed: 7, path: '/tmp/tx.csv' });
 * g.rows // 10000
 */
export async function generateTransactionsCsv(options: GenerateOptions): Promise<GeneratedCsv> {
  const fn = 'generateTransactionsCsv';
  const { rows, seed, path } = options;
  const o = { ...DEFAULTS, ...options };
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1) {
    throw invalidInput(fn, 'rows', 'an integer >= 1', rows, { code: 'invalid_count' });
  }
  if (typeof o.returnRate !== 'number' || !(o.returnRate >= 0 && o.returnRate < 1)) {
    throw invalidInput(fn, 'returnRate', 'a number in [0, 1)', o.returnRate, {
      code: 'out_of_range',
    });
  }
  const rng = createRng(fn, seed);
  const t0 = performance.now();
  const { transactionParams: tp, monetaryParams: mp, weeks, acquisitionWeeks } = PROCESS;
  const n = Math.ceil((slack(rows) * rows) / expectedRowsPerCustomer(o.returnRate));

  // Per-customer draws, made on arrival; heap of (next purchase time, customer) for the active.
  const lambda = new Float64Array(n);
  const dropout = new Float64Array(n);
  const nu = new Float64Array(n);
  const heapTime = new Float64Array(n);
  const heapId = new Int32Array(n);
  let heapSize = 0;
  const days = Array.from({ length: weeks * 7 + 1 }, (_, d) => isoDay(PROCESS.start + d * DAY_MS));

  const file = createWriteStream(path);
  const closed = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', reject);
  });
  const sink = o.gzip ? createGzip() : file;
  if (o.gzip) sink.pipe(file);
  let chunk = o.orderIds ? 'customer_id,date,amount,order_id\n' : 'customer_id,date,amount\n';
  const flush = async () => {
    if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
    chunk = '';
  };

  let written = 0;
  let returns = 0;
  let firstDay = -1;
  let lastDay = 0;
  const emit = async (id: number, week: number) => {
    const day = Math.floor(week * 7);
    if (firstDay < 0) firstDay = day;
    lastDay = day;
    const amount = rng.gamma(mp.p, nu[id]!);
    const cents = Math.round(amount * 100);
    const order = o.orderIds ? `,O${written + 1}` : '';
    chunk += `C${id + 1},${days[day]},${(cents / 100).toFixed(2)}${order}\n`;
    written++;
    if (o.returnRate > 0 && written < rows && rng.uniform() < o.returnRate) {
      const back = Math.max(1, Math.round(cents * (0.1 + 0.9 * rng.uniform())));
      chunk += `C${id + 1},${days[day]},-${(back / 100).toFixed(2)}${o.orderIds ? `,C${order.slice(2)}` : ''}\n`;
      written++;
      returns++;
    }
    if (chunk.length > 1 << 20) await flush();
  };
  const push = (id: number, time: number) => {
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapTime[parent]! <= time) break;
      heapTime[i] = heapTime[parent]!;
      heapId[i] = heapId[parent]!;
      i = parent;
    }
    heapTime[i] = time;
    heapId[i] = id;
  };
  /** Replaces the heap's top by (id, time), or removes it when id < 0, and restores order. */
  const replaceTop = (id: number, time: number) => {
    if (id < 0) {
      heapSize--;
      if (heapSize === 0) return;
      id = heapId[heapSize]!;
      time = heapTime[heapSize]!;
    }
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && heapTime[c + 1]! < heapTime[c]!) c++;
      if (heapTime[c]! >= time) break;
      heapTime[i] = heapTime[c]!;
      heapId[i] = heapId[c]!;
      i = c;
    }
    heapTime[i] = time;
    heapId[i] = id;
  };

  let arrived = 0;
  let nextArrival = (rng.uniform() / n) * acquisitionWeeks;
  while (written < rows) {
    if (arrived < n && (heapSize === 0 || nextArrival <= heapTime[0]!)) {
      const id = arrived++;
      lambda[id] = rng.gamma(tp.r, tp.alpha);
      dropout[id] = rng.beta(tp.a, tp.b);
      nu[id] = rng.gamma(mp.q, mp.v);
      await emit(id, nextArrival);
      const next = nextArrival + rng.exponential(lambda[id]!);
      if (next < weeks) push(id, next);
      nextArrival = ((arrived + rng.uniform()) / n) * acquisitionWeeks;
    } else if (heapSize > 0) {
      const id = heapId[0]!;
      const time = heapTime[0]!;
      await emit(id, time);
      const next = rng.uniform() < dropout[id]! ? weeks : time + rng.exponential(lambda[id]!);
      replaceTop(next < weeks ? id : -1, next);
    } else {
      break; // every customer arrived and dropped out or reached the end: fewer rows than asked
    }
  }
  await flush();
  sink.end();
  await closed;
  return {
    path,
    rows: written,
    purchases: written - returns,
    returns,
    customers: arrived,
    firstDate: days[Math.max(firstDay, 0)]!,
    lastDate: days[lastDay]!,
    observationEnd: days[lastDay]!,
    seed,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Directory of cached files (override with BENCH_CACHE_DIR). */
export const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? join(tmpdir(), 'customer-analytics-bench');

/**
 * The generated file for (rows, seed, gzip, orderIds, returnRate), written once under
 * {@link CACHE_DIR} and reused by every bench process (a JSON sidecar holds its
 * {@link GeneratedCsv} description, including the seconds the one generation took). Concurrent
 * writers each write a temporary file and rename it into place.
 *
 * @throws InvalidInputError as {@link generateTransactionsCsv}.
 * @example
 * const a = await cachedTransactionsCsv({ rows: 1_000_000, seed: 7 }); // generates: a.cached false
 * const b = await cachedTransactionsCsv({ rows: 1_000_000, seed: 7 }); // b.cached true, b.path === a.path
 */
export async function cachedTransactionsCsv(
  options: Omit<GenerateOptions, 'path'>,
): Promise<GeneratedCsv & { cached: boolean }> {
  const o = { ...DEFAULTS, ...options };
  const base = join(
    CACHE_DIR,
    `tx-v${FORMAT_VERSION}-${o.rows}-s${o.seed}-r${o.returnRate}${o.orderIds ? '-o' : ''}.csv${o.gzip ? '.gz' : ''}`,
  );
  const meta = `${base}.json`;
  if (existsSync(base) && existsSync(meta)) {
    return { ...(JSON.parse(readFileSync(meta, 'utf8')) as GeneratedCsv), cached: true };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${base}.${process.pid}.tmp`;
  try {
    const g = await generateTransactionsCsv({ ...o, path: tmp });
    renameSync(tmp, base);
    const described = { ...g, path: base };
    await writeFile(`${meta}.${process.pid}.tmp`, JSON.stringify(described, null, 2));
    renameSync(`${meta}.${process.pid}.tmp`, meta);
    return { ...described, cached: false };
  } finally {
    rmSync(tmp, { force: true });
  }
}

function parseArgs(argv: readonly string[]): GenerateOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = value('--out');
  if (out === undefined) throw new Error('generate: expected --out <file>, received none');
  return {
    rows: Number(value('--rows') ?? 1_000_000),
    seed: Number(value('--seed') ?? 7),
    path: out,
    gzip: argv.includes('--gzip'),
    orderIds: argv.includes('--order-ids'),
    returnRate: Number(value('--return-rate') ?? DEFAULTS.returnRate),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const g = await generateTransactionsCsv(parseArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(g, null, 2)}\n`);
}
