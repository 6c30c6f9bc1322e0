/**
 * Streaming summary benchmarks: summarizeCustomers over an async iterable of batches produced on
 * the fly by a seeded generator (it never holds the rows), 10M transactions from 1M customers in
 * date order, against the array path on the first 1M of the same rows. Peak RSS is the process's
 * (each case runs in its own process), so the 10M cases show the accumulator's memory plus the
 * generator's per-customer state (about 40 MB), and must stay far below 1.5 GB.
 *
 * Generator: customers arrive uniformly over the first half of a 730-day window; each has a
 * purchase rate λ ~ Gamma(2, rate 40 days) (one purchase every 20 days on average) and, after each
 * repeat purchase, drops out with probability p ~ Beta(1, 9): the BG/NBD process, about 10
 * purchases per customer. A calendar queue holds each active customer's next purchase day, so
 * rows come out in date order (by day; within a day, in queue order). Amounts: a per-customer
 * mean spend ~ Gamma(4, rate 0.1), each purchase that mean × U(0.5, 1.5) in cents; 5% of rows
 * are returns of half the amount.
 */

import { createRng } from '../src/models/simulateRng';
import type { Transaction } from '../src/schema/index';
import { accumulate } from '../src/summarize/_accumulate';
import { collectReport } from '../src/summarize/_report';
import { summarizeCustomers } from '../src/summarize/index';
import { defineBench } from './_lib';

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const DAYS = 730;
const END = new Date(START + DAYS * DAY);
const BATCH = 10_000;

/**
 * Seeded transactions in date order, as batches of `BATCH` rows, until `rows` rows or the end of
 * the window. State: O(customers) typed arrays and the day queue; never the rows.
 */
async function* transactions(
  rows: number,
  customers: number,
  seed: number,
): AsyncGenerator<Transaction[]> {
  const rng = createRng('bench', seed);
  const rate = new Float64Array(customers);
  const drop = new Float64Array(customers);
  const spend = new Float64Array(customers);
  const next = new Float64Array(customers); // next purchase time in days since START
  const queue: number[][] = Array.from({ length: DAYS }, () => []);
  for (let i = 0; i < customers; i++) {
    rate[i] = rng.gamma(2, 40);
    drop[i] = rng.beta(1, 9);
    spend[i] = rng.gamma(4, 0.1);
    next[i] = rng.uniform() * (DAYS / 2);
    queue[Math.floor(next[i] as number)]?.push(i);
  }
  let emitted = 0;
  let batch: Transaction[] = [];
  for (let day = 0; day < DAYS && emitted < rows; day++) {
    const today = queue[day] as number[];
    // A customer may buy again the same day: her index is appended to `today` while we iterate.
    for (let j = 0; j < today.length && emitted < rows; j++) {
      const i = today[j] as number;
      const t = next[i] as number;
      const cents = Math.round((spend[i] as number) * (0.5 + rng.uniform()) * 100);
      const isReturn = rng.uniform() < 0.05;
      batch.push({
        customerId: `C${i}`,
        date: new Date(START + Math.floor(t * DAY)),
        amount: isReturn ? -Math.round(cents / 2) / 100 : cents / 100,
      });
      emitted++;
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
      if (rng.uniform() < (drop[i] as number)) continue;
      const after = t + rng.exponential(rate[i] as number);
      next[i] = after;
      queue[Math.floor(after)]?.push(i);
    }
    queue[day] = [];
  }
  if (batch.length > 0) yield batch;
}

const SEED = 20_240_101;
const CUSTOMERS = 1_000_000;
const options = { observationEnd: END, unit: 'week', collapse: 'period' } as const;

let firstMillion: Transaction[] = [];
async function collect(rows: number): Promise<void> {
  firstMillion = [];
  for await (const b of transactions(rows, CUSTOMERS, SEED)) firstMillion.push(...b);
}

async function count(rows: number): Promise<{ rows: number; note: string }> {
  let n = 0;
  for await (const b of transactions(rows, CUSTOMERS, SEED)) n += b.length;
  return { rows: n, note: 'generator only: subtract from the streaming cases' };
}

/** The collected rows again, as an async iterable of batches (no generator cost). */
async function* replay(): AsyncGenerator<Transaction[]> {
  for (let i = 0; i < firstMillion.length; i += BATCH) yield firstMillion.slice(i, i + BATCH);
}

async function fromMemory(order: 'any' | 'date') {
  const out = await summarizeCustomers(replay(), { ...options, order });
  const f = out.reduce((s, c) => s + c.frequency, 0);
  return {
    rows: firstMillion.length,
    note: `${out.length.toLocaleString('en-US')} customers, Σ frequency ${f}`,
  };
}

async function stream(rows: number, order: 'any' | 'date') {
  let n = 0;
  async function* counted() {
    for await (const b of transactions(rows, CUSTOMERS, SEED)) {
      n += b.length;
      yield b;
    }
  }
  const out = await summarizeCustomers(counted(), { ...options, order });
  const f = out.reduce((s, c) => s + c.frequency, 0);
  return { rows: n, note: `${out.length.toLocaleString('en-US')} customers, Σ frequency ${f}` };
}

const REFERENCE = 'per-period maps (the former array path) 1M rows';

await defineBench([
  {
    name: REFERENCE,
    setup: () => collect(1_000_000),
    run: () => {
      // What summarizeCustomers ran for arrays before the streaming accumulator (UTC days).
      const endDay = Math.floor(END.getTime() / DAY);
      const acc = accumulate('bench', firstMillion, endDay, 'week', 'period');
      const out = collectReport(acc, endDay, 'week', 'period').customers;
      const f = out.reduce((s, c) => s + c.frequency, 0);
      return {
        rows: firstMillion.length,
        note: `${out.length.toLocaleString('en-US')} customers, Σ frequency ${f}`,
      };
    },
  },
  {
    name: 'summarizeCustomers array 1M rows (rows held in memory)',
    setup: () => collect(1_000_000),
    run: () => {
      const out = summarizeCustomers(firstMillion, options);
      const f = out.reduce((s, c) => s + c.frequency, 0);
      return {
        rows: firstMillion.length,
        note: `${out.length.toLocaleString('en-US')} customers, Σ frequency ${f}`,
      };
    },
    baseline: REFERENCE,
  },
  {
    name: 'summarizeCustomers stream of the same 1M rows in batches, order any',
    setup: () => collect(1_000_000),
    run: () => fromMemory('any'),
    baseline: REFERENCE,
  },
  {
    name: 'summarizeCustomers stream of the same 1M rows in batches, order date',
    setup: () => collect(1_000_000),
    run: () => fromMemory('date'),
    baseline: REFERENCE,
  },
  { name: 'generate 10M rows (no summary)', run: () => count(10_000_000) },
  {
    name: 'summarizeCustomers stream 10M rows, 1M customers, order date',
    run: () => stream(10_000_000, 'date'),
  },
  {
    name: 'summarizeCustomers stream 10M rows, 1M customers, order any',
    run: () => stream(10_000_000, 'any'),
  },
]);
