import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import {
  clusterProfilesChart,
  clvHistogramChart,
  cohortRetentionChart,
  holdoutTrackingChart,
  probabilityAliveChart,
  rfmGrid,
  rfmHeatmapChart,
  rowAccountingChart,
  segmentSizesChart,
} from '../../src/report/charts/index';
import { renderChartSvg } from '../../src/report/node/svg';

const marks = (svg: string) => (svg.match(/<path|<rect|<line/g) ?? []).length;

describe('renderChartSvg', () => {
  it('runs its documented example', async () => {
    const svg = await renderChartSvg(
      rowAccountingChart({ read: 2, accepted: 2, rejected: 0, duplicates: 0 }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
  });

  it('renders every chart builder to SVG with marks and without warnings', async () => {
    const specs = {
      segments: segmentSizesChart([
        { segment: 'Champions', customers: 10, revenue: 500 },
        { segment: 'Lost', customers: 30, revenue: 100 },
      ]),
      rfm: rfmHeatmapChart(
        rfmGrid([
          { r: 5, f: 5, monetary: 100 },
          { r: 1, f: 2, monetary: 10 },
        ]),
      ),
      cohort: cohortRetentionChart([
        { cohort: '2020-01', period: 0, rate: 1 },
        { cohort: '2020-01', period: 1, rate: 0.3 },
      ]),
      clv: clvHistogramChart([1, 2, 3, 4, 5, 100]),
      alive: probabilityAliveChart([
        { frequency: 0, recency: 0, pAlive: 1 },
        { frequency: 1, recency: 1, pAlive: 0.5 },
      ]),
      holdout: holdoutTrackingChart([
        { period: 1, actual: 3, predicted: 2 },
        { period: 2, actual: 5, predicted: 6 },
      ]),
      clusters: clusterProfilesChart([
        { cluster: 0, size: 3, centroid: { r: 1, f: 2 } },
        { cluster: 1, size: 5, centroid: { r: 3, f: 1 } },
      ]),
      rows: rowAccountingChart({ read: 10, accepted: 8, rejected: 1, duplicates: 1 }),
    };
    for (const [name, spec] of Object.entries(specs)) {
      const warnings: string[] = [];
      const copy = structuredClone(spec);
      const svg = await renderChartSvg(spec, { onWarning: (m) => warnings.push(m) });
      expect(svg, name).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(marks(svg), name).toBeGreaterThan(3);
      expect(warnings, name).toEqual([]);
      expect(spec, name).toEqual(copy); // not mutated
    }
  });

  it('escapes data-derived text inside the SVG', async () => {
    const svg = await renderChartSvg(
      segmentSizesChart([{ segment: '<img src=x onerror=alert(1)>', customers: 1, revenue: 1 }]),
    );
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x');
  });

  it('refuses specs that load external data, and invalid specs', async () => {
    const external = { $schema: '', data: { url: 'http://example.com/x.csv' }, mark: 'bar' };
    await expect(renderChartSvg(external)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(renderChartSvg({ $schema: '', mark: 'no-such-mark' })).rejects.toThrow(
      /renderChartSvg: expected spec a valid Vega-Lite spec/,
    );
  });
});
