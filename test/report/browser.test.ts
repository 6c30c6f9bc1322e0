import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateTransactions } from '../../src/models/simulateTransactions';
import { buildReportModel, renderReportHtml, runReport } from '../../src/report/node';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(__dirname, '../../test-output/browser');

// A seeded simulated store (CDNOW parameters) with a holdout, so every chart has data.
function simulatedReportInput() {
  const sim = simulateTransactions({
    transactionModel: 'bgNbd',
    transactionParams: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    monetaryParams: { p: 6.25, q: 3.74, v: 15.44 },
    customers: 800,
    T: 78,
    acquisitionSpan: 12,
    seed: 11,
    start: new Date('2024-01-01T00:00:00Z'),
    unit: 'week',
  });
  // One hostile customer id, to see escaping in a real browser.
  const evil = sim.transactions.map((t) =>
    t.customerId === '1' ? { ...t, customerId: '<img src=x onerror=alert(1)>' } : t,
  );
  return {
    records: evil,
    rejected: [],
    stats: { read: evil.length, accepted: evil.length, rejected: 0, duplicates: 0 },
    source: 'simulated (seed 11)',
  };
}

describe.skipIf(!require('node:fs').existsSync(CHROMIUM))(
  'report.html in headless Chromium',
  () => {
    let browser: Browser;
    let htmlPath: string;
    let chartIds: string[];

    beforeAll(async () => {
      const result = runReport(simulatedReportInput(), {
        runTime: new Date('2025-07-01T00:00:00Z'),
        calibrationEnd: new Date('2024-12-31T00:00:00Z'),
      });
      const model = buildReportModel(result);
      chartIds = model.charts.map((c) => c.id);
      mkdirSync(OUT, { recursive: true });
      htmlPath = resolve(OUT, 'report.html');
      writeFileSync(htmlPath, await renderReportHtml(model));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('draws every chart with marks, logs no console error and makes no request but the file', async () => {
      // Charts expected from this data: rows, segments, rfm, cohorts, CLV, P(alive), holdout, clusters.
      expect(chartIds).toEqual(
        expect.arrayContaining([
          'rows',
          'segments',
          'rfm',
          'cohorts',
          'alive',
          'holdout',
          'clusters',
        ]),
      );
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        return url === pathToFileURL(htmlPath).href ? route.continue() : route.abort();
      });
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });

      const figures = await page.$$eval('figure.chart', (els) =>
        els.map((el) => ({
          id: el.getAttribute('data-chart'),
          marks: el.querySelectorAll('svg path, svg rect, svg line').length,
          width: el.querySelector('svg')?.getBoundingClientRect().width ?? 0,
        })),
      );
      expect(figures.map((f) => f.id)).toEqual(chartIds);
      for (const f of figures) {
        expect(f.marks, `chart ${f.id}`).toBeGreaterThan(3);
        expect(f.width, `chart ${f.id}`).toBeGreaterThan(50);
      }
      // The hostile id is text, never an element.
      expect(await page.$$('main img')).toHaveLength(0);
      expect(await page.$$('script')).toHaveLength(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(htmlPath).href]);
      await page.screenshot({ path: resolve(OUT, 'report.png'), fullPage: true });
      await page.close();
    });
  },
);
