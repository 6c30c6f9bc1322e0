import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadCustomers } from '../../src/load/node';
import { churnRate, retentionRate } from '../../src/metrics/retention';
import { sharedData } from '../_helpers/shared';
import { expectInsufficient, expectInvalid } from './_expect';

describe('churnRate', () => {
  it('runs its documented example', () => {
    // 15 / 200 = 0.075 (7.5 %)
    expect(churnRate({ customersAtStart: 200, customersLost: 15 })).toBe(0.075);
  });
  it('is 0 with no losses and 1 when everyone left', () => {
    expect(churnRate({ customersAtStart: 7, customersLost: 0 })).toBe(0);
    expect(churnRate({ customersAtStart: 7, customersLost: 7 })).toBe(1);
  });
  it('throws typed errors on bad counts', () => {
    expectInsufficient(
      () => churnRate({ customersAtStart: 0, customersLost: 0 }),
      'churnRate: expected customersAtStart above 0, received 0',
    );
    expectInvalid(
      () => churnRate({ customersAtStart: 10, customersLost: 11 }),
      'churnRate: expected customersLost to be at most customersAtStart (10), received 11',
    );
    expectInvalid(() => churnRate({ customersAtStart: 10, customersLost: -1 }), 'non-negative');
    expectInvalid(() => churnRate({ customersAtStart: 10.5, customersLost: 1 }), 'received 10.5');
    expectInvalid(() => churnRate(null as never), 'counts');
  });
});

describe('retentionRate', () => {
  it('runs its documented example', () => {
    // (210 − 40) / 200 = 170/200 = 0.85
    expect(retentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 40 })).toBe(
      0.85,
    );
  });
  it('is 1 − churn when no one is acquired', () => {
    // start 50, lost 5, end 45, new 0 → 45/50 = 0.9 = 1 − 5/50
    expect(retentionRate({ customersAtStart: 50, customersAtEnd: 45, newCustomers: 0 })).toBe(
      1 - churnRate({ customersAtStart: 50, customersLost: 5 }),
    );
  });
  it('throws typed errors on impossible counts', () => {
    expectInsufficient(
      () => retentionRate({ customersAtStart: 0, customersAtEnd: 3, newCustomers: 3 }),
      'customersAtStart above 0',
    );
    expectInvalid(
      () => retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 }),
      'newCustomers to be at most customersAtEnd (5), received 6',
    );
    expectInvalid(
      () => retentionRate({ customersAtStart: 10, customersAtEnd: 15, newCustomers: 2 }),
      'to be at most customersAtStart (10), received 13',
    );
    expectInvalid(
      () => retentionRate({ customersAtStart: 10, customersAtEnd: -1, newCustomers: 0 }),
      'customersAtEnd',
    );
  });
});

const telco = sharedData('telco-churn.csv');
describe.skipIf(!telco)('IBM Telco churn (7,043 customers)', () => {
  it('churn rate = 1,869 / 7,043 from loadCustomers, matching an independent csv-parse count', async () => {
    const { records, stats } = await loadCustomers(telco!, {
      columns: { customerId: 'customerID' },
      attributes: { churn: 'Churn' },
    });
    expect(stats.accepted).toBe(7_043);
    const lost = records.filter((c) => c.attributes?.churn === 'Yes').length;
    const rate = churnRate({ customersAtStart: records.length, customersLost: lost });
    expect(rate).toBe(1_869 / 7_043);
    expect(rate).toBeCloseTo(0.26537, 5); // 26.54 %

    // independent: straight from the CSV, no loader
    const rows = parse(readFileSync(telco!), { columns: true }) as Record<string, string>[];
    const ids = new Set(rows.map((r) => r.customerID));
    const yes = rows.filter((r) => r.Churn === 'Yes').length;
    const no = rows.filter((r) => r.Churn === 'No').length;
    expect([ids.size, yes, no]).toEqual([7_043, 1_869, 5_174]);
    expect(churnRate({ customersAtStart: ids.size, customersLost: yes })).toBe(rate);
  });
});
