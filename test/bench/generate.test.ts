import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTransactionsCsv, PROCESS } from '../../bench/generate';
import { InvalidInputError } from '../../src/errors';
import { loadTransactions } from '../../src/load/node';
import { bgNbd } from '../../src/models/bgNbd';
import { summarizeCustomers } from '../../src/summarize/index';

const dir = mkdtempSync(join(tmpdir(), 'generate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('generateTransactionsCsv', () => {
  it('runs its documented example: exactly the rows asked for, after one header', async () => {
    const g = await generateTransactionsCsv({ rows: 10_000, seed: 7, path: join(dir, 'tx.csv') });
    expect(g.rows).toBe(10000);
    const text = lines(g.path);
    expect(text[0]).toBe('customer_id,date,amount');
    expect(text).toHaveLength(10_001);
    expect(g.purchases + g.returns).toBe(10_000);
  });

  it('writes rows in date order, ISO dates, cents, ids C1 … Cn in order of arrival', async () => {
    const g = await generateTransactionsCsv({ rows: 10_000, seed: 3, path: join(dir, 'o.csv') });
    const rows = lines(g.path)
      .slice(1)
      .map((l) => l.split(','));
    const dates = rows.map((r) => r[1]!);
    expect(dates.every((d, i) => i === 0 || dates[i - 1]! <= d)).toBe(true);
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(rows.every((r) => /^-?\d+\.\d{2}$/.test(r[2]!))).toBe(true);
    expect(dates[0]).toBe(g.firstDate);
    expect(dates.at(-1)).toBe(g.lastDate);
    expect(g.observationEnd).toBe(g.lastDate);
    // First appearances are C1, C2, … in order, and every arrived customer appears.
    const seen: string[] = [];
    const known = new Set<string>();
    for (const r of rows) if (!known.has(r[0]!)) known.add(r[0]!) && seen.push(r[0]!);
    expect(seen).toEqual(Array.from({ length: g.customers }, (_, i) => `C${i + 1}`));
    expect(rows.filter((r) => r[2]!.startsWith('-'))).toHaveLength(g.returns);
  });

  it('a return follows its purchase on the same day, for 10–100 % of it', async () => {
    const g = await generateTransactionsCsv({
      rows: 20_000,
      seed: 5,
      path: join(dir, 'r.csv'),
      orderIds: true,
      returnRate: 0.05,
    });
    const rows = lines(g.path)
      .slice(1)
      .map((l) => l.split(','));
    let checked = 0;
    rows.forEach((r, i) => {
      if (!r[2]!.startsWith('-')) return;
      const p = rows[i - 1]!;
      expect([r[0], r[1], r[3]]).toEqual([p[0], p[1], `C${p[3]!.slice(1)}`]);
      const back = -Math.round(Number(r[2]) * 100);
      const paid = Math.round(Number(p[2]) * 100);
      expect(back).toBeGreaterThanOrEqual(Math.max(1, Math.round(paid * 0.1)));
      expect(back).toBeLessThanOrEqual(Math.max(1, paid));
      checked++;
    });
    // 5 % of ~19,000 purchases: about 950 returns (binomial sd ≈ 30).
    expect(checked).toBe(g.returns);
    expect(checked).toBeGreaterThan(800);
    expect(checked).toBeLessThan(1100);
  });

  it('is deterministic for a seed (gzip too) and differs across seeds', async () => {
    const a = await generateTransactionsCsv({ rows: 5_000, seed: 11, path: join(dir, 'a.csv') });
    const b = await generateTransactionsCsv({
      rows: 5_000,
      seed: 11,
      path: join(dir, 'b.csv.gz'),
      gzip: true,
    });
    const c = await generateTransactionsCsv({ rows: 5_000, seed: 12, path: join(dir, 'c.csv') });
    const textA = readFileSync(a.path, 'utf8');
    expect(gunzipSync(readFileSync(b.path)).toString('utf8')).toBe(textA);
    expect(readFileSync(c.path, 'utf8')).not.toBe(textA);
  });

  it('draws the BG/NBD purchases: mean purchases in 26 weeks after arrival = 1 + E[X(26)]', async () => {
    // 300,000 rows (~29,000 customers, arrivals in weeks 0–52, log cut near week 90): every
    // customer's first 26 weeks (182 days from her arrival day) lie before the cut. BG/NBD
    // eq. 9 (Fader, Hardie & Lee 2005) with the generator's parameters gives E[X(26)];
    // purchase counts are heavy-tailed, so the sample mean's standard error is about 1.5 %
    // (seeds 1, 2, 3 and 21 gave −1.1 %, −0.6 %, +1.3 % and +3.1 %): 5 % is over 3 se.
    const g = await generateTransactionsCsv({
      rows: 300_000,
      seed: 21,
      path: join(dir, 'm.csv'),
      returnRate: 0,
    });
    const DAY = 86_400_000;
    const arrival = new Map<string, number>();
    let inWindow = 0;
    for (const line of lines(g.path).slice(1)) {
      const [id, date] = line.split(',') as [string, string];
      const day = Date.parse(date) / DAY;
      const first = arrival.get(id);
      if (first === undefined) arrival.set(id, day);
      if (first === undefined || day - first < 182) inWindow++;
    }
    expect(arrival.size).toBe(g.customers);
    const expected = 1 + bgNbd.expectedPurchases(PROCESS.transactionParams, 26);
    expect(Math.abs(inWindow / arrival.size / expected - 1)).toBeLessThan(0.05);
  });

  it('rejects bad options with typed errors naming the field', async () => {
    const path = join(dir, 'x.csv');
    for (const [opts, field, code] of [
      [{ rows: 0, seed: 1 }, 'rows', 'invalid_count'],
      [{ rows: 1.5, seed: 1 }, 'rows', 'invalid_count'],
      [{ rows: 10, seed: 0 }, 'seed', 'invalid_seed'],
      [{ rows: 10, seed: 1, returnRate: 1 }, 'returnRate', 'out_of_range'],
    ] as const) {
      const err = await generateTransactionsCsv({ ...opts, path }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((err as InvalidInputError).issues[0]).toMatchObject({ field, code });
      expect((err as Error).message).toMatch(/^generateTransactionsCsv: expected /);
    }
  });
});

describe('cachedTransactionsCsv', () => {
  it('runs its documented example: generates once, then returns the same file and description', async () => {
    process.env.BENCH_CACHE_DIR = join(dir, 'cache');
    // CACHE_DIR is read when the module loads: import a fresh copy after setting the variable.
    const { cachedTransactionsCsv } = await import(`../../bench/generate?cache=${Date.now()}`);
    const a = await cachedTransactionsCsv({ rows: 2_000, seed: 7 });
    const b = await cachedTransactionsCsv({ rows: 2_000, seed: 7 });
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect(b.path).toBe(a.path);
    expect(a.path.startsWith(join(dir, 'cache'))).toBe(true);
    const { cached: _a, ...first } = a;
    const { cached: _b, ...again } = b;
    expect(again).toEqual(first);
    // The cached bytes are what a fresh generation with the same seed writes.
    const fresh = await generateTransactionsCsv({ rows: 2_000, seed: 7, path: join(dir, 'f.csv') });
    expect(readFileSync(a.path, 'utf8')).toBe(readFileSync(fresh.path, 'utf8'));
    delete process.env.BENCH_CACHE_DIR;
  });
});

const pandasMissing =
  spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status !== 0;

describe.skipIf(pandasMissing)(
  'bench/peers/pandas_summary.py (the peer does the same work)',
  () => {
    it('equals summarizeCustomers row for row on a generated file (collapse day, weeks)', async () => {
      const g = await generateTransactionsCsv({
        rows: 20_000,
        seed: 9,
        path: join(dir, 'p.csv'),
        returnRate: 0.05,
      });
      const out = join(dir, 'p-summary.csv');
      const script = join(__dirname, '../../bench/peers/pandas_summary.py');
      const run = spawnSync(
        '/usr/bin/python3',
        [script, g.path, g.observationEnd, 'week', '--out', out],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout.trim()) as { customers: number };
      const { records } = await loadTransactions(g.path, {
        columns: { customerId: 'customer_id', date: 'date', amount: 'amount' },
      });
      const ours = summarizeCustomers(records, {
        observationEnd: new Date(`${g.observationEnd}T00:00:00Z`),
        unit: 'week',
        collapse: 'day',
      });
      const theirs = lines(out)
        .slice(1)
        .map((l) => l.split(','));
      expect(printed.customers).toBe(g.customers);
      expect(theirs).toHaveLength(ours.length);
      const byId = new Map(ours.map((s) => [s.customerId, s]));
      for (const [id, frequency, recency, T, monetary, orders, spend] of theirs) {
        const s = byId.get(id!)!;
        expect([s.frequency, s.orders]).toEqual([Number(frequency), Number(orders)]);
        // Both divide whole days by 7 in doubles: exactly equal.
        expect([s.recency, s.T]).toEqual([Number(recency), Number(T)]);
        // Sums of cents in different orders: equal to 1e-9 relative.
        expect(Math.abs(s.monetaryValue - Number(monetary))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(s.monetaryValue)),
        );
        expect(Math.abs(s.totalSpend - Number(spend))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(s.totalSpend)),
        );
      }
    });
  },
);
