import { fc, test as fcTest } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { loadTransactions, streamTransactions } from '../../src/load/node';
import type { Transaction } from '../../src/schema/index';
import { accumulate } from '../../src/summarize/_accumulate';
import { checkEnd, checkTimeZone, checkUnit, collectReport } from '../../src/summarize/_report';
import type { SummarizeOptions } from '../../src/summarize/index';
import {
  type StreamSummarizeOptions,
  summarizeCustomers,
  summarizeCustomersWithReport,
} from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';
import { d, tx } from './_tx';

/**
 * The reference: the per-period-map accumulator (`accumulate` + `collectReport`, which
 * calibrationHoldout still uses), independent of the streaming accumulator that
 * summarizeCustomers now runs for arrays too.
 */
function reference(rows: readonly Transaction[], options: SummarizeOptions) {
  const fn = 'summarizeCustomersWithReport';
  const dayOf = checkTimeZone(fn, options.timeZone);
  const endDay = checkEnd(fn, 'observationEnd', options.observationEnd, dayOf);
  const collapse = checkUnit(fn, options);
  const acc = accumulate(fn, rows, endDay, options.unit, collapse, endDay, dayOf);
  return collectReport(acc, endDay, options.unit, collapse, dayOf);
}

/** Yields the rows one by one (records). */
async function* records<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const r of rows) yield r;
}

/** Yields the rows as consecutive batches of the given sizes, cycling, some as single records. */
async function* batches<T>(rows: readonly T[], sizes: readonly number[]): AsyncGenerator<T | T[]> {
  let i = 0;
  let j = 0;
  while (i < rows.length) {
    const n = sizes.length === 0 ? 1 : (sizes[j++ % sizes.length] as number);
    if (n === 0) yield rows[i++] as T;
    else {
      yield rows.slice(i, i + n);
      i += n;
    }
  }
}

