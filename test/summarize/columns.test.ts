import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { toSummaryColumns } from '../../src/summarize/index';

describe('toSummaryColumns', () => {
  it('runs its documented example', () => {
    const c = toSummaryColumns([
      { customerId: 'a', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 },
    ]);
    expect(c.customerId).toEqual(['a']);
    expect(c.frequency).toEqual(Float64Array.from([2]));
    expect(c.recency).toEqual(Float64Array.from([30.43]));
    expect(c.T).toEqual(Float64Array.from([38.86]));
    expect(c.monetaryValue).toEqual(Float64Array.from([22.35]));
  });

  it('keeps row order and gives empty columns for no rows', () => {
    const rows = [
      { customerId: 'b', frequency: 0, recency: 0, T: 5, monetaryValue: 0 },
      { customerId: 'a', frequency: 3, recency: 4, T: 6, monetaryValue: 7 },
    ];
    const c = toSummaryColumns(rows);
    expect(c.customerId).toEqual(['b', 'a']);
    expect([...c.T]).toEqual([5, 6]);
    expect(toSummaryColumns([]).frequency.length).toBe(0);
  });

  it('throws InvalidInputError naming the customer for a non-finite value', () => {
    const call = () =>
      toSummaryColumns([
        { customerId: 'x', frequency: 1, recency: Number.NaN, T: 2, monetaryValue: 0 },
      ]);
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(
      'toSummaryColumns: expected recency to be a finite number, received NaN (customer "x")',
    );
  });
});
