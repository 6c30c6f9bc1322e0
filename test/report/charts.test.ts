import { describe, expect, it } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';
import {
  clusterProfilesChart,
  clvHistogramChart,
  cohortRetentionChart,
  histogramBins,
  holdoutTrackingChart,
  probabilityAliveChart,
  rfmGrid,
  rfmHeatmapChart,
  rowAccountingChart,
  segmentSizesChart,
} from '../../src/report/charts/index';

function issueCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InsufficientDataError) return e.code;
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).issues[0]?.code;
  }
  return undefined;
}

describe('segmentSizesChart', () => {
  it('runs its documented example', () => {
    expect(
      segmentSizesChart([{ segment: 'Champions', customers: 10, revenue: 500 }]).hconcat.length,
    ).toBe(2);
  });
  it('inlines shares computed from the totals (10/40 = 25%, 500/600)', () => {
    const spec = segmentSizesChart([
      { segment: 'A', customers: 10, revenue: 500 },
      { segment: 'B', customers: 30, revenue: 100 },
    ]);
    const values = (spec.data as { values: { customerShare: number; revenueShare: number }[] })
      .values;
    expect(values[0]!.customerShare).toBe(0.25);
    expect(values[0]!.revenueShare).toBeCloseTo(500 / 600, 15);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON
  });
  it('rejects empty and invalid rows', () => {
    expect(issueCode(() => segmentSizesChart([]))).toBe('INSUFFICIENT_DATA');
    expect(issueCode(() => segmentSizesChart([{ segment: 'A', customers: -1, revenue: 0 }]))).toBe(
      'too_small',
    );
    expect(
      issueCode(() => segmentSizesChart([{ segment: 'A', customers: 1, revenue: Number.NaN }])),
    ).toBe('not_finite');
  });
});

describe('rfmGrid / rfmHeatmapChart', () => {
  it('run their documented examples', () => {
    expect(
      rfmGrid([
        { r: 5, f: 1, monetary: 10 },
        { r: 5, f: 1, monetary: 30 },
      ]),
    ).toEqual([{ r: 5, f: 1, customers: 2, meanMonetary: 20 }]);
    expect(rfmHeatmapChart([{ r: 5, f: 5, customers: 3, meanMonetary: 120 }]).layer.length).toBe(2);
  });
  it('aggregates per cell, sorted, counts summing to n (hand-computed means)', () => {
    const rows = [
      { r: 1, f: 2, monetary: 3 },
      { r: 1, f: 2, monetary: 5 }, // cell (1,2): mean (3 + 5) / 2 = 4
      { r: 1, f: 1, monetary: 7 },
      { r: 2, f: 1, monetary: 0 },
    ];
    const grid = rfmGrid(rows);
    expect(grid).toEqual([
      { r: 1, f: 1, customers: 1, meanMonetary: 7 },
      { r: 1, f: 2, customers: 2, meanMonetary: 4 },
      { r: 2, f: 1, customers: 1, meanMonetary: 0 },
    ]);
    expect(grid.reduce((s, c) => s + c.customers, 0)).toBe(rows.length);
  });
  it('rejects non-integer scores', () => {
    expect(issueCode(() => rfmGrid([{ r: 0, f: 1, monetary: 1 }]))).toBe('invalid_score');
    expect(issueCode(() => rfmGrid([{ r: 1, f: 1.5, monetary: 1 }]))).toBe('invalid_score');
  });
});

describe('cohortRetentionChart', () => {
  it('runs its documented example', () => {
    expect(cohortRetentionChart([{ cohort: '1997-01', period: 0, rate: 1 }]).layer.length).toBe(2);
  });
  it('drops cell labels above 400 cells and validates rates', () => {
    const cells = Array.from({ length: 401 }, (_, i) => ({
      cohort: `c${i % 21}`,
      period: i,
      rate: 0.5,
    }));
    expect(cohortRetentionChart(cells).layer.length).toBe(1);
    expect(issueCode(() => cohortRetentionChart([{ cohort: 'a', period: 0, rate: 1.2 }]))).toBe(
      'too_big',
    );
    expect(issueCode(() => cohortRetentionChart([{ cohort: 'a', period: 0.5, rate: 1 }]))).toBe(
      'invalid_type',
    );
  });
});

