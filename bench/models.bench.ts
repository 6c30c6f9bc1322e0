/**
 * Model-fitting benchmarks. External reference figures (lifetimes 0.11.3 on this machine
 * class, recorded elsewhere: lifetimes cannot be installed here, there is no PyPI access):
 * BG/NBD on 1M simulated customers ≈ 11.8 s; Pareto/NBD on the 2,357 CDNOW customers ≈ 0.46 s.
 * Target: ≥ 10× faster. Same-run baselines: the CDNOW fits with finite-difference gradients
 * (what a port without analytic gradients would do; on 100k customers that baseline took 94 s
 * in one run, so it is not repeated here), and the 1M fit on continuous times (no duplicate
 * rows to compress) against the same customers with times in whole days.
 */
import { readFileSync } from 'node:fs';
import { bgNbd } from '../src/models/bgNbd';
import { gammaGamma } from '../src/models/gammaGamma';
import { paretoNbd } from '../src/models/paretoNbd';
import { simulateCustomers } from '../src/models/simulate';
import { createRng } from '../src/models/simulateRng';
import { prepareRfm, prepareSpend } from '../src/models/summaryData';
import type { CustomerColumns } from '../src/models/types';
import { defineBench } from './_lib';
import { sharedData } from './_shared';

const cdnowPath = sharedData('cdnow/cdnow_customers_summary.csv');
let cdnow: CustomerColumns | undefined;
function loadCdnow(): void {
  const lines = readFileSync(cdnowPath!, 'utf8').trim().split(/\r?\n/).slice(1);
  const f = new Float64Array(lines.length);
  const r = new Float64Array(lines.length);
  const T = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const [, x, tx, t] = line.split(',');
    f[i] = Number(x);
    r[i] = Number(tx);
    T[i] = Number(t);
  });
  cdnow = { frequency: f, recency: r, T };
}

const sims = new Map<string, CustomerColumns>();
/** BG/NBD customers at the FHL CDNOW parameters, 78-week window, 12-week acquisition. */
function simulate(n: number, roundToDays: boolean): CustomerColumns {
  const key = `${n}:${roundToDays}`;
  const hit = sims.get(key);
  if (hit) return hit;
  const cs = simulateCustomers({
    transactionModel: 'bgNbd',
    transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    customers: n,
    T: 78,
    acquisitionSpan: 12,
    seed: 7,
  });
  const day = (w: number) => (roundToDays ? Math.round(w * 7) / 7 : w);
  const cols = {
    frequency: Float64Array.from(cs, (c) => c.frequency),
    recency: Float64Array.from(cs, (c) => day(c.recency)),
    T: Float64Array.from(cs, (c) => Math.max(day(c.T), day(c.recency))),
  };
  sims.set(key, cols);
  return cols;
}

/** Generating parameters of the column-wise simulations (FHL's CDNOW BG/NBD, FH's Gamma-Gamma). */
const TRUE_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const TRUE_GG = { p: 6.25, q: 3.74, v: 15.44 };

/**
 * n customers' (x, t_x, T) and mean repeat spend, drawn from the BG/NBD + Gamma-Gamma process
 * straight into Float64Array columns (no row objects): acquisition a ~ U[0, 12) weeks, T = 78 − a;
 * λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at Exp(λ) gaps while t ≤ T, dropping out after each
 * repeat purchase with probability p; times in whole days (as transaction summaries give them).
 * Spend: ν ~ Gamma(q, v) and the mean of x draws Gamma(p, ν) is Gamma(x·p, ν) / x (one draw).
 */
function simulateColumns(n: number, seed: number) {
  const rng = createRng('simulateColumns', seed);
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetaryValue = new Float64Array(n);
  const { r, alpha, a, b } = TRUE_BGNBD;
  const day = (w: number) => Math.round(w * 7) / 7;
  for (let i = 0; i < n; i++) {
    const Ti = 78 - rng.uniform() * 12;
    const lambda = rng.gamma(r, alpha);
    const p = rng.beta(a, b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > Ti) break;
      x++;
      tx = t;
      if (rng.uniform() < p) break;
    }
    frequency[i] = x;
    T[i] = day(Ti);
    recency[i] = Math.min(day(tx), T[i]!);
    if (x > 0) monetaryValue[i] = rng.gamma(x * TRUE_GG.p, rng.gamma(TRUE_GG.q, TRUE_GG.v)) / x;
  }
  return { rfm: { frequency, recency, T }, monetaryValue };
}

const columnSims = new Map<number, ReturnType<typeof simulateColumns>>();
function simulated(n: number) {
  let hit = columnSims.get(n);
  if (!hit) {
    hit = simulateColumns(n, 2005);
    columnSims.set(n, hit);
  }
  return hit;
}
/** Repeat buyers' (x, m̄) columns for the Gamma-Gamma fit. */
const buyers = new Map<number, { frequency: Float64Array; monetaryValue: Float64Array }>();
function repeatBuyers(n: number) {
  const hit = buyers.get(n);
  if (hit) return hit;
  const { rfm, monetaryValue } = simulated(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (rfm.frequency[i]! > 0) k++;
  const frequency = new Float64Array(k);
  const m = new Float64Array(k);
  for (let i = 0, j = 0; i < n; i++)
    if (rfm.frequency[i]! > 0) {
      frequency[j] = rfm.frequency[i]!;
      m[j++] = monetaryValue[i]!;
    }
  const out = { frequency, monetaryValue: m };
  buyers.set(n, out);
  return out;
}

const fmt = (p: object) =>
  JSON.stringify(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Number(v.toFixed(4))])));