/** The error a call throws or rejects with (undefined when it succeeds). */
async function caught(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('summarizeCustomers over a stream', () => {
  it('runs its documented example (batches, order date): the same row as the array path', async () => {
    async function* source() {
      yield [{ customerId: 'a', date: d('1997-01-01'), amount: 29.33 }];
      yield [
        { customerId: 'a', date: d('1997-01-18'), amount: 29.73 },
        { customerId: 'a', date: d('1997-08-02'), amount: 14.96 },
      ];
    }
    const options = { observationEnd: d('1997-09-30'), unit: 'week', collapse: 'day' } as const;
    const rows = await summarizeCustomers(source(), { ...options, order: 'date' });
    expect(rows).toStrictEqual([
      {
        customerId: 'a',
        frequency: 2,
        recency: 213 / 7, // Jan 1 = day 0, Aug 2 = day 213 of 1997
        T: 272 / 7, // Sep 30 = day 272
        monetaryValue: (29.73 + 14.96) / 2, // 22.345
        orders: 3,
        totalSpend: 74.02,
        firstPurchase: d('1997-01-01'),
        lastPurchase: d('1997-08-02'),
        daysSinceLastPurchase: 272 - 213,
      },
    ]);
  });

  it('merges a late row into its closed period exactly (order any), by hand', async () => {
    // Customer a, unit day: Jan 1 (10), Jan 3 (5), Jan 5 (2), then late rows Jan 3 (+0.1) and
    // Jan 2 (a return of 1 only: not a purchase day). Purchase days 1, 3, 5: frequency 2,
    // recency 4, T = 10 − 1 = 9; repeat days Jan 3 = 5 + 0.1 = 5.1, Jan 5 = 2: mean 3.55.
    const rows = [
      tx('a', '2024-01-01', 10),
      tx('a', '2024-01-03', 5),
      tx('a', '2024-01-05', 2),
      tx('a', '2024-01-03', 0.1),
      tx('a', '2024-01-02', 1, { kind: 'return' }),
    ];
    const options = { observationEnd: d('2024-01-10'), unit: 'day' } as const;
    const [a] = await summarizeCustomers(records(rows), options);
    expect([a?.frequency, a?.recency, a?.T, a?.monetaryValue]).toEqual([2, 4, 9, (5.1 + 2) / 2]);
    expect(a?.totalSpend).toBe(16.1); // 10 + 5 + 2 + 0.1 − 1
    expect(await summarizeCustomers(records(rows), options)).toStrictEqual(
      summarizeCustomers(rows, options),
    );
  });

  it('merges late rows exactly before 1970 too (negative period keys), every unit', async () => {
    // Day, week and month keys of 1965 are negative; the late rows (Mar 3, a return on Feb 2 that
    // shares a month with Feb 20) go back through the per-period map. Purchase days Feb 20,
    // Mar 3, Mar 10, Apr 6 (Apr 5 holds only a return), in 4 ISO weeks and 3 months: frequency
    // 3, or 2 in months.
    const rows = [
      tx('a', '1965-02-20', 10.1),
      tx('a', '1965-03-10', 5.2),
      tx('a', '1965-04-05', 2.3, { kind: 'return' }),
      tx('a', '1965-04-06', 7.7),
      tx('a', '1965-03-03', 0.3),
      tx('a', '1965-02-02', 1.1, { kind: 'return' }),
    ];
    for (const unit of ['day', 'week', 'month'] as const)
      for (const collapse of ['period', 'day'] as const) {
        const options = { observationEnd: d('1965-05-01'), unit, collapse };
        const expected = reference(rows, options);
        expect(expected.customers[0]?.frequency).toBe(
          unit === 'month' && collapse === 'period' ? 2 : 3,
        );
        expect(await summarizeCustomersWithReport(records(rows), options)).toStrictEqual(expected);
        expect(summarizeCustomersWithReport(rows, options)).toStrictEqual(expected);
      }
  });

  it("with order 'date', rejects a row for an earlier period naming row and customer", async () => {
    const rows = [tx('a', '2024-01-01', 1), tx('b', '2024-01-09', 1), tx('a', '2024-01-08', 1)];
    const late = [...rows, tx('b', '2024-01-02', 3)];
    const options = { observationEnd: d('2024-01-31'), unit: 'week', order: 'date' } as const;
    // Jan 8 and Jan 9 are in the same ISO week: b's late row Jan 2 is in the week before.
    const e = await caught(() => summarizeCustomers(records(late), options));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).issues[0]).toMatchObject({
      code: 'out_of_order',
      field: 'date',
      line: 3,
      customerId: 'b',
    });
    expect((e as Error).message).toMatch(
      /^summarizeCustomers: expected each customer's rows in date order .*received 2024-01-02.*customer "b".*row 3/,
    );
    // A row earlier in the same period is in order: Jan 8 after Jan 9 (same week).
    const sameWeek = [...rows, tx('b', '2024-01-08', 2)];
    expect(await summarizeCustomers(records(sameWeek), options)).toStrictEqual(
      summarizeCustomers(sameWeek, options),
    );
  });

  it('rejects (never throws synchronously) for bad options, and an invalid row like the array path', async () => {
    const call = (o: unknown) => summarizeCustomers(records([]), o as StreamSummarizeOptions);
    const pending = call({ observationEnd: d('2024-01-01'), unit: 'year' });
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow(/unit .*received "year"/);
    await expect(call({ observationEnd: 'x', unit: 'day' })).rejects.toThrow(InvalidInputError);
    await expect(
      call({ observationEnd: d('2024-01-01'), unit: 'day', order: 'sorted' }),
    ).rejects.toThrow(
      /^summarizeCustomers: expected order to be 'any' or 'date', received "sorted"/,
    );
    // Rows 3 and 5 (0-based, across batches) are bad: the same error as for the array.
    const rows = [
      tx('a', '2024-01-01', 1),
      tx('a', '2024-01-02', 2),
      tx('b', '2024-01-02', 2),
      tx('a', '2024-01-03', Number.NaN),
      tx('c', '2024-01-04', 1),
      { customerId: '', date: new Date(Number.NaN), amount: 1 },
    ] as Transaction[];
    const options = { observationEnd: d('2024-01-31'), unit: 'day' } as const;
    const fromArray = await caught(() => reference(rows, options));
    const fromStream = await caught(() =>
      summarizeCustomersWithReport(batches(rows, [2, 0, 3]), options),
    );
    expect(fromStream).toBeInstanceOf(InvalidInputError);
    expect((fromStream as Error).message).toBe(
      'summarizeCustomersWithReport: expected amount to be a finite number, received NaN (row 3) (and 2 more issues)',
    );
    expect((fromStream as Error).message).toBe((fromArray as Error).message);
    expect((fromStream as InvalidInputError).issues).toStrictEqual(
      (fromArray as InvalidInputError).issues,
    );
    expect((fromStream as InvalidInputError).issues.map((i) => [i.line, i.field])).toEqual([
      [3, 'amount'],
      [5, 'customerId'],
      [5, 'date'],
    ]);
  });

  it('does not mutate its input and reads the stream once', async () => {
    const rows = [tx('a', '2024-01-01', 1, { orderId: 'o1' }), tx('a', '2024-01-03', -1)];
    const copy = structuredClone(rows);
    let reads = 0;
    const source = {
      async *[Symbol.asyncIterator]() {
        reads++;
        yield* rows;
      },
    };
    await summarizeCustomersWithReport(source, { observationEnd: d('2024-01-05'), unit: 'week' });
    expect(reads).toBe(1);
    expect(rows).toStrictEqual(copy);
  });
});

