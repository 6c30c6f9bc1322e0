import { describe, expect, it } from 'vitest';
import { rowAccountingChart, segmentSizesChart } from '../../src/report/charts/index';
import { formatMetric, type ReportModel, renderReportHtml } from '../../src/report/node/html';

const EVIL = '<img src=x onerror=alert(1)>';

describe('renderReportHtml', () => {
  it('runs its documented example', async () => {
    const html = await renderReportHtml({
      title: 'Nightly',
      generatedAt: '2024-01-01T00:00:00Z',
      meta: [],
      headlines: [],
      charts: [],
      tables: [],
      notes: [],
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('escapes every data-derived string and has no script, link or URL to fetch', async () => {
    const model: ReportModel = {
      title: `Report ${EVIL}`,
      generatedAt: '2024-01-01T00:00:00Z',
      meta: [{ label: EVIL, value: `"><script>alert(1)</script>` }],
      headlines: [
        {
          metric: `x"${EVIL}`,
          label: EVIL,
          value: 0.25,
          format: 'percent',
          delta: { metric: 'x', current: 0.25, baseline: 0.2, delta: 0.05, relative: 0.25 },
          definition: EVIL,
        },
      ],
      charts: [
        {
          id: 'seg<x>',
          title: EVIL,
          spec: segmentSizesChart([{ segment: EVIL, customers: 1, revenue: 2 }]),
          caption: EVIL,
        },
        {
          id: 'rows',
          title: 'Rows',
          spec: rowAccountingChart({ read: 1, accepted: 1, rejected: 0, duplicates: 0 }),
        },
      ],
      tables: [{ title: EVIL, columns: [EVIL], rows: [[EVIL], [1234.5]] }],
      notes: [EVIL],
    };
    const html = await renderReportHtml(model);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<link|<iframe|src=["']?http|href=["']?http|@import|url\(/i);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).toContain('id="seg-x-"');
    // delta of 0.05 on a percent metric shows as points; relative 25%
    expect(html).toContain('+5.0 pts (+25.0%) vs baseline');
    expect(html).toContain('<td class="num">1,234.5</td>');
  });
});

describe('formatMetric', () => {
  it('formats each kind (hand-checked strings)', () => {
    expect(formatMetric(0.4123, 'percent')).toBe('41.2%');
    expect(formatMetric(2500315.63, 'currency')).toBe('2,500,315.63');
    expect(formatMetric(23570, 'integer')).toBe('23,570');
    expect(formatMetric(1.23456, 'number')).toBe('1.235');
  });
});