/** Distinct rows after compression, counted in setup (untimed; the fit compresses on its own). */
const distinctRows = new Map<string, number>();
function prepareAtScale(n: number): void {
  const { rfm } = simulated(n);
  distinctRows.set(`rfm:${n}`, prepareRfm('bench', rfm).x.length);
  distinctRows.set(`spend:${n}`, prepareSpend('bench', repeatBuyers(n)).x.length);
}
const count = (key: string) => (distinctRows.get(key) ?? 0).toLocaleString('en-US');

/** BG/NBD fit on n column-simulated customers; the note compares with the generating values. */
function bgNbdAtScale(n: number) {
  const fit = bgNbd.fit(simulated(n).rfm);
  return {
    rows: n,
    note: `${count(`rfm:${n}`)} distinct (x, t_x, T) rows; ${describeFit(fit)}; converged ${fit.converged}; generating ${fmt(TRUE_BGNBD)}`,
  };
}

/** Gamma-Gamma fit on the repeat buyers among n column-simulated customers. */
function gammaGammaAtScale(n: number) {
  const cols = repeatBuyers(n);
  const fit = gammaGamma.fit(cols);
  return {
    rows: cols.frequency.length,
    note: `${cols.frequency.length.toLocaleString('en-US')} repeat buyers, ${count(`spend:${n}`)} distinct (x, m̄) rows; ${describeFit(fit)}; converged ${fit.converged}; generating ${fmt(TRUE_GG)}`,
  };
}

const noCdnow = cdnowPath ? undefined : 'shared data cdnow_customers_summary.csv missing';
const describeFit = (fit: { params: object; logLikelihood: number; iterations: number }) =>
  `LL ${fit.logLikelihood.toFixed(2)}, ${fit.iterations} iterations, ${JSON.stringify(
    Object.fromEntries(Object.entries(fit.params).map(([k, v]) => [k, Number(v.toFixed(4))])),
  )}`;

await defineBench([
  {
    name: 'bgNbd.fit CDNOW 2,357 (finite-difference gradient)',
    setup: loadCdnow,
    skip: noCdnow,
    run: () => ({
      rows: 2357,
      note: describeFit(bgNbd.fit(cdnow!, {}, { numericGradient: true })),
    }),
    repeat: 5,
  },
  {
    name: 'bgNbd.fit CDNOW 2,357',
    setup: loadCdnow,
    skip: noCdnow,
    run: () => ({ rows: 2357, note: describeFit(bgNbd.fit(cdnow!)) }),
    baseline: 'bgNbd.fit CDNOW 2,357 (finite-difference gradient)',
    repeat: 5,
  },
  {
    name: 'paretoNbd.fit CDNOW 2,357 (finite-difference gradient)',
    setup: loadCdnow,
    skip: noCdnow,
    run: () => ({
      rows: 2357,
      note: describeFit(paretoNbd.fit(cdnow!, {}, { numericGradient: true })),
    }),
    repeat: 5,
  },
  {
    name: 'paretoNbd.fit CDNOW 2,357',
    setup: loadCdnow,
    skip: noCdnow,
    run: () => ({
      rows: 2357,
      note: `${describeFit(paretoNbd.fit(cdnow!))}; lifetimes 0.11.3 (external figure): 0.46 s`,
    }),
    baseline: 'paretoNbd.fit CDNOW 2,357 (finite-difference gradient)',
    repeat: 5,
  },
  {
    name: 'bgNbd.fit 100k simulated',
    setup: () => simulate(100_000, false),
    run: () => ({ rows: 100_000, note: describeFit(bgNbd.fit(simulate(100_000, false))) }),
    repeat: 3,
  },
  {
    name: 'bgNbd.fit 1M simulated (continuous times: no duplicate rows)',
    setup: () => simulate(1_000_000, false),
    run: () => ({
      rows: 1_000_000,
      note: `${describeFit(bgNbd.fit(simulate(1_000_000, false)))}; lifetimes 0.11.3 (external figure): 11.8 s`,
    }),
  },
  {
    name: 'bgNbd.fit 1M simulated (times in days, as summaries are: rows compress)',
    setup: () => simulate(1_000_000, true),
    run: () => ({
      rows: 1_000_000,
      note: `${describeFit(bgNbd.fit(simulate(1_000_000, true)))}; lifetimes 0.11.3 (external figure): 11.8 s`,
    }),
    baseline: 'bgNbd.fit 1M simulated (continuous times: no duplicate rows)',
  },
  {
    name: 'bgNbd.fit 1M column-simulated (Float64Array columns, days)',
    setup: () => prepareAtScale(1_000_000),
    run: () => bgNbdAtScale(1_000_000),
  },
  {
    name: 'bgNbd.fit 10M column-simulated (Float64Array columns, days)',
    setup: () => prepareAtScale(10_000_000),
    run: () => bgNbdAtScale(10_000_000),
  },
  {
    name: 'gammaGamma.fit repeat buyers of 1M column-simulated',
    setup: () => prepareAtScale(1_000_000),
    run: () => gammaGammaAtScale(1_000_000),
  },
  {
    name: 'gammaGamma.fit repeat buyers of 10M column-simulated',
    setup: () => prepareAtScale(10_000_000),
    run: () => gammaGammaAtScale(10_000_000),
  },
]);
