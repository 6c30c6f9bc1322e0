/**
 * Server-side rendering of Vega-Lite specs to SVG text with vega's headless View.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { invalidInput } from '../../errors';
import type { VegaLiteSpec } from '../charts/spec';

/**
 * A vega loader that refuses every load: the report's specs carry their data inline, and a
 * spec that asks for a URL or a file must fail rather than reach the network or the disk.
 */
const noNetworkLoader = {
  ...vega.loader(),
  load: (uri: string): Promise<string> =>
    Promise.reject(
      invalidInput('renderChartSvg', 'data.url', 'inline data only', uri, {
        code: 'external_data',
      }),
    ),
  sanitize: (uri: string): Promise<{ href: string }> =>
    Promise.reject(
      invalidInput('renderChartSvg', 'data.url', 'inline data only', uri, {
        code: 'external_data',
      }),
    ),
};

/** Options of {@link renderChartSvg}. */
export interface RenderChartOptions {
  /** Receives vega-lite's and vega's warnings (default: dropped, the library never prints). */
  onWarning?: (message: string) => void;
}

/** A vega logger that forwards warnings to a callback and never writes to the console. */
function collectingLogger(onWarning: ((message: string) => void) | undefined, errors: string[]) {
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: unknown[]) => {
    onWarning?.(args.map(String).join(' '));
    return logger;
  };
  logger.info = () => logger;
  logger.debug = () => logger;
  logger.error = (...args: unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    return logger;
  };
  return logger;
}

/** Finds a `url` inside any `data` object of a spec (depth-first), to refuse it up front. */
function findDataUrl(value: unknown, inData = false): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const u = findDataUrl(v, inData);
      if (u !== undefined) return u;
    }
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  if (inData && Object.hasOwn(obj, 'url')) return String(obj.url);
  for (const k of Object.keys(obj)) {
    const u = findDataUrl(obj[k], k === 'data' || (inData && k !== 'values'));
    if (u !== undefined) return u;
  }
  return undefined;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string: vega-lite `compile` → vega `parse` →
 * headless `View` (renderer `'none'`) → `toSVG()`. Text is measured with vega's built-in
 * estimate (no canvas package needed), fonts are whatever the spec's config names; nothing is
 * fetched (a spec with `data.url` is rejected).
 *
 * @param spec - A Vega-Lite spec, e.g. from {@link segmentSizesChart}; not mutated.
 * @param options - `onWarning` receives compile and runtime warnings.
 * @returns SVG markup starting with `<svg`.
 * @throws InvalidInputError (`INVALID_INPUT`) when the spec does not compile or asks for
 *   external data, with vega's message.
 * @example
 * const svg = await renderChartSvg(rowAccountingChart({ read: 2, accepted: 2, rejected: 0, duplicates: 0 }));
 * svg.startsWith('<svg'); // => true
 */
export async function renderChartSvg(
  spec: VegaLiteSpec,
  options: RenderChartOptions = {},
): Promise<string> {
  const url = findDataUrl(spec);
  if (url !== undefined) {
    throw invalidInput('renderChartSvg', 'data.url', 'inline data only', url, {
      code: 'external_data',
    });
  }
  const errors: string[] = [];
  let view: vega.View | undefined;
  try {
    const compiled = compile(structuredClone(spec) as unknown as TopLevelSpec, {
      logger: collectingLogger(options.onWarning, errors),
    }).spec;
    view = new vega.View(vega.parse(compiled), {
      renderer: 'none',
      loader: noNetworkLoader as unknown as vega.Loader,
      logLevel: vega.Error,
      logger: collectingLogger(options.onWarning, errors),
    });
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(errors.join('; '));
    return svg;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'INVALID_INPUT') throw err;
    throw invalidInput('renderChartSvg', 'spec', 'a valid Vega-Lite spec', (err as Error).message, {
      code: 'invalid_spec',
    });
  } finally {
    view?.finalize();
  }
}
