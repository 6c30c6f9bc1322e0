/**
 * Satisfaction metrics: CSAT per service dimension of the airline passenger survey (ratings
 * 1–5, 0 = not applicable and excluded), the seed's mean-score form, and NPS/CES on a sample.
 * Run: npx tsx examples/satisfaction-metrics.ts (after npm run build)
 */
import { ces, csat, csatMeanScore, nps } from 'customer-analytics';
import { loadSurveyResponses } from 'customer-analytics/node';
import { shared } from './_data';

const QUESTIONS = [
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

const path = shared('satisfaction/airline_passenger_satisfaction.csv.gz');
if (path) {
  const { records, stats } = await loadSurveyResponses(path, {
    columns: { customerId: 'ID' },
    kind: 'csat',
    scale: { min: 1, max: 5 },
    questions: QUESTIONS,
    notApplicable: [0],
  });
  console.log(
    `airline survey: ${stats.read} passengers, ${records.length} ratings, ${stats.notApplicable} not applicable`,
  );
  const byQuestion = new Map<string, number[]>();
  for (const r of records) {
    const list = byQuestion.get(r.question!) ?? [];
    list.push(r.score);
    byQuestion.set(r.question!, list);
  }
  for (const q of QUESTIONS) {
    const scores = byQuestion.get(q) ?? [];
    console.log(
      `  ${q.padEnd(40)} CSAT ${(100 * csat(scores)).toFixed(1)}%  mean-score ${(100 * csatMeanScore(scores)).toFixed(1)}%`,
    );
  }
} else {
  console.log('airline survey not found under ../shared/data: using the built-in sample');
  const scores = [5, 4, 4, 3, 5, 2, 4, 5, 1, 4];
  console.log(
    `  CSAT ${(100 * csat(scores)).toFixed(1)}%  mean-score ${(100 * csatMeanScore(scores)).toFixed(1)}%`,
  );
}

// NPS (0–10 "how likely to recommend") and CES (effort, 1–7) on a small hand-made sample.
console.log(`NPS of [10, 9, 9, 8, 7, 6, 3, 10]: ${nps([10, 9, 9, 8, 7, 6, 3, 10]).toFixed(1)}`);
console.log(
  `CES of [2, 3, 1, 5, 2] on 1–7: ${ces([2, 3, 1, 5, 2], { scale: { min: 1, max: 7 } }).toFixed(2)}`,
);
