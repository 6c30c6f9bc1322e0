/**
 * The real datasets through the library's JS loaders, for the SQL/DuckDB comparisons:
 * CDNOW_master (whitespace-aligned, YYYYMMDD) and the Online Retail line items (gzip CSV,
 * amount = Quantity × UnitPrice, "17850.0" ids normalized to "17850", rows without a customer
 * rejected by the loader), plus the DuckDB relations that read the same files directly.
 */
import { loadTransactions } from '../../src/load/node';
import type { Transaction } from '../../src/schema/index';

export { loadCdnowMaster } from '../summarize/_cdnow';

/** Online Retail line items through loadTransactions (406,829 accepted of 541,909 lines). */
export async function loadOnlineRetail(path: string): Promise<Transaction[]> {
  const r = await loadTransactions(path, {
    columns: {
      customerId: 'CustomerID',
      date: 'InvoiceDate',
      orderId: 'InvoiceNo',
      amount: (row) => Number(row.Quantity) * Number(row.UnitPrice),
    },
    normalizeId: 'numeric',
  });
  if (r.stats.accepted !== 406_829 || r.stats.rejected !== 135_080)
    throw new Error(`Online Retail: unexpected load stats ${JSON.stringify(r.stats)}`);
  return r.records;
}

/**
 * DuckDB relation reading CDNOW_master.txt as text lines (one VARCHAR column, header skipped)
 * split on runs of whitespace: f[1] id, f[2] YYYYMMDD, f[3] CDs, f[4] dollars.
 */
export function cdnowRelation(path: string): string {
  return `(SELECT regexp_split_to_array(trim(line), '\\s+') AS f FROM read_csv('${path}',
    header = false, skip = 1, delim = '|', quote = '', columns = {'line': 'VARCHAR'}))`;
}

/** Column mapping for {@link cdnowRelation} (DuckDB expressions). */
export const CDNOW_COLUMNS = {
  customerId: 'f[1]',
  date: "strptime(f[2], '%Y%m%d')",
  amount: 'CAST(f[4] AS DOUBLE)',
};

/** read_csv options and columns for the Online Retail line items read by DuckDB. */
export const RETAIL_CSV = {
  types: { InvoiceNo: 'VARCHAR', StockCode: 'VARCHAR', CustomerID: 'VARCHAR' },
};
export const RETAIL_COLUMNS = {
  // "17850.0" → "17850" (the loader's normalizeId 'numeric'); '' / NULL stays NULL (excluded).
  customerId: 'CAST(CAST(CustomerID AS DOUBLE) AS BIGINT)',
  date: 'InvoiceDate',
  amount: 'Quantity * UnitPrice',
  orderId: 'InvoiceNo',
};
