import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { loadTransactions, streamTransactions } from '../../src/load/transactions';
import { Transaction } from '../../src/schema/index';

describe('loadTransactions (core, in-memory rows)', () => {
  it('runs its documented example', async () => {
    const result = await loadTransactions(
      [
        { id: ' 17850.0', when: '12/1/2010 8:26', qty: '6', price: '2.55' },
        { id: '17850.0', when: '12/1/2010 8:28', qty: '-1', price: '2.55' },
        { id: '', when: '12/1/2010 9:02', qty: '2', price: '1.00' },
      ],
      {
        columns: {
          customerId: 'id',
          date: 'when',
          amount: (r) => Number(r.qty) * Number(r.price),
        },
        dateFormat: 'M/d/yyyy H:mm',
        normalizeId: 'numeric',
      },
    );
    expect(result.records.map((t) => [t.customerId, t.amount, t.kind])).toEqual([
      ['17850', 15.299999999999999, 'purchase'],
      ['17850', -2.55, 'return'],
    ]);
    expect(result.records[0]!.date.toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(result.rejected[0]!.issues[0]!.message).toBe(
      'loadTransactions: expected customerId to be present (required), received "" (row 2)',
    );
    expect(result.stats).toEqual({ read: 3, accepted: 2, rejected: 1, duplicates: 0 });
  });

  it('reads fields from same-named columns by default and keeps optional fields', async () => {
    const { records } = await loadTransactions(
      [
        {
          customerId: 'c1',
          date: '2024-03-01T10:00:00+01:00',
          amount: '€1.234,50',
          orderId: 'o1',
          quantity: '3',
          productId: 'p',
          channel: ' web ',
          kind: 'Purchase',
        },
      ],
      { decimal: ',' },
    );
    expect(records).toEqual([
      {
        customerId: 'c1',
        // 10:00 at +01:00 is 09:00Z
        date: new Date('2024-03-01T09:00:00Z'),
        amount: 1234.5,
        orderId: 'o1',
        quantity: 3,
        productId: 'p',
        channel: 'web',
        kind: 'purchase',
      },
    ]);
  });

  it('keeps negative amounts as returns (not rejected) and zero as a purchase', async () => {
    const { records, stats } = await loadTransactions([
      { customerId: 'a', date: '2024-01-01', amount: '-5.00' },
      { customerId: 'a', date: '2024-01-01', amount: '(5.00)' },
      { customerId: 'a', date: '2024-01-01', amount: 0 },
    ]);
    expect(records.map((r) => [r.amount, r.kind])).toEqual([
      [-5, 'return'],
      [-5, 'return'],
      [0, 'purchase'],
    ]);
    expect(stats.rejected).toBe(0);
  });

  it('rejects bad values with one issue per field, naming field, rule and value', async () => {
    const { rejected, stats } = await loadTransactions([
      { customerId: 'a', date: '2011-02-30', amount: 'Infinity' },
      { customerId: 'b', date: '30/01/2011', amount: '12,34' },
      { customerId: 'c', date: '2011-01-30', amount: (1 as number) / 0 },
    ]);
    expect(stats).toEqual({ read: 3, accepted: 0, rejected: 3, duplicates: 0 });
    expect(rejected[0]!.issues.map((i) => [i.field, i.code, i.value])).toEqual([
      ['date', 'invalid_date', '2011-02-30'],
      ['amount', 'invalid_number', 'Infinity'],
    ]);
    expect(rejected[0]!.issues[0]!.message).toBe(
      'loadTransactions: expected date an ISO 8601 date, received "2011-02-30" (row 0)',
    );
    // "12,34" is not a thousands grouping (groups have 3 digits) and "," is not the decimal mark.
    expect(rejected[1]!.issues.map((i) => i.field)).toEqual(['date', 'amount']);
    expect(rejected[2]!.issues.map((i) => [i.field, i.code])).toEqual([
      ['amount', 'invalid_number'],
    ]);
    expect(rejected[2]!.line).toBe(2);
  });

  it('reports a mapping function that returns NaN, Infinity or throws as a rejected row naming the field', async () => {
    const rows = [
      { id: 'a', d: '2024-01-01', q: 'x', p: '1' },
      { id: 'a', d: '2024-01-01', q: '1', p: '1e400' },
      { id: 'a', d: '2024-01-01', q: '1', p: '1' },
    ];
    const { records, rejected } = await loadTransactions(rows, {
      columns: {
        customerId: 'id',
        date: 'd',
        amount: (r) => Number(r.q) * Number(r.p),
        orderId: (r) => {
          if (r.p === '1e400') throw new Error('boom');
          return 'o';
        },
      },
    });
    expect(records).toHaveLength(1);
    expect(rejected[0]!.issues).toMatchObject([{ field: 'amount', code: 'invalid_number' }]);
    expect(Number.isNaN(rejected[0]!.issues[0]!.value)).toBe(true);
    expect(rejected[1]!.issues).toMatchObject([
      { field: 'amount', code: 'invalid_number', value: Number.POSITIVE_INFINITY },
      { field: 'orderId', code: 'mapping_error', value: 'boom' },
    ]);
  });

  it('onError "throw" stops at the first bad row with an InvalidInputError naming row and field', async () => {
    const rows = [
      { customerId: 'a', date: '2024-01-01', amount: '1' },
      { customerId: 'a', date: 'yesterday', amount: '1' },
    ];
    const err = await loadTransactions(rows, { onError: 'throw' }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toBe(
      'loadTransactions: expected date an ISO 8601 date, received "yesterday" (row 1)',
    );
    expect(err.issues[0]).toMatchObject({ field: 'date', line: 1 });
  });

  it('counts and removes exact duplicate rows only with dedupe: true', async () => {
    const row = { customerId: 'a', date: '2024-01-01', amount: '1' };
    const rows = [
      row,
      { ...row },
      { ...row, amount: '2' },
      { customerId: '', date: 'x', amount: '' },
      { customerId: '', date: 'x', amount: '' },
    ];
    const off = await loadTransactions(rows);
    expect(off.stats).toEqual({ read: 5, accepted: 3, rejected: 2, duplicates: 0 });
    const on = await loadTransactions(rows, { dedupe: true });
    // Second copy of row and of the bad row are duplicates; the bad row's first copy is rejected.
    expect(on.stats).toEqual({ read: 5, accepted: 2, rejected: 1, duplicates: 2 });
    expect(on.records.map((r) => r.amount)).toEqual([1, 2]);
  });

  it('accepts arrays, iterables and async iterables; rejects non-object rows; does not mutate input', async () => {
    const rows = [
      { customerId: 'a', date: new Date('2024-01-01T00:00:00Z'), amount: 1 },
      'oops',
      null,
    ];
    const frozen = structuredClone(rows);
    async function* gen() {
      yield* rows;
    }
    const a = await loadTransactions(rows as never);
    const b = await loadTransactions(gen() as never);
    const c = await loadTransactions(new Set(rows) as never);
    for (const r of [a, b, c]) {
      expect(r.stats).toEqual({ read: 3, accepted: 1, rejected: 2, duplicates: 0 });
      expect(r.rejected.map((x) => x.issues[0]!.code)).toEqual(['not_object', 'not_object']);
    }
    expect(rows).toEqual(frozen);
    expect(a.records[0]!.date).not.toBe(rows[0]); // dates are copied
    await expect(loadTransactions(42 as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('never reads a value through the prototype chain (own keys only)', async () => {
    const row = JSON.parse(
      '{"__proto__": {"amount": "5"}, "customerId": "a", "date": "2024-01-01"}',
    );
    const { rejected } = await loadTransactions([row], { columns: { amount: 'constructor' } });
    // "constructor" is not an own key, so the amount is missing rather than Object.
    expect(rejected[0]!.issues).toMatchObject([{ field: 'amount', code: 'missing' }]);
    expect(({} as Record<string, unknown>).amount).toBeUndefined();
  });

  it('rejects invalid options with a typed error naming the option', async () => {
    const cases: [object, string][] = [
      [{ decimal: ';' }, `loadTransactions: expected options.decimal '.' or ',', received ";"`],
      [
        { onError: 'ignore' },
        `loadTransactions: expected options.onError 'collect' or 'throw', received "ignore"`,
      ],
      [
        { normalizeId: 'upper' },
        `loadTransactions: expected options.normalizeId 'trim', 'numeric' or a function, received "upper"`,
      ],
      [{ dedupe: 'yes' }, 'loadTransactions: expected options.dedupe a boolean, received "yes"'],
      [
        { columns: { customerID: 'id' } },
        'loadTransactions: expected options.columns keys among customerId, date, amount, orderId, quantity, productId, channel, kind, received "customerID"',
      ],
      [
        { columns: { amount: null } },
        'loadTransactions: expected options.columns.amount a column name, a position or a function, received null',
      ],
    ];
    for (const [options, message] of cases) {
      const err = await loadTransactions([], options as never).catch((e) => e);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.message).toBe(message);
      expect(err.issues[0].code).toBe('invalid_option');
    }
  });

  it('throws on an invalid time zone option', async () => {
    await expect(loadTransactions([], { timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('interprets date-only values in the given time zone', async () => {
    const { records } = await loadTransactions(
      [{ customerId: 'a', date: '2024-07-01', amount: 1 }],
      { timeZone: 'Asia/Shanghai' },
    );
    // Midnight in Shanghai (UTC+8) is 16:00 UTC the day before.
    expect(records[0]!.date.toISOString()).toBe('2024-06-30T16:00:00.000Z');
  });

  it('every accepted record satisfies the Transaction schema', async () => {
    const { records } = await loadTransactions([
      { customerId: 'a', date: '2024-01-01', amount: '1', quantity: '' },
    ]);
    expect(Transaction.safeParse(records[0]).success).toBe(true);
    expect('quantity' in records[0]!).toBe(false);
  });
});

describe('streamTransactions (core)', () => {
  it('runs its documented example', async () => {
    const stream = streamTransactions([
      { customerId: 'a', date: '2024-01-05', amount: '10' },
      { customerId: 'a', date: '2024-01-09', amount: 'ten' },
    ]);
    let total = 0;
    for await (const t of stream) total += t.amount;
    expect(total).toBe(10);
    expect(stream.stats).toEqual({ read: 2, accepted: 1, rejected: 1, duplicates: 0 });
    expect(stream.rejected[0]!.line).toBe(1);
  });

  it('can be iterated once only', async () => {
    const stream = streamTransactions([]);
    for await (const _ of stream) void _;
    expect(() => stream[Symbol.asyncIterator]()).toThrow(InvalidInputError);
  });
});

describe('core entry', () => {
  it('tells a caller passing a file path to the core loader where file loading lives', async () => {
    await expect(loadTransactions('data.csv' as never)).rejects.toThrow(
      'loadTransactions: expected input an array or (async) iterable of row objects, received "data.csv" (file paths need the customer-analytics/node entry)',
    );
  });
});

describe('dedupe key', () => {
  it('keeps 5 and "5", NaN and null distinct when comparing in-memory rows', async () => {
    const rows = [
      { customerId: 'a', date: '2024-01-01', amount: 5 },
      { customerId: 'a', date: '2024-01-01', amount: '5' },
      { customerId: 'a', date: '2024-01-01', amount: Number.NaN },
      { customerId: 'a', date: '2024-01-01', amount: null },
      { customerId: 'a', date: '2024-01-01', amount: 5 },
    ];
    const { stats } = await loadTransactions(rows, { dedupe: true });
    expect(stats).toEqual({ read: 5, accepted: 2, rejected: 2, duplicates: 1 });
  });
});

describe('issue paths', () => {
  it('give a zod-style path: rows[index].field for in-memory rows', async () => {
    const { rejected } = await loadTransactions([
      { customerId: 'a', date: '2024-01-01', amount: '1' },
      { customerId: 'a', date: 'x', amount: '1' },
    ]);
    expect(rejected[0]!.issues[0]!.path).toEqual(['rows', 1, 'date']);
  });
});
