import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortRetentionDuckDB } from '../../src/duckdb/cohortRetentionDuckDB';
import {
  CustomerAnalyticsError,
  InsufficientDataError,
  type InvalidInputError,
} from '../../src/errors';
import { cohortRetention } from '../../src/metrics/cohortRetention';
import type { Transaction } from '../../src/schema/index';
import { ledger } from '../metrics/_fixture';
import { expectSameCohorts, moneyScale } from '../sql/metricsCompare';
import { duckdb, loadDuckDB, TX_COLUMNS } from '../sql/metricsEngines';

let duck: Awaited<ReturnType<typeof duckdb>>;
let dir: string;
beforeAll(async () => {
  duck = await duckdb();
  dir = mkdtempSync(join(tmpdir(), 'ca-cohort-duckdb-'));
});
afterAll(() => {
  duck.close();
  rmSync(dir, { recursive: true, force: true });
});

async function errorOf(p: Promise<unknown>): Promise<CustomerAnalyticsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CustomerAnalyticsError);
    return e as CustomerAnalyticsError;
  }
  throw new Error('expected a rejection');
}

describe('cohortRetentionDuckDB', () => {
  it('runs its documented example (a CSV path)', async () => {
    const file = join(dir, 'tx.csv');
    writeFileSync(
      file,
      'customer_id,ts,amount\na,2024-01-05,10\nb,2024-01-20,30\na,2024-02-02,20\nc,2024-02-10,5\n',
    );
    const r = await cohortRetentionDuckDB(file, {
      columns: { customerId: 'customer_id', date: 'ts', amount: 'amount' },
      period: 'month',
    });
    expect(
      r.cohorts.map((c) => [c.cohort, c.customers, c.cells.map((x) => x.retentionRate)]),
    ).toEqual([
      ['2024-01', 2, [1, 0.5]],
      ['2024-02', 1, [1]],
    ]);
  });

  it('returns what cohortRetention returns on the fixture, unattributed rows included', async () => {
    await loadDuckDB(duck.db, ledger);
    const source = { table: 'tx', connection: duck.db as never };
    for (const period of ['week', 'month', 'quarter'] as const) {
      const got = await cohortRetentionDuckDB(source, { columns: TX_COLUMNS, period });
      expectSameCohorts(got, cohortRetention(ledger, { period }), moneyScale(ledger));
    }
    // hand-checked (see test/metrics/_fixture.ts): e's March return (−5) is in no cohort;
    // b's Feb return (−10) counts in b's January cohort at offset 1: 8 (c) is in February's
    const m = await cohortRetentionDuckDB(source, { columns: TX_COLUMNS, period: 'month' });
    expect(m.unattributed).toEqual({ transactions: 1, customers: 1, revenue: -5 });
    expect(m.cohorts.map((c) => [c.cohort, c.customers])).toEqual([
      ['2024-01', 2],
      ['2024-02', 1],
      ['2024-04', 1],
    ]);
    // January cohort {a, b}: Feb active b only (0.5), revenue −10 + 25 + 15 = 30
    expect(m.cohorts[0]!.cells[1]).toEqual({
      offset: 1,
      period: '2024-02',
      activeCustomers: 1,
      retentionRate: 0.5,
      orders: 1,
      revenue: 30,
    });
  });

  it('a return dated before the first purchase is unattributed, as in JS', async () => {
    const tx: Transaction[] = [
      { customerId: 'a', date: new Date('2024-01-10T00:00:00Z'), amount: -4, kind: 'return' },
      { customerId: 'a', date: new Date('2024-02-10T00:00:00Z'), amount: 9 },
      { customerId: 'a', date: new Date('2024-02-11T00:00:00Z'), amount: -2 },
    ];
    await loadDuckDB(duck.db, tx);
    const got = await cohortRetentionDuckDB(
      { table: 'tx', connection: duck.db as never },
      { columns: TX_COLUMNS, period: 'month' },
    );
    expect(got.unattributed).toEqual({ transactions: 1, customers: 1, revenue: -4 });
    expect(got.cohorts[0]!.cells[0]!.revenue).toBe(7);
    expectSameCohorts(got, cohortRetention(tx, { period: 'month' }), moneyScale(tx));
  });

  it('throws typed errors: day periods, bad rows, no data', async () => {
    const source = { table: 'tx', connection: duck.db as never };
    const day = (await errorOf(
      cohortRetentionDuckDB(source, { columns: TX_COLUMNS, period: 'day' as never }),
    )) as InvalidInputError;
    expect(day.issues[0]!.code).toBe('invalid_enum');
    expect(day.message).toContain(
      'cohortRetentionDuckDB: expected options.period to be one of week, month, quarter',
    );
    await loadDuckDB(duck.db, [
      { customerId: 'a', date: new Date('2024-01-10T00:00:00Z'), amount: 4, kind: 'return' },
    ]);
    const sign = (await errorOf(
      cohortRetentionDuckDB(source, { columns: TX_COLUMNS, period: 'month' }),
    )) as InvalidInputError;
    expect(sign.issues[0]!.code).toBe('sign_mismatch');
    await loadDuckDB(duck.db, []);
    expect(
      await errorOf(cohortRetentionDuckDB(source, { columns: TX_COLUMNS, period: 'month' })),
    ).toBeInstanceOf(InsufficientDataError);
  });
});
