/**
 * Writes the report's four files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv } from '../csv';
import { CUSTOMER_COLUMNS } from './document';
import { renderReportHtml } from './html';
import type { ReportResult } from './pipeline';
import { buildReportModel } from './reportModel';

/** Paths written by {@link writeReport}. */
export interface WrittenReport {
  metrics: string;
  customers: string;
  rejected: string;
  html: string;
}

/**
 * Writes `metrics.json` (2-space JSON), `customers.csv` (one row per customer, formula-safe),
 * `rejected.csv` (line, reasons, fields, raw row as JSON) and `report.html` (self-contained)
 * into `outDir`, creating it when missing. Files are overwritten.
 *
 * @returns The absolute paths written.
 * @throws InvalidInputError when a chart fails to render; Node's error when the directory
 *   cannot be written.
 * @example
 * const paths = await writeReport('out', runReport(input, { runTime: new Date() }));
 * paths.html; // => '/abs/out/report.html'
 */
export async function writeReport(
  outDir: string,
  result: ReportResult,
  options: { title?: string } = {},
): Promise<WrittenReport> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const paths: WrittenReport = {
    metrics: join(dir, 'metrics.json'),
    customers: join(dir, 'customers.csv'),
    rejected: join(dir, 'rejected.csv'),
    html: join(dir, 'report.html'),
  };
  const html = await renderReportHtml(buildReportModel(result, options));
  writeFileSync(paths.metrics, `${JSON.stringify(result.metrics, null, 2)}\n`);
  writeFileSync(
    paths.customers,
    toCsv(result.customers as unknown as Record<string, unknown>[], CUSTOMER_COLUMNS),
  );
  writeFileSync(
    paths.rejected,
    toCsv(result.rejected as unknown as Record<string, unknown>[], [
      'line',
      'reasons',
      'fields',
      'raw',
    ]),
  );
  writeFileSync(paths.html, html);
  return paths;
}