// Random transactions with everything the accumulator distinguishes: several customers, returns
// by sign and by kind, several rows per day and per period, repeated orderIds, rows after the
// end, any row order, full-precision amounts (so summation order shows in the last bit).
const arbTx = fc.record(
  {
    customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    date: fc
      .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 86_399_999 }))
      .map(([day, ms]) => new Date(Date.UTC(2024, 0, 25 + day) + ms)),
    amount: fc.oneof(
      fc.integer({ min: -500, max: 5000 }).map((c) => c / 100),
      fc.double({ min: -1e4, max: 1e5, noNaN: true, noDefaultInfinity: true }),
    ),
    orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
    kind: fc.constantFrom('purchase', 'return') as fc.Arbitrary<'purchase' | 'return'>,
  },
  { requiredKeys: ['customerId', 'date', 'amount'] },
);
const arbOptions = fc.record({
  observationEnd: fc
    .integer({ min: 40, max: 130 })
    .map((i) => new Date(Date.UTC(2024, 0, 25 + i, 15))),
  unit: fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
  collapse: fc.constantFrom('period', 'day') as fc.Arbitrary<'period' | 'day'>,
  timeZone: fc.constantFrom(undefined, 'Asia/Shanghai', 'America/New_York'),
});
const arbSizes = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 5 });

describe('summarizeCustomers: stream and array agree bit for bit', () => {
  fcTest.prop([fc.array(arbTx, { maxLength: 80, size: 'max' }), arbOptions, arbSizes], {
    numRuns: 300,
  })(
    'records, random batches (order any) and the array give the same report',
    async (rows, options, sizes) => {
      const fromArray = reference(rows, options);
      expect(summarizeCustomersWithReport(rows, options)).toStrictEqual(fromArray);
      expect(await summarizeCustomersWithReport(records(rows), options)).toStrictEqual(fromArray);
      expect(await summarizeCustomersWithReport(batches(rows, sizes), options)).toStrictEqual(
        fromArray,
      );
      expect(await summarizeCustomers(batches(rows, sizes), options)).toStrictEqual(
        fromArray.customers,
      );
    },
  );

  fcTest.prop([fc.array(arbTx, { maxLength: 80, size: 'max' }), arbOptions, arbSizes], {
    numRuns: 200,
  })(
    "rows sorted by date give the same report with order 'date' (fixed state per customer) and 'any'",
    async (unsorted, options, sizes) => {
      const rows = [...unsorted].sort((x, y) => x.date.getTime() - y.date.getTime());
      const fromArray = reference(rows, options);
      expect(summarizeCustomersWithReport(rows, options)).toStrictEqual(fromArray);
      for (const order of ['date', 'any'] as const) {
        const stream = batches(rows, sizes);
        expect(await summarizeCustomersWithReport(stream, { ...options, order })).toStrictEqual(
          fromArray,
        );
      }
    },
  );

  fcTest.prop(
    [
      fc.array(arbTx, { maxLength: 30 }),
      fc.nat(),
      fc.constantFrom<unknown>(
        null,
        7,
        { customerId: 'a', date: 'x', amount: 1 },
        { customerId: 'a', date: new Date(0), amount: 1, orderId: 3 },
      ),
      arbSizes,
    ],
    { numRuns: 100 },
  )(
    'a bad row at any position rejects with the same error as the array',
    async (rows, at, bad, sizes) => {
      const withBad: Transaction[] = [...rows];
      withBad.splice(at % (rows.length + 1), 0, bad as Transaction);
      const options = { observationEnd: d('2024-06-30'), unit: 'week' } as const;
      const a = await caught(() => reference(withBad, options));
      const sync = await caught(() => summarizeCustomersWithReport(withBad, options));
      expect((sync as InvalidInputError).issues).toStrictEqual((a as InvalidInputError).issues);
      const s = await caught(() => summarizeCustomersWithReport(batches(withBad, sizes), options));
      expect(a).toBeInstanceOf(InvalidInputError);
      expect(s).toBeInstanceOf(InvalidInputError);
      expect((s as Error).message).toBe((a as Error).message);
      expect((s as InvalidInputError).issues).toStrictEqual((a as InvalidInputError).issues);
    },
  );
});

const master = sharedData('cdnow/CDNOW_master.txt');
describe.skipIf(!master)('summarizeCustomers over streamTransactions(CDNOW_master)', () => {
  const loadOptions = {
    columns: {
      customerId: 'customer_id',
      date: 'date',
      amount: 'dollar_value',
      quantity: 'number_of_cds',
    },
    dateFormat: 'yyyyMMdd',
  };
  let rows: Transaction[] = [];
  beforeAll(async () => {
    rows = (await loadTransactions(master as string, loadOptions)).records;
    expect(rows).toHaveLength(69659);
  });
  it.each([
    ['day', 'period', 'any', 'records'],
    ['week', 'day', 'date', 'records'],
    ['month', 'period', 'date', 'batches'],
  ] as const)(
    'equals the array path and the reference (unit %s, collapse %s, order %s, %s)',
    async (unit, collapse, order, form) => {
      const options = { observationEnd: d('1998-06-30'), unit, collapse };
      const expected = reference(rows, options);
      expect(expected.customers).toHaveLength(23570);
      expect(summarizeCustomersWithReport(rows, options)).toStrictEqual(expected);
      const stream = streamTransactions(master as string, loadOptions);
      const fromStream = await summarizeCustomersWithReport(
        form === 'batches' ? stream.batches() : stream,
        { ...options, order },
      );
      expect(fromStream).toStrictEqual(expected);
    },
  );
});
