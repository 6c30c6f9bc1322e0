import { simulateCustomers } from '../src/models/simulate';
import { simulateTransactions } from '../src/models/simulateTransactions';
import { defineBench } from './_lib';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // FHL 2005 CDNOW estimates (weeks)
const PNBD = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
const GG = { p: 6.25, q: 3.74, v: 15.44 };

await defineBench([
  {
    name: 'simulateCustomers BG/NBD 1M (T 27-39 weeks, with spend)',
    run: () => {
      const rows = simulateCustomers({
        transactionModel: 'bgNbd',
        transactionParams: BG,
        monetaryParams: GG,
        customers: 1_000_000,
        T: 39,
        acquisitionSpan: 12,
        seed: 1,
      });
      return {
        rows: rows.length,
        note: `Σ frequency ${rows.reduce((s, c) => s + c.frequency, 0)}`,
      };
    },
  },
  {
    name: 'simulateCustomers Pareto/NBD 1M (T 27-39 weeks)',
    run: () => {
      const rows = simulateCustomers({
        transactionModel: 'paretoNbd',
        transactionParams: PNBD,
        customers: 1_000_000,
        T: 39,
        acquisitionSpan: 12,
        seed: 1,
      });
      return {
        rows: rows.length,
        note: `Σ frequency ${rows.reduce((s, c) => s + c.frequency, 0)}`,
      };
    },
  },
  {
    name: 'simulateTransactions BG/NBD 100k customers',
    run: () => {
      const sim = simulateTransactions({
        transactionModel: 'bgNbd',
        transactionParams: BG,
        monetaryParams: GG,
        customers: 100_000,
        T: 78,
        acquisitionSpan: 12,
        seed: 1,
        start: new Date('1997-01-01T00:00:00Z'),
        unit: 'week',
      });
      return { rows: sim.transactions.length, note: 'rows = transactions' };
    },
  },
]);
