/**
 * CI thresholds such as `churnRate > 0.3`: parsed from text, checked against a flat map of
 * metric values. A breached threshold is data here; the CLI turns it into exit code 1.
 */
import { invalidInput } from '../errors';

/** Comparison operators a threshold may use. */
export type ThresholdOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** A parsed threshold: breached when `metric operator value` is true. */
export interface Threshold {
  /** The source text. */
  source: string;
  /** Metric name, e.g. `churnRate` (dots allowed, e.g. `models.bgNbd.r`). */
  metric: string;
  operator: ThresholdOperator;
  /** Threshold value. */
  value: number;
}

/** Outcome of one threshold. */
export interface ThresholdResult extends Threshold {
  /** The metric's value in this run. */
  actual: number;
  /** True when `actual operator value` holds, i.e. the run fails. */
  breached: boolean;
  /** "churnRate = 0.41 breaches churnRate > 0.3" or "… is within …". */
  message: string;
}

const PATTERN =
  /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(>=|<=|==|!=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(%?)\s*$/;

/**
 * Parses a threshold `"<metric> <op> <number>"`, op one of `> >= < <= == !=`; a trailing `%`
 * divides the number by 100 (`churnRate > 30%` = `churnRate > 0.3`).
 *
 * @throws InvalidInputError (`INVALID_INPUT`, issue code `syntax`) quoting the text.
 * @example
 * parseThreshold('churnRate > 0.3'); // => { source: 'churnRate > 0.3', metric: 'churnRate', operator: '>', value: 0.3 }
 */
export function parseThreshold(source: string): Threshold {
  const m = typeof source === 'string' ? PATTERN.exec(source) : null;
  if (!m) {
    throw invalidInput(
      'parseThreshold',
      'threshold',
      "'<metric> <op> <number>' with op one of > >= < <= == !=",
      source,
      { code: 'syntax' },
    );
  }
  const value = Number(m[3]) / (m[4] === '%' ? 100 : 1);
  return { source, metric: m[1]!, operator: m[2] as ThresholdOperator, value };
}

function holds(a: number, op: ThresholdOperator, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * Checks thresholds against metric values. A threshold is breached when
 * `metrics[metric] operator value` is true (thresholds describe the failing condition, as in
 * `--fail-on 'churnRate > 0.3'`).
 *
 * @param thresholds - Parsed thresholds or their text.
 * @param metrics - Flat map of metric name → value (see `flattenMetrics`).
 * @returns One result per threshold, in order.
 * @throws InvalidInputError naming the metric when it is absent or not a finite number, and
 *   listing the available names, so a typo never passes silently.
 * @example
 * checkThresholds(['churnRate > 0.3'], { churnRate: 0.41 })[0].breached; // => true
 */
export function checkThresholds(
  thresholds: readonly (Threshold | string)[],
  metrics: Readonly<Record<string, number>>,
): ThresholdResult[] {
  return thresholds.map((t) => {
    const th = typeof t === 'string' ? parseThreshold(t) : t;
    const actual = Object.hasOwn(metrics, th.metric) ? metrics[th.metric] : undefined;
    if (typeof actual !== 'number' || !Number.isFinite(actual)) {
      const names = Object.keys(metrics).sort().join(', ');
      throw invalidInput(
        'checkThresholds',
        th.metric,
        `to be a metric of this run (one of: ${names})`,
        actual === undefined ? 'no such metric' : actual,
        { code: 'unknown_metric' },
      );
    }
    const breached = holds(actual, th.operator, th.value);
    const shown = Number(actual.toPrecision(6));
    const message = breached
      ? `${th.metric} = ${shown} breaches ${th.metric} ${th.operator} ${th.value}`
      : `${th.metric} = ${shown} is within the threshold (fails when ${th.metric} ${th.operator} ${th.value})`;
    return { ...th, actual, breached, message };
  });
}
