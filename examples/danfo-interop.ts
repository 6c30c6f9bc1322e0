/**
 * danfo interop: put the customer summaries in a danfo DataFrame to print, describe and group
 * them, and read a DataFrame back into plain rows. danfojs is an optional peer dependency.
 * Run: npx tsx examples/danfo-interop.ts (after npm run build; needs `npm i danfojs`)
 */
import { rfmScores, rfmSegments, summarizeCustomers } from 'customer-analytics';
import { fromDataFrame, toDataFrame } from 'customer-analytics/danfo';
import * as dfd from 'danfojs';
import { cdnowOrSimulated } from './_data';

const { source, transactions, observationEnd } = await cdnowOrSimulated();
const customers = summarizeCustomers(transactions, {
  observationEnd,
  unit: 'week',
  collapse: 'day',
});
const segments = new Map(rfmSegments(rfmScores(customers)).map((s) => [s.customerId, s.segment]));
const rows = customers.map((c) => ({
  customerId: c.customerId,
  frequency: c.frequency,
  recency: c.recency,
  T: c.T,
  totalSpend: c.totalSpend,
  segment: segments.get(c.customerId) ?? 'Others',
}));

const df = toDataFrame(rows, dfd.DataFrame);
console.log(`${source}: DataFrame of shape ${JSON.stringify(df.shape)}`);
df.loc({ columns: ['frequency', 'recency', 'T', 'totalSpend'] })
  .describe()
  .round(2)
  .print();
const bySegment = df.groupby(['segment']).agg({ totalSpend: 'sum', customerId: 'count' });
bySegment.print();
const back = fromDataFrame(df);
console.log(`round trip: ${back.length} rows, first ${JSON.stringify(back[0])}`);
