import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DuckDBConnectionLike,
  fromClause,
  mappedColumnTypes,
  runQuery,
  runQueryColumns,
  runQueryPlainColumns,
  withConnection,
} from '../../src/duckdb/source';
import { InvalidInputError } from '../../src/errors';

describe('fromClause', () => {
  it('runs its documented examples', () => {
    expect(fromClause('fn', 'tx.csv.gz', { delimiter: ',' })).toBe(
      "read_csv('tx.csv.gz', delim = ',')",
    );
    expect(fromClause('fn', { table: 'sales.tx' })).toBe('"sales"."tx"');
  });

  it('reads .parquet with read_parquet and passes every csv option', () => {
    expect(fromClause('fn', '/data/Tx.PARQUET')).toBe("read_parquet('/data/Tx.PARQUET')");
    expect(
      fromClause('fn', "o'hara.txt", {
        delimiter: '\t',
        header: false,
        dateFormat: '%Y%m%d',
        timestampFormat: '%m/%d/%Y %H:%M',
        types: { id: 'VARCHAR', amount: 'DECIMAL(18,2)' },
        allVarchar: false,
      }),
    ).toBe(
      "read_csv('o''hara.txt', delim = '\t', header = false, dateformat = '%Y%m%d', " +
        "timestampformat = '%m/%d/%Y %H:%M', all_varchar = false, " +
        "types = {'id': 'VARCHAR', 'amount': 'DECIMAL(18,2)'})",
    );
    expect(fromClause('fn', { table: ' (SELECT 1) ' })).toBe('(SELECT 1)');
  });

  it('applies the default column types unless the caller typed the column or reads all as text', () => {
    const defaults = mappedColumnTypes({ customerId: 'id', amount: 'amt' });
    expect(fromClause('fn', 'tx.csv', {}, defaults)).toBe(
      "read_csv('tx.csv', types = {'id': 'VARCHAR', 'amt': 'DOUBLE'})",
    );
    expect(fromClause('fn', 'tx.csv', {}, [['id', 'VARCHAR']])).toBe(
      "read_csv('tx.csv', types = {'id': 'VARCHAR'})",
    );
    expect(
      fromClause('fn', 'tx.csv', { types: { ID: 'BIGINT' } }, [
        ['id', 'VARCHAR'],
        [undefined, 'VARCHAR'],
        ['oid', 'VARCHAR'],
      ]),
    ).toBe("read_csv('tx.csv', types = {'ID': 'BIGINT', 'oid': 'VARCHAR'})");
    // Expressions are not columns; all_varchar already reads text; Parquet and tables keep types.
    expect(fromClause('fn', 'tx.csv', {}, [['CAST(id AS BIGINT)', 'VARCHAR']])).toBe(
      "read_csv('tx.csv')",
    );
    expect(fromClause('fn', 'tx.csv', { allVarchar: true }, defaults)).toBe(
      "read_csv('tx.csv', all_varchar = true)",
    );
    expect(fromClause('fn', 'tx.parquet', {}, defaults)).toBe("read_parquet('tx.parquet')");
    expect(fromClause('fn', { table: 'tx' }, {}, defaults)).toBe('"tx"');
  });

  it('rejects bad sources and options with InvalidInputError', () => {
    const cases: [unknown, unknown, RegExp][] = [
      ['', {}, /fn: expected source to be a file path or \{ table \}, received ""/],
      [42, {}, /expected source to be a file path or \{ table \}, received 42/],
      [{ table: '  ' }, {}, /expected source to be a file path or \{ table \}, received object/],
      ['a.csv', null, /expected csv to be an object of read_csv options, received null/],
      ['a.csv', { header: 'yes' }, /expected csv.header to be a boolean, received "yes"/],
      [
        'a.csv',
        { dateFormat: '' },
        /expected csv.dateFormat to be a non-empty string, received ""/,
      ],
    ];
    for (const [source, csv, message] of cases) {
      let error: unknown;
      try {
        fromClause('fn', source as string, csv as object);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe('INVALID_INPUT');
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('withConnection, runQuery, runQueryColumns', () => {
  it('runs the documented runQuery example on a fresh in-memory database (UTC)', async () => {
    const rows = await withConnection('fn', 'unused.csv', (c) =>
      runQuery(c, 'SELECT 1 + ? AS x', [2]),
    );
    expect(rows).toEqual([{ x: 3 }]);
    const tz = await withConnection('fn', 'unused.csv', (c) =>
      runQueryColumns(c, "SELECT current_setting('TimeZone') AS tz, 7 AS n"),
    );
    expect(tz).toEqual({ tz: ['UTC'], n: [7] });
  });

  it('reads plain columns as DuckDB hands them over (runQueryPlainColumns)', async () => {
    const sql =
      "SELECT * FROM (VALUES (1.5::DOUBLE, 'a', 7::INTEGER, 8::BIGINT, true), (NULL, NULL, NULL, NULL, NULL)) v(x, s, i, b, t)";
    const got = await withConnection('fn', 'unused.csv', (c) => runQueryPlainColumns(c, sql));
    expect(got).toEqual({
      x: [1.5, null],
      s: ['a', null],
      i: [7, null],
      b: [8n, null],
      t: [true, null],
    });
    // The documented example.
    const example = await withConnection('fn', 'unused.csv', (c) =>
      runQueryPlainColumns(c, "SELECT 1.5::DOUBLE AS x, 'a' AS s"),
    );
    expect(example).toEqual({ x: [1.5], s: ['a'] });
  });

  it('closes the database it opened, also when the body throws', async () => {
    let kept: DuckDBConnectionLike | undefined;
    await expect(
      withConnection('fn', 'unused.csv', async (c) => {
        kept = c;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(runQuery(kept!, 'SELECT 1')).rejects.toThrow();
  });
});

describe('loadDuckDB without the optional peer', () => {
  afterEach(() => {
    vi.doUnmock('@duckdb/node-api');
    vi.resetModules();
  });
  it('throws InvalidInputError (issue code missing_peer) saying how to install it', async () => {
    vi.resetModules();
    vi.doMock('@duckdb/node-api', () => {
      throw new Error("Cannot find package '@duckdb/node-api'");
    });
    const { loadDuckDB } = await import('../../src/duckdb/source');
    const error = await loadDuckDB('summarizeCustomersDuckDB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as InvalidInputError).code).toBe('INVALID_INPUT');
    expect((error as InvalidInputError).issues[0]?.code).toBe('missing_peer');
    expect((error as Error).message).toMatch(
      /^summarizeCustomersDuckDB: expected the optional peer dependency @duckdb\/node-api to be installed \(npm install @duckdb\/node-api\), received /,
    );
  });
});
