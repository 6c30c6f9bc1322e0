import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import {
  bigintType,
  calendarDate,
  checkDialect,
  DIALECTS,
  dateLiteral,
  dayDiff,
  doubleType,
  monthDiff,
  periodDiff,
  quoteIdentifier,
  quoteQualified,
  stringLiteral,
  stringType,
  timestampLiteral,
  truncDate,
} from '../../src/sql/dialects';
import { MS_PER_DAY, periodOfDay } from '../../src/summarize/_time';
import { duckdbWith, pglite } from './_summaryEngines';

describe('dialect helpers: documented examples', () => {
  it('checkDialect', () => {
    expect(checkDialect('summarySql', 'postgres')).toBe('postgres');
    expect(DIALECTS).toEqual(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark']);
  });
  it('quoteIdentifier', () => {
    expect(quoteIdentifier('postgres', 'customerId')).toBe('"customerId"');
    expect(quoteIdentifier('bigquery', 'T')).toBe('`T`');
    expect(quoteIdentifier('duckdb', 'a"b')).toBe('"a""b"');
    expect(quoteIdentifier('spark', 'a`b')).toBe('`a``b`');
    expect(quoteIdentifier('bigquery', 'a`b')).toBe('`a\\`b`');
  });
  it('quoteQualified', () => {
    expect(quoteQualified('duckdb', 'sales.tx')).toBe('"sales"."tx"');
    expect(quoteQualified('duckdb', "read_csv('t.csv')")).toBe("read_csv('t.csv')");
    expect(quoteQualified('spark', 'db.tx')).toBe('`db`.`tx`');
  });
  it('stringLiteral', () => {
    expect(stringLiteral('postgres', "O'Brien")).toBe("'O''Brien'");
    expect(stringLiteral('spark', "O'Brien")).toBe("'O\\'Brien'");
  });
  it('dateLiteral and timestampLiteral use the UTC day and wall time', () => {
    expect(dateLiteral('bigquery', new Date('1997-09-30T23:00:00Z'))).toBe("DATE '1997-09-30'");
    expect(timestampLiteral('postgres', new Date('2024-01-02T03:04:05.006Z'))).toBe(
      "TIMESTAMP '2024-01-02 03:04:05.006'",
    );
  });
  it('types', () => {
    expect(DIALECTS.map(doubleType)).toEqual([
      'DOUBLE',
      'DOUBLE PRECISION',
      'FLOAT64',
      'DOUBLE',
      'DOUBLE',
    ]);
    expect(DIALECTS.map(bigintType)).toEqual(['BIGINT', 'BIGINT', 'INT64', 'BIGINT', 'BIGINT']);
    expect(DIALECTS.map(stringType)).toEqual(['VARCHAR', 'VARCHAR', 'STRING', 'VARCHAR', 'STRING']);
  });
  it('calendarDate, truncDate, dayDiff, monthDiff, periodDiff', () => {
    expect(calendarDate('spark', '`ts`')).toBe('CAST(`ts` AS DATE)');
    expect(truncDate('bigquery', 'd', 'week')).toBe('DATE_TRUNC(d, ISOWEEK)');
    expect(truncDate('snowflake', 'd', 'week')).toBe("DATEADD('day', 1 - DAYOFWEEKISO(d), d)");
    expect(truncDate('spark', 'd', 'week')).toBe("trunc(d, 'week')");
    expect(truncDate('spark', 'd', 'month')).toBe("trunc(d, 'MM')");
    expect(truncDate('bigquery', 'd', 'month')).toBe('DATE_TRUNC(d, MONTH)');
    expect(truncDate('snowflake', 'd', 'month')).toBe("DATE_TRUNC('month', d)");
    expect(truncDate('postgres', 'd', 'day')).toBe('d');
    expect(dayDiff('postgres', 'a', 'b')).toBe('(b - a)');
    expect(dayDiff('spark', 'a', 'b')).toBe('datediff(b, a)');
    expect(dayDiff('bigquery', 'a', 'b')).toBe('DATE_DIFF(b, a, DAY)');
    expect(dayDiff('snowflake', 'a', 'b')).toBe("DATEDIFF('day', a, b)");
    expect(monthDiff('duckdb', 'a', 'b')).toBe(
      '((CAST(EXTRACT(YEAR FROM b) AS BIGINT) - CAST(EXTRACT(YEAR FROM a) AS BIGINT)) * 12' +
        ' + CAST(EXTRACT(MONTH FROM b) AS BIGINT) - CAST(EXTRACT(MONTH FROM a) AS BIGINT))',
    );
    expect(periodDiff('duckdb', 'a', 'b', 'week')).toBe("(date_diff('day', a, b) / 7)");
  });
  it('checkDialect rejects an unknown dialect with InvalidInputError', () => {
    expect(() => checkDialect('summarySql', 'oracle')).toThrowError(InvalidInputError);
    expect(() => checkDialect('summarySql', 'oracle')).toThrow(
      /summarySql: expected dialect to be one of 'duckdb', 'postgres', 'bigquery', 'snowflake', 'spark', received "oracle"/,
    );
  });
});

// The executable dialects against the JS calendar (src/summarize/_time.ts periodOfDay, itself
// checked against date-fns): bucket starts and period differences for random day pairs.
describe('truncDate and periodDiff executed on DuckDB and PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof pglite>>;
  let duck: Awaited<ReturnType<typeof duckdbWith>>;
  beforeAll(async () => {
    pg = await pglite();
    duck = await duckdbWith([]);
  });
  afterAll(async () => {
    duck.close();
    await pg.close();
  });
  const iso = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  /** The day (since 1970-01-01) on which period `p` of `unit` starts. */
  const startOf = (day: number, unit: 'day' | 'week' | 'month') => {
    if (unit === 'day') return day;
    if (unit === 'week') return periodOfDay(day, 'week') * 7 - 3;
    const d = new Date(day * MS_PER_DAY);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY;
  };

  fcTest.prop(
    [
      fc.integer({ min: -800, max: 25_000 }), // 1967-10 … 2038-06
      fc.integer({ min: -800, max: 25_000 }),
      fc.constantFrom('day', 'week', 'month'),
    ],
    { numRuns: 40 },
  )('match the JS calendar (bucket start, whole periods between)', async (a, b, unit) => {
    const from = `DATE '${iso(a)}'`;
    const to = `DATE '${iso(b)}'`;
    for (const [dialect, run] of [
      ['duckdb', duck.query],
      ['postgres', pg.query],
    ] as const) {
      const ta = truncDate(dialect, from, unit);
      const tb = truncDate(dialect, to, unit);
      const [row] = await run(
        `SELECT CAST(${ta} AS VARCHAR) AS s, CAST(${periodDiff(dialect, ta, tb, unit)} AS DOUBLE PRECISION) AS n`.replace(
          'DOUBLE PRECISION',
          doubleType(dialect),
        ),
      );
      expect(row?.s).toBe(iso(startOf(a, unit)));
      expect(Number(row?.n)).toBe(periodOfDay(b, unit) - periodOfDay(a, unit));
    }
  });

  it('dayDiff counts whole days across a leap year and the epoch', async () => {
    // 1969-12-31 → 2024-03-01: 1 + 54 years × 365 + 13 leap days (1972…2020) + 31 + 29 = 19,771.
    for (const [dialect, run] of [
      ['duckdb', duck.query],
      ['postgres', pg.query],
    ] as const) {
      const [row] = await run(
        `SELECT ${dayDiff(dialect, "DATE '1969-12-31'", "DATE '2024-03-01'")} AS n`,
      );
      expect(Number(row?.n)).toBe(1 + 54 * 365 + 13 + 31 + 29);
    }
  });
});
