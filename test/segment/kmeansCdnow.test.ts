import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransactions } from '../../src/node';
import { type KmeansResult, kmeansSegments } from '../../src/segment/kmeans';
import { adjustedRandIndex } from '../../src/segment/kmeansAgreement';
import { type CustomerSummary, summarizeCustomers } from '../../src/summarize/index';
import { sharedData } from '../_helpers/shared';

const master = sharedData('cdnow/CDNOW_master.txt');

/** RFM features: days since last purchase, distinct purchase days, total spend (dollars). */
const FEATURES = [
  {
    name: 'recency',
    value: (c: CustomerSummary) => c.daysSinceLastPurchase,
    low: 'recent',
    high: 'lapsed',
  },
  { name: 'frequency', value: (c: CustomerSummary) => c.frequency + 1 },
  { name: 'monetary', value: (c: CustomerSummary) => c.totalSpend },
];
const OPTIONS = {
  features: FEATURES,
  k: 4,
  seed: 2024,
  restarts: 10,
  transform: 'log1p',
  scale: 'zscore',
  revenue: 'totalSpend',
} as const;

/** Independent RFM straight from the text: Σ days since last purchase, Σ purchase days, Σ cents. */
function fileRfmTotals(path: string) {
  const end = Date.UTC(1998, 5, 30);
  const days = new Map<string, Set<string>>();
  let cents = 0;
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    if (line.trim() === '') continue;
    const [id, date, , dollars] = line.trim().split(/\s+/) as [string, string, string, string];
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(date);
    cents += Math.round(Number(dollars) * 100);
  }
  let recency = 0;
  let frequency = 0;
  for (const set of days.values()) {
    const last = [...set].sort().at(-1)!;
    const t = Date.UTC(+last.slice(0, 4), +last.slice(4, 6) - 1, +last.slice(6, 8));
    recency += (end - t) / 86_400_000;
    frequency += set.size;
  }
  return { customers: days.size, recency, frequency, cents };
}

describe.skipIf(!master)(
  'kmeansSegments on CDNOW_master RFM features (log1p + z-score, k = 4)',
  () => {
    let customers: CustomerSummary[];
    let result: KmeansResult;

    beforeAll(async () => {
      const { records } = await loadTransactions(master!, {
        columns: { customerId: 'customer_id', amount: 'dollar_value', quantity: 'number_of_cds' },
        dateFormat: 'yyyyMMdd',
      });
      customers = summarizeCustomers(records, {
        observationEnd: new Date('1998-06-30T00:00:00Z'),
        unit: 'day',
        collapse: 'day',
      });
      result = kmeansSegments(customers, OPTIONS);
    });

    it('clusters features that match a direct computation from the file', () => {
      const direct = fileRfmTotals(master!);
      expect(customers).toHaveLength(23_570);
      expect(direct.customers).toBe(23_570);
      const sum = (f: (c: CustomerSummary) => number) => customers.reduce((s, c) => s + f(c), 0);
      expect(sum(FEATURES[0]!.value)).toBe(direct.recency);
      expect(sum(FEATURES[1]!.value)).toBe(direct.frequency);
      expect(Math.round(sum(FEATURES[2]!.value) * 100)).toBe(direct.cents); // $2,500,315.63
    });

    it('reports inertia and sizes (seed 2024) close to scikit-learn, sizes summing to 23,570', () => {
      // Seed 2024, 10 restarts: inertia 15999.5583 (scaled units); sizes 9006, 7392, 4873, 2299.
      expect(result.k).toBe(4);
      expect(result.inertia).toBeCloseTo(15999.5583, 3);
      expect(result.clusters.map((c) => c.size)).toEqual([9006, 7392, 4873, 2299]);
      expect(result.clusters.reduce((s, c) => s + c.size, 0)).toBe(23_570);
      expect(result.assignments).toHaveLength(23_570);
      // Peer tool: scikit-learn 1.2.1 KMeans(n_clusters=4, n_init=10, random_state=0) on
      // StandardScaler().fit_transform(np.log1p([[recency, frequency, monetary]])):
      // inertia_ 15999.652776303617, sizes 9001, 7390, 4871, 2308. Our minimum is at least as low
      // (sklearn stops at tol = 1e-4) and the same partition up to a few border customers.
      expect(result.inertia).toBeLessThanOrEqual(15999.652776303617);
      expect(Math.abs(result.inertia - 15999.652776303617) / 15999.65).toBeLessThan(1e-4);
      [9001, 7390, 4871, 2308].forEach((n, i) => {
        expect(Math.abs(result.clusters[i]!.size - n) / n).toBeLessThan(0.01);
      });
      expect(result.converged).toBe(true);
    });

    it('profiles the clusters from recent big spenders to lapsed one-time buyers', () => {
      const profiles = result.clusters.map((c) => c.profile);
      expect(profiles).toEqual([
        'lapsed, low spend',
        'average',
        'recent, frequent, high spend',
        'recent, frequent, high spend',
      ]);
      // The smallest cluster holds the best customers: most recent, most frequent, top spend.
      const best = result.clusters[3]!;
      for (const c of result.clusters.slice(0, 3)) {
        expect(best.centroid.recency).toBeLessThan(c.centroid.recency!);
        expect(best.centroid.frequency).toBeGreaterThan(c.centroid.frequency!);
        expect(best.centroid.monetary).toBeGreaterThan(c.centroid.monetary!);
      }
      // ≈ 9.8% of customers bring ≈ 42.4% of revenue; shares add to 1.
      expect(best.share).toBeCloseTo(2299 / 23_570, 12);
      expect(best.revenueShare).toBeCloseTo(0.42411, 4);
      expect(result.clusters.reduce((s, c) => s + c.revenueShare!, 0)).toBeCloseTo(1, 12);
      expect(Number.isFinite(result.silhouette)).toBe(true);
    });

    it('is reproducible: the same seed gives identical output', () => {
      const again = kmeansSegments(customers, OPTIONS);
      expect(again).toEqual(result);
      expect(
        adjustedRandIndex(
          again.assignments.map((a) => a.cluster),
          result.assignments.map((a) => a.cluster),
        ),
      ).toBe(1);
    });
  },
);