describe('histogramBins / clvHistogramChart', () => {
  it('run their documented examples', () => {
    expect(histogramBins([0, 1, 2, 3], { bins: 2, clipQuantile: 1 })).toEqual([
      { start: 0, end: 1.5, count: 2 },
      { start: 1.5, end: 3, count: 2 },
    ]);
    expect(clvHistogramChart([10, 20, 30], { bins: 3, clipQuantile: 1 }).data.values.length).toBe(
      3,
    );
  });
  it('clips the tail into the last bin and never loses a value', () => {
    // 99 values 0..98 and one outlier 10,000: q = 0.99 → sorted[ceil(99) − 1] = 98
    const values = [...Array.from({ length: 99 }, (_, i) => i), 10_000];
    const bins = histogramBins(values, { bins: 7 });
    expect(bins.at(-1)!.end).toBe(98);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(100);
    // width = 98 / 7 = 14; the last bin holds floor(v / 14) ≥ 6, i.e. 84..98 (15 values) + the outlier
    expect(bins.at(-1)!.count).toBe(16);
    expect(bins[0]).toEqual({ start: 0, end: 14, count: 14 }); // 0..13
  });
  it('puts equal values in one bin and rejects bad input', () => {
    expect(histogramBins([5, 5, 5])).toEqual([{ start: 5, end: 6, count: 3 }]);
    expect(issueCode(() => histogramBins([]))).toBe('INSUFFICIENT_DATA');
    expect(issueCode(() => histogramBins([1, Number.POSITIVE_INFINITY]))).toBe('not_finite');
    expect(issueCode(() => histogramBins([1], { bins: 0 }))).toBe('invalid_option');
    expect(issueCode(() => histogramBins([1], { clipQuantile: 0 }))).toBe('invalid_option');
  });
});

describe('probabilityAliveChart', () => {
  it('runs its documented example', () => {
    expect(probabilityAliveChart([{ frequency: 0, recency: 0, pAlive: 1 }]).mark).toEqual({
      type: 'rect',
    });
  });
  it('sizes cells by the grid step and rejects probabilities above 1', () => {
    const spec = probabilityAliveChart([
      { frequency: 0, recency: 0, pAlive: 1 },
      { frequency: 2, recency: 0.5, pAlive: 0.5 },
    ]);
    expect(spec.transform).toEqual([
      { calculate: 'datum.recency + 0.5', as: 'recencyEnd' },
      { calculate: 'datum.frequency + 2', as: 'frequencyEnd' },
    ]);
    expect(
      issueCode(() => probabilityAliveChart([{ frequency: 0, recency: 0, pAlive: 1.01 }])),
    ).toBe('too_big');
  });
});

describe('holdoutTrackingChart', () => {
  it('runs its documented example', () => {
    expect(holdoutTrackingChart([{ period: 1, actual: 10, predicted: 9.5 }]).layer.length).toBe(1);
  });
  it('adds the calibration-end rule when given', () => {
    const spec = holdoutTrackingChart([{ period: 1, actual: 1, predicted: 1 }], {
      calibrationEnd: 39,
    });
    expect(spec.layer.length).toBe(2);
    expect(
      issueCode(() => holdoutTrackingChart([{ period: 1, actual: Number.NaN, predicted: 1 }])),
    ).toBe('not_finite');
  });
});

describe('clusterProfilesChart', () => {
  it('runs its documented example', () => {
    expect(
      clusterProfilesChart([{ cluster: 0, size: 5, centroid: { frequency: 2 } }]).data.values[0]!
        .rel,
    ).toBe(0.5);
  });
  it('scales each feature to its range across clusters (hand-computed)', () => {
    const spec = clusterProfilesChart([
      { cluster: 0, size: 1, centroid: { f: 2, m: 100 } },
      { cluster: 1, size: 1, centroid: { f: 4, m: 50 } },
      { cluster: 2, size: 1, centroid: { f: 3, m: 75 } },
    ]);
    // f: (3 − 2) / (4 − 2) = 0.5 for cluster 2; m: (100 − 50) / 50 = 1 for cluster 0
    const rel = spec.data.values.map((v) => v.rel);
    expect(rel).toEqual([0, 1, 0.5, 1, 0, 0.5]);
    expect(
      issueCode(() =>
        clusterProfilesChart([
          { cluster: 0, size: 1, centroid: { f: 1 } },
          { cluster: 1, size: 1, centroid: { g: 1 } },
        ]),
      ),
    ).toBe('invalid_features');
  });
});

describe('rowAccountingChart', () => {
  it('runs its documented example', () => {
    expect(
      rowAccountingChart({ read: 10, accepted: 8, rejected: 1, duplicates: 1 }).data.values.length,
    ).toBe(4);
  });
  it('refuses counts that do not reconcile', () => {
    expect(
      issueCode(() => rowAccountingChart({ read: 10, accepted: 8, rejected: 1, duplicates: 0 })),
    ).toBe('not_reconciled');
    expect(
      issueCode(() => rowAccountingChart({ read: 1.5, accepted: 1.5, rejected: 0, duplicates: 0 })),
    ).toBe('invalid_type');
  });
});
