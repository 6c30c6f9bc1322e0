import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adder } from '../../src/_lib/sum';
import { loadTransactions, streamTransactions } from '../../src/load/node';
import { sharedData } from '../_helpers/shared';

const lineItems = sharedData('online-retail/online-retail-line-items.csv.gz');
const invoices = sharedData('online-retail/online-retail-invoices.csv');

describe.skipIf(!lineItems)(
  'online-retail-line-items.csv.gz (541,909 lines, gzip, quoted fields)',
  () => {
    it('rejects the 135,080 lines without a customer, loads cancellations as returns, and reconciles', async () => {
      const stream = streamTransactions(lineItems!, {
        columns: {
          customerId: 'CustomerID',
          date: 'InvoiceDate',
          orderId: 'InvoiceNo',
          productId: 'StockCode',
          quantity: 'Quantity',
          amount: (r) => Number(r.Quantity) * Number(r.UnitPrice),
        },
        normalizeId: 'numeric', // "17850.0" → "17850"
      });
      // Aggregate while streaming (one pass over the 48 MB of text, records not kept).
      const revenue = new Adder();
      const customers = new Set<string>();
      let returns = 0;
      let cancellationReturns = 0;
      let first: unknown;
      let maxDate = 0;
      for await (const t of stream) {
        first ??= t;
        revenue.add(t.amount);
        customers.add(t.customerId);
        if (t.kind === 'return') {
          returns++;
          if (t.orderId!.startsWith('C')) cancellationReturns++;
        }
        maxDate = Math.max(maxDate, t.date.getTime());
      }
      // Counts from ../shared/data/README.md (UCI's published 541,909 rows; 135,080 without customer).
      expect(stream.stats).toEqual({
        read: 541_909,
        accepted: 406_829,
        rejected: 135_080,
        duplicates: 0,
      });
      expect(customers.size).toBe(4_372);
      // Every rejection has the same reason: an empty CustomerID.
      const reasons = new Set(
        stream.rejected.map((r) => `${r.issues.length}:${r.issues[0]!.code}:${r.issues[0]!.field}`),
      );
      expect([...reasons]).toEqual(['1:missing:customerId']);
      expect(stream.rejected.every((r) => r.record.CustomerID === '')).toBe(true);
      expect(stream.rejected[0]!.line).toBe(624); // header is line 1
      // README: 8,905 cancellation lines have a customer; each has a negative quantity → return.
      expect(cancellationReturns).toBe(8_905);
      expect(returns).toBe(8_905);
      // Revenue reconciles: accepted + rejected = £9,747,747.93 over every line (README).
      for (const r of stream.rejected)
        revenue.add(Number(r.record.Quantity) * Number(r.record.UnitPrice));
      expect(Math.round(Number(revenue) * 100)).toBe(974_774_793);
      expect(first).toEqual({
        customerId: '17850',
        date: new Date('2010-12-01T08:26:00Z'),
        amount: 6 * 2.55,
        orderId: '536365',
        quantity: 6,
        productId: '85123A',
        kind: 'purchase',
      });
      expect(new Date(maxDate).toISOString()).toBe('2011-12-09T12:50:00.000Z');
    });
  },
);

describe.skipIf(!invoices)(
  'online-retail-invoices.csv (M/d/yyyy H:mm dates, "(blank)" customers)',
  () => {
    // Documented mapping: "(blank)" is not a customer, so it maps to empty and the row is
    // rejected as missing a customer id (kept in `rejected`, not dropped). UnitPrice is the
    // unweighted mean of the line prices, so Quantity × UnitPrice only approximates revenue.
    const options = {
      columns: {
        customerId: (r: Record<string, unknown>) =>
          r.CustomerID === '(blank)' ? '' : r.CustomerID,
        date: 'InvoiceDate',
        orderId: 'InvoiceNo',
        quantity: 'Quantity',
        amount: (r: Record<string, unknown>) => Number(r.Quantity) * Number(r.UnitPrice),
      },
      dateFormat: 'M/d/yyyy H:mm',
    };

    it('loads with the documented mapping and reconciles with an independent count', async () => {
      const { records, rejected, stats } = await loadTransactions(invoices!, options);
      // Independent count (the file has no quoted fields, so splitting on commas is exact).
      const rows = readFileSync(invoices!, 'utf8')
        .split('\r\n')
        .slice(1)
        .filter((l) => l !== '')
        .map((l) => l.split(','));
      const blank = rows.filter((f) => f[2] === '(blank)').length;
      const negativeWithCustomer = rows.filter(
        (f) => f[2] !== '(blank)' && Number(f[4]) < 0,
      ).length;
      expect(rows.length).toBe(25_943);
      expect(blank).toBe(3_722);
      expect(stats).toEqual({
        read: 25_943,
        accepted: 25_943 - 3_722,
        rejected: 3_722,
        duplicates: 0,
      });
      expect(
        rejected.every(
          (r) => r.issues[0]!.code === 'missing' && r.issues[0]!.field === 'customerId',
        ),
      ).toBe(true);
      expect(records.filter((r) => r.kind === 'return').length).toBe(negativeWithCustomer);
      expect(records[0]!.date.toISOString()).toBe('2010-12-01T08:26:00.000Z');
      expect(records[0]!.customerId).toBe('17850');
    });
  },
);
