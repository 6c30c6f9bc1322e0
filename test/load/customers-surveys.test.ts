import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCustomers, loadSurveyResponses } from '../../src/load/node';
import { parseNumber } from '../../src/load/numbers';
import { sharedData } from '../_helpers/shared';

const telco = sharedData('telco-churn.csv');
const airline = sharedData('satisfaction/airline_passenger_satisfaction.csv.gz');

/** The file has no quoted fields, so splitting on commas is exact (checked in shared/data/README). */
function table(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

describe.skipIf(!telco)('telco-churn.csv (TotalCharges is " " on 11 rows)', () => {
  const { header, rows } = table(readFileSync(telco ?? '/dev/null', 'utf8'));
  const col = (name: string) => header.indexOf(name);

  it('a naive mapping (parseFloat) reports the 11 blank TotalCharges as rejected rows, never NaN', async () => {
    const { records, rejected, stats } = await loadCustomers(telco!, {
      columns: { customerId: 'customerID' },
      attributes: { totalCharges: (r) => Number.parseFloat(String(r.TotalCharges)) },
    });
    expect(stats).toEqual({ read: 7_043, accepted: 7_032, rejected: 11, duplicates: 0 });
    expect(rejected.every((r) => r.issues[0]!.field === 'attributes.totalCharges')).toBe(true);
    expect(rejected.every((r) => r.record.TotalCharges === ' ' && r.record.tenure === '0')).toBe(
      true,
    );
    expect(records.every((c) => Number.isFinite(c.attributes!.totalCharges))).toBe(true);
  });

  it('the documented mapping (parseNumber: blank → missing) keeps all 7,043 customers', async () => {
    // Documented mapping: TotalCharges goes through parseNumber, so " " is missing (the
    // attribute is left out) rather than 0 or NaN; it only happens at tenure 0.
    const { records, stats } = await loadCustomers(telco!, {
      columns: { customerId: 'customerID' },
      attributes: {
        tenureMonths: (r) => parseNumber(r.tenure),
        monthlyCharges: (r) => parseNumber(r.MonthlyCharges),
        totalCharges: (r) => parseNumber(r.TotalCharges),
        contract: 'Contract',
        churn: (r) => r.Churn === 'Yes',
      },
    });
    expect(stats).toEqual({ read: 7_043, accepted: 7_043, rejected: 0, duplicates: 0 });
    const withoutTotal = records.filter((c) => !('totalCharges' in c.attributes!));
    expect(withoutTotal).toHaveLength(11);
    expect(withoutTotal.every((c) => c.attributes!.tenureMonths === 0)).toBe(true);
    // Independent counts from the raw text.
    const females = rows.filter((r) => r[col('gender')] === 'Female').length;
    const churned = rows.filter((r) => r[col('Churn')] === 'Yes').length;
    expect(churned).toBe(1_869); // README
    expect(records.filter((c) => c.gender === 'female').length).toBe(females);
    expect(records.filter((c) => c.gender === 'male').length).toBe(7_043 - females);
    expect(records.filter((c) => c.attributes!.churn === true).length).toBe(churned);
    const cents = rows.reduce((s, r) => s + Math.round(Number(r[col('MonthlyCharges')]) * 100), 0);
    expect(
      records.reduce((s, c) => s + Math.round((c.attributes!.monthlyCharges as number) * 100), 0),
    ).toBe(cents);
    expect(records[0]).toEqual({
      customerId: '7590-VHVEG',
      gender: 'female',
      attributes: {
        tenureMonths: 1,
        monthlyCharges: 29.85,
        totalCharges: 29.85,
        contract: 'Month-to-month',
        churn: false,
      },
    });
  });
});

const RATINGS = [
  'Departure and Arrival Time Convenience',
  'Ease of Online Booking',
  'Check-in Service',
  'Online Boarding',
  'Gate Location',
  'On-board Service',
  'Seat Comfort',
  'Leg Room Service',
  'Cleanliness',
  'Food and Drink',
  'In-flight Service',
  'In-flight Wifi Service',
  'In-flight Entertainment',
  'Baggage Handling',
];

describe.skipIf(!airline)(
  'airline_passenger_satisfaction.csv.gz (ratings 0–5, 0 = not applicable)',
  () => {
    it('loads one CSAT response per answered rating column, skipping 0 and counting it', async () => {
      // Documented mapping: each of the 14 rating columns is a question on a 1–5 CSAT scale;
      // 0 means "not applicable" and yields no response (it must not be averaged as a score).
      const { records, stats } = await loadSurveyResponses(airline!, {
        columns: { customerId: 'ID' },
        kind: 'csat',
        scale: { min: 1, max: 5 },
        questions: RATINGS,
        notApplicable: [0],
      });
      const { header, rows } = table(gunzipSync(readFileSync(airline!)).toString('utf8'));
      const idx = RATINGS.map((q) => header.indexOf(q));
      expect(idx.every((i) => i >= 0)).toBe(true);
      let zeros = 0;
      let scoreSum = 0;
      for (const r of rows) {
        for (const i of idx) {
          if (r[i] === '0') zeros++;
          else scoreSum += Number(r[i]);
        }
      }
      expect(rows.length).toBe(129_880);
      expect(stats).toEqual({
        read: 129_880,
        accepted: 129_880,
        rejected: 0,
        duplicates: 0,
        notApplicable: zeros,
      });
      expect(records.length).toBe(129_880 * 14 - zeros);
      expect(records.every((r) => r.score >= 1 && r.score <= 5)).toBe(true);
      let sum = 0;
      for (const r of records) sum += r.score;
      expect(sum).toBe(scoreSum);
      expect(records[0]).toEqual({
        customerId: '1',
        kind: 'csat',
        scale: { min: 1, max: 5 },
        score: 3,
        question: 'Departure and Arrival Time Convenience',
      });
    });
  },
);
