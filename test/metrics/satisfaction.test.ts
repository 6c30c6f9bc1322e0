import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ces } from '../../src/metrics/ces';
import { csat, csatMeanScore } from '../../src/metrics/csat';
import { nps } from '../../src/metrics/nps';
import type { SurveyResponse } from '../../src/schema/index';
import { sharedData } from '../_helpers/shared';
import { expectInsufficient, expectInvalid } from './_expect';

describe('csat', () => {
  it('runs its documented example', () => {
    // 5, 4 and 5 are ≥ 4: 3 of 5 = 0.6
    expect(csat([5, 4, 3, 5, 1])).toBe(0.6);
  });

  it('reads SurveyResponse scores and honours threshold and scale', () => {
    const rs: SurveyResponse[] = [
      { score: 9, kind: 'csat' },
      { score: 7, kind: 'csat' },
      { score: 10, kind: 'csat' },
      { score: 2, kind: 'csat' },
    ];
    // on 1–10 with threshold 8: 9 and 10 count → 2/4
    expect(csat(rs, { scale: { min: 1, max: 10 }, threshold: 8 })).toBe(0.5);
    // accessor form: the same scores doubled on 2–20, threshold 16 → 2/4
    expect(csat(rs, { scale: { min: 2, max: 20 }, threshold: 16, value: (r) => r.score * 2 })).toBe(
      0.5,
    );
  });

  it('excludes not-applicable codes only when told', () => {
    // with 0 as N/A: [5, 3, 4] → 2/3
    expect(csat([0, 5, 3, 0, 4], { notApplicable: [0] })).toBe(2 / 3);
    // without it, 0 is outside 1–5 and an error naming value and index
    const e = expectInvalid(() => csat([0, 5, 3]), 'scores[0] to be within the scale [1, 5]');
    expect(e.issues[0]).toMatchObject({ value: 0, code: 'out_of_range', path: ['scores', 0] });
    expectInvalid(() => csat([5, 4, 6]), 'received 6');
    expectInvalid(() => csat([5, Number.NaN]), 'scores[1] to be a finite number');
  });

  it('throws typed errors on empty input, all-N/A input and bad options', () => {
    expectInsufficient(() => csat([]), 'received 0 scores');
    expectInsufficient(() => csat([0, 0], { notApplicable: [0] }), 'all 2 were not applicable');
    expectInvalid(() => csat([5], { threshold: 9 }), 'threshold');
    expectInvalid(() => csat([5], { scale: { min: 5, max: 1 } }), 'scale.max');
  });

  it('does not mutate its input', () => {
    const xs = [5, 4, 3];
    const copy = [...xs];
    csat(xs);
    expect(xs).toEqual(copy);
  });
});

describe('csatMeanScore (the seed form)', () => {
  it('runs its documented example', () => {
    // (5+4+3+5+1)/5 = 3.6; 3.6/5 = 0.72
    expect(csatMeanScore([5, 4, 3, 5, 1])).toBeCloseTo(0.72, 15);
  });
  it('is 1 when every rating is the top score and uses exact sums', () => {
    expect(csatMeanScore([5, 5, 5])).toBe(1);
    // ten ratings of 0.1 on a 0–1 scale: mean 0.1 exactly with compensated summation
    expect(csatMeanScore(Array(10).fill(0.1), { scale: { min: 0, max: 1 } })).toBe(0.1);
  });
  it('rejects scales with a negative bottom and scores outside the scale', () => {
    expectInvalid(() => csatMeanScore([1], { scale: { min: -2, max: 2 } }), 'scale.min');
    expectInvalid(() => csatMeanScore([1, 9]), 'scores[1]');
    expectInsufficient(() => csatMeanScore([]), 'csatMeanScore');
  });
});

describe('nps', () => {
  it('runs its documented examples', () => {
    // promoters 10, 9; passives 8, 7; detractors 6, 0 → (2 − 2)/6 = 0
    expect(nps([10, 9, 8, 7, 6, 0])).toBe(0);
    // 3 promoters, 1 detractor of 4 → 100 × 2/4 = 50
    expect(nps([10, 10, 9, 3])).toBe(50);
  });
  it('spans −100 to 100', () => {
    expect(nps([0, 6, 3])).toBe(-100);
    expect(nps([9, 10])).toBe(100);
    expect(nps([7, 8])).toBe(0);
  });
  it('requires integers 0–10, excluding N/A codes only when told', () => {
    expectInvalid(() => nps([10, 6.5]), 'scores[1] to be an integer within the scale [0, 10]');
    expectInvalid(() => nps([11]), 'received 11');
    // -1 as "no answer": 10, 0 → (1 − 1)/2 = 0
    expect(nps([-1, 10, 0], { notApplicable: [-1] })).toBe(0);
    expectInsufficient(() => nps([]), 'nps');
  });
});

describe('ces', () => {
  it('runs its documented example', () => {
    // (7+6+5+2)/4 = 5
    expect(ces([7, 6, 5, 2])).toBe(5);
  });
  it('uses the given scale', () => {
    // 1–5 scale: (1+2+2)/3 = 5/3
    expect(ces([1, 2, 2], { scale: { min: 1, max: 5 } })).toBe(5 / 3);
    expectInvalid(() => ces([1, 6], { scale: { min: 1, max: 5 } }), 'scores[1]');
    expectInvalid(() => ces([8]), 'within the scale [1, 7]');
    expectInsufficient(() => ces([]), 'ces');
  });
});

const airline = sharedData('satisfaction/airline_passenger_satisfaction.csv.gz');
describe.skipIf(!airline)('airline passenger survey (129,880 respondents)', () => {
  const rows = parse(gunzipSync(readFileSync(airline!)), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  const dimensions = [
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

  it('has the documented 129,880 rows', () => {
    expect(rows).toHaveLength(129_880);
  });

  it('CSAT per service dimension (0 = not applicable) matches independent counts', () => {
    for (const d of dimensions) {
      // independent count: 4 and 5 over 1–5, skipping 0
      let top = 0;
      let applicable = 0;
      for (const r of rows) {
        const v = Number.parseInt(r[d]!, 10);
        if (v === 0) continue;
        applicable++;
        if (v >= 4) top++;
      }
      const value = csat(rows, { value: (r) => Number(r[d]), notApplicable: [0] });
      expect(value, d).toBe(top / applicable);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('Baggage Handling has no N/A code, so it works without notApplicable too', () => {
    const v = csat(rows, { value: (r) => Number(r['Baggage Handling']) });
    expect(v).toBe(csat(rows, { value: (r) => Number(r['Baggage Handling']), notApplicable: [0] }));
  });

  it('a dimension with 0s fails loudly when N/A is not declared', () => {
    expectInvalid(
      () => csat(rows, { value: (r) => Number(r['In-flight Wifi Service']) }),
      'within the scale [1, 5], received 0',
    );
  });

  it('the overall satisfied share is 56,428 / 129,880 (data README)', () => {
    let satisfied = 0;
    let other = 0;
    for (const r of rows) {
      if (r.Satisfaction === 'Satisfied') satisfied++;
      else if (r.Satisfaction === 'Neutral or Dissatisfied') other++;
    }
    expect([satisfied, other]).toEqual([56_428, 73_452]);
    const share = csat(rows, {
      value: (r) => (r.Satisfaction === 'Satisfied' ? 1 : 0),
      scale: { min: 0, max: 1 },
      threshold: 1,
    });
    expect(share).toBe(56_428 / 129_880);
  });
});
