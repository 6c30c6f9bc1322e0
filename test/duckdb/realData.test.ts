import { beforeAll, describe, expect, it } from 'vitest';
import {
  summarizeCustomersDuckDB,
  summarizeCustomersDuckDBWithReport,
} from '../../src/duckdb/customers';
import type { Transaction } from '../../src/schema/index';
import { summarizeCustomers, summarizeCustomersWithReport } from '../../src/summarize/customers';
import { sharedData } from '../_helpers/shared';
import {
  CDNOW_COLUMNS,
  cdnowRelation,
  loadCdnowMaster,
  loadOnlineRetail,
  RETAIL_COLUMNS,
  RETAIL_CSV,
} from '../sql/_realData';
import { expectSameSummaries } from '../sql/_summaryEngines';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const cdnow = sharedData('cdnow/CDNOW_master.txt');
const retail = sharedData('online-retail/online-retail-line-items.csv.gz');

describe.skipIf(!cdnow)('summarizeCustomersDuckDB on CDNOW_master.txt (read by DuckDB)', () => {
  it('equals the JS loader + summarizeCustomers row for row (calibration and full window)', async () => {
    const rows = await loadCdnowMaster(cdnow!);
    const source = { table: cdnowRelation(cdnow!) };
    const cases = [
      { observationEnd: d('1997-09-30'), unit: 'week', collapse: 'day' }, // Fader–Hardie
      { observationEnd: d('1997-09-30'), unit: 'week', collapse: 'period' },
      { observationEnd: d('1998-06-30'), unit: 'month', collapse: 'period' },
      { observationEnd: d('1998-06-30'), unit: 'day', collapse: 'period' },
    ] as const;
    for (const options of cases) {
      const got = await summarizeCustomersDuckDB(source, { ...options, columns: CDNOW_COLUMNS });
      expectSameSummaries(got, summarizeCustomers(rows, options));
    }
    // Outside reference (../shared/data/README.md): 23,570 customers, $2,500,315.63 in total.
    const all = await summarizeCustomersDuckDB(source, {
      ...cases[2],
      columns: CDNOW_COLUMNS,
    });
    expect(all).toHaveLength(23_570);
    expect(Math.round(all.reduce((s, c) => s + c.totalSpend, 0) * 100)).toBe(250_031_563);
  }, 60_000);
});

describe.skipIf(!retail)(
  'summarizeCustomersDuckDB on the Online Retail line items (.csv.gz)',
  () => {
    let rows: Transaction[];
    beforeAll(async () => {
      rows = await loadOnlineRetail(retail!);
    }, 120_000);

    it('reports the 135,080 lines without a customer and equals the JS summaries (weeks)', async () => {
      const options = {
        observationEnd: d('2011-12-09'),
        unit: 'week',
        collapse: 'period',
      } as const;
      const report = await summarizeCustomersDuckDBWithReport(retail!, {
        ...options,
        columns: RETAIL_COLUMNS,
        csv: RETAIL_CSV,
      });
      // README: 541,909 lines, 135,080 without CustomerID (the loader rejects the same lines).
      expect(report.rowsRead).toBe(541_909);
      expect(report.excludedMissing).toEqual({
        rows: 135_080,
        customerId: 135_080,
        date: 0,
        amount: 0,
      });
      expect(report.excludedAfterEnd).toBe(0);
      const js = summarizeCustomersWithReport(rows, options);
      // 4,372 customers have a row; those with only cancellations are reported, not summarized.
      expect(js.customers.length + js.returnsOnly.length).toBe(4_372);
      expectSameSummaries(report.customers, js.customers);
      expect(report.returnsOnly.map((r) => [r.customerId, r.returns])).toEqual(
        js.returnsOnly.map((r) => [r.customerId, r.returns]),
      );
    }, 60_000);

    it('equals the JS summaries with collapse day in months, half-way through the log', async () => {
      const options = { observationEnd: d('2011-06-30'), unit: 'month', collapse: 'day' } as const;
      const got = await summarizeCustomersDuckDB(retail!, {
        ...options,
        columns: RETAIL_COLUMNS,
        csv: RETAIL_CSV,
      });
      expectSameSummaries(got, summarizeCustomers(rows, options));
    }, 60_000);
  },
);
