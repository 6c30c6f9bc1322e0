import * as dfd from 'danfojs';
import { describe, expect, it, vi } from 'vitest';
import { fromDataFrame, importDanfo, toDataFrame } from '../src/danfo';
import { InsufficientDataError, InvalidInputError } from '../src/errors';

const rows = [
  {
    customerId: 'a',
    frequency: 2,
    spend: 10.5,
    segment: 'Champions',
    last: new Date(Date.UTC(2024, 0, 2)),
  },
  {
    customerId: 'b',
    frequency: 0,
    spend: 3,
    segment: 'Lost',
    last: new Date(Date.UTC(2024, 0, 1)),
  },
  {
    customerId: 'c',
    frequency: 4,
    spend: 20,
    segment: 'Champions',
    last: new Date(Date.UTC(2024, 0, 3)),
  },
];

describe('toDataFrame', () => {
  it('runs its documented example', () => {
    const df = toDataFrame([{ customerId: 'a', frequency: 2 }], dfd);
    expect(df.shape).toEqual([1, 2]);
  });

  it('gives a real danfo DataFrame: print, describe and groupby work', () => {
    const df = toDataFrame(rows, dfd);
    expect(df.columns).toEqual(['customerId', 'frequency', 'spend', 'segment', 'last']);
    expect(df.column('last').values[0]).toBe('2024-01-02T00:00:00.000Z');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    df.print();
    expect(log).toHaveBeenCalled();
    log.mockRestore();
    const desc = fromDataFrame(df.loc({ columns: ['frequency', 'spend'] }).describe(), {
      index: 'stat',
    });
    // mean frequency = (2 + 0 + 4) / 3 = 2; mean spend = (10.5 + 3 + 20) / 3 = 33.5 / 3
    expect(desc[1]).toEqual({ stat: 'mean', frequency: 2, spend: 33.5 / 3 });
    // groupby segment: Champions spend = 10.5 + 20 = 30.5, Lost = 3
    const grouped = fromDataFrame(df.groupby(['segment']).col(['spend']).sum());
    const bySegment = Object.fromEntries(grouped.map((g) => [g.segment, g.spend_sum]));
    expect(bySegment).toEqual({ Champions: 30.5, Lost: 3 });
  });

  it('accepts the DataFrame class itself and epoch dates, and does not mutate rows', () => {
    const copy = structuredClone(rows);
    const df = toDataFrame(rows, dfd.DataFrame, {
      dates: 'epoch-ms',
      columns: ['customerId', 'last'],
    });
    expect(df.values[0]).toEqual(['a', Date.UTC(2024, 0, 2)]);
    expect(rows).toEqual(copy);
  });

  it('rejects empty rows, non-objects and a missing danfo module with typed errors', () => {
    expect(() => toDataFrame([], dfd)).toThrow(InsufficientDataError);
    expect(() => toDataFrame([1 as unknown as Record<string, unknown>], dfd)).toThrow(
      InvalidInputError,
    );
    expect(() => toDataFrame(rows, {} as never)).toThrow(
      /toDataFrame: expected dfd the danfojs module/,
    );
  });
});

describe('fromDataFrame', () => {
  it('runs its documented example', () => {
    expect(
      fromDataFrame({
        columns: ['id', 'x'],
        values: [
          ['a', 1],
          ['b', Number.NaN],
        ],
      }),
    ).toEqual([
      { id: 'a', x: 1 },
      { id: 'b', x: null },
    ]);
  });

  it('round-trips through a danfo DataFrame (dates as ISO text)', () => {
    const back = fromDataFrame(toDataFrame(rows, dfd));
    expect(back).toEqual(rows.map((r) => ({ ...r, last: r.last.toISOString() })));
  });

  it('keeps a __proto__ column as an own key', () => {
    const [row] = fromDataFrame({ columns: ['__proto__'], values: [['x']] });
    expect(Object.hasOwn(row!, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('rejects non-DataFrames and ragged rows', () => {
    expect(() => fromDataFrame({} as never)).toThrow(InvalidInputError);
    expect(() => fromDataFrame({ columns: ['a'], values: [[1, 2]] })).toThrow(/rows of 1 values/);
  });
});

describe('importDanfo', () => {
  it('finds the installed danfojs', async () => {
    const mod = await importDanfo();
    expect(fromDataFrame(toDataFrame([{ a: 1 }], mod))).toEqual([{ a: 1 }]);
  });
});
