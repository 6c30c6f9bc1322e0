import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCustomers, loadInteractions, loadSurveyResponses } from '../../src/load/node';
import { sharedData } from '../_helpers/shared';

// The @example blocks of the Node loaders, run against the shared files they name.
const telco = sharedData('telco-churn.csv');
const airline = sharedData('satisfaction/airline_passenger_satisfaction.csv.gz');
const dir = mkdtempSync(join(tmpdir(), 'ca-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Node loaders: documented examples', () => {
  it.skipIf(!telco)('loadCustomers (telco-churn.csv)', async () => {
    const { records, stats } = await loadCustomers(telco!, {
      columns: { customerId: 'customerID' },
      attributes: { contract: 'Contract', churn: 'Churn' },
    });
    expect(stats.accepted).toBe(7043);
    expect(records[0]).toEqual({
      customerId: '7590-VHVEG',
      gender: 'female',
      attributes: { contract: 'Month-to-month', churn: 'No' },
    });
  });

  it('loadInteractions (interactions.ndjson)', async () => {
    const p = join(dir, 'interactions.ndjson');
    writeFileSync(p, '{"customerId":"M1","date":"2024-05-01","kind":"visit"}\n');
    const { records } = await loadInteractions(p);
    expect(records).toEqual([
      { customerId: 'M1', date: new Date('2024-05-01T00:00:00.000Z'), kind: 'visit' },
    ]);
  });

  it.skipIf(!airline)(
    'loadSurveyResponses (two rating columns of the airline survey)',
    async () => {
      const { records, stats } = await loadSurveyResponses(airline!, {
        columns: { customerId: 'ID' },
        kind: 'csat',
        scale: { min: 1, max: 5 },
        questions: ['Seat Comfort', 'Cleanliness'],
        notApplicable: [0],
      });
      expect(stats.read).toBe(129880);
      // ID 1 rated Seat Comfort 5 and Cleanliness 5 (first data line of the file).
      expect(records.slice(0, 2).map((r) => [r.customerId, r.question, r.score])).toEqual([
        ['1', 'Seat Comfort', 5],
        ['1', 'Cleanliness', 5],
      ]);
    },
  );
});
