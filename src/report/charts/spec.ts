/**
 * Shared pieces of the chart-spec builders: the spec type, the common config and input checks.
 * Every builder is a pure function of plain data returning Vega-Lite JSON, so apps can render
 * the specs their own way (vega-embed in a browser, `renderChartSvg` in Node).
 */
import { InsufficientDataError, invalidInput } from '../../errors';

/** A Vega-Lite top-level specification as plain JSON. */
export interface VegaLiteSpec {
  $schema: string;
  [key: string]: unknown;
}

/** Size and title options shared by every chart builder. */
export interface ChartOptions {
  /** Chart title; each builder has its own default. */
  title?: string;
  /** Plot width in pixels. */
  width?: number;
  /** Plot height in pixels. */
  height?: number;
}

/** Vega-Lite schema URL of the specs (an identifier only; nothing is fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Look shared by every chart: system font, no network fonts, white background. */
export const CHART_CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4 },
  title: { fontSize: 14, anchor: 'start' },
} as const;

/** Starts a spec with the schema, title, size and shared config. */
export function baseSpec(
  title: string,
  options: ChartOptions,
  defaults: { width: number; height: number },
): VegaLiteSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? title,
    width: options.width ?? defaults.width,
    height: options.height ?? defaults.height,
    config: CHART_CONFIG,
  };
}

/** Checks an input is a non-empty array. */
export function requireRows<T>(fn: string, name: string, rows: readonly T[]): void {
  if (!Array.isArray(rows)) {
    throw invalidInput(fn, name, 'to be an array', rows, { code: 'invalid_type' });
  }
  if (rows.length === 0) {
    throw new InsufficientDataError(`${fn}: expected ${name} to be non-empty, received 0 rows`);
  }
}

/** Checks a value is a finite number (optionally ≥ 0), naming the field and row. */
export function requireFinite(
  fn: string,
  field: string,
  value: unknown,
  row: number,
  nonNegative = false,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(fn, field, 'to be a finite number', value, {
      code: 'not_finite',
      path: ['rows', row, field],
    });
  }
  if (nonNegative && value < 0) {
    throw invalidInput(fn, field, 'to be ≥ 0', value, {
      code: 'too_small',
      path: ['rows', row, field],
    });
  }
  return value;
}

/** Checks a value is a string, naming the field and row. */
export function requireString(fn: string, field: string, value: unknown, row: number): string {
  if (typeof value !== 'string') {
    throw invalidInput(fn, field, 'to be a string', value, {
      code: 'invalid_type',
      path: ['rows', row, field],
    });
  }
  return value;
}
