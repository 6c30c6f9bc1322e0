/**
 * Error classes shared by every layer. Each error carries a literal `code` so callers can
 * branch on it without `instanceof` across bundle copies.
 *
 * Messages read `"<function>: expected <rule>, received <value>"`.
 */

/** One validation problem, in the shape of a zod issue: which field, which rule, which value. */
export interface Issue {
  /** Field (column or property) the issue is about, e.g. `amount`. */
  field: string;
  /** Machine-readable rule name, e.g. `invalid_number`, `invalid_date`, `too_small`. */
  code: string;
  /** Human-readable message naming the field, the rule and the value. */
  message: string;
  /** The offending value as received, when there is one. */
  value?: unknown;
  /** 1-based input line (or 0-based array index for in-memory rows) when known. */
  line?: number;
  /** Customer the issue is about, when known. */
  customerId?: string;
  /** Path like `['rows', 41, 'date']`, printed as `rows[41].date`. */
  path?: (string | number)[];
}

/** Literal codes of the library's errors. */
export type ErrorCode = 'INVALID_INPUT' | 'INSUFFICIENT_DATA' | 'CONVERGENCE';

/** Base class of every error the library throws on purpose. */
export class CustomerAnalyticsError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Input that breaks a documented rule: a bad value, a bad option, an impossible row.
 * `issues` lists every problem found, each naming field, value and row or customer.
 */
export class InvalidInputError extends CustomerAnalyticsError {
  declare readonly code: 'INVALID_INPUT';
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[] = []) {
    super('INVALID_INPUT', message);
    this.issues = issues;
  }
}

/**
 * Input that is valid but too small for the computation: an empty list, a zero denominator,
 * too few customers to fit a model. The message names what was empty or zero.
 */
export class InsufficientDataError extends CustomerAnalyticsError {
  declare readonly code: 'INSUFFICIENT_DATA';
  constructor(message: string) {
    super('INSUFFICIENT_DATA', message);
  }
}

/** An iterative method (a model fit) that did not converge. */
export class ConvergenceError extends CustomerAnalyticsError {
  declare readonly code: 'CONVERGENCE';
  /** Iterations performed before giving up. */
  readonly iterations: number;
  /** Euclidean norm of the last gradient. */
  readonly gradientNorm: number;
  constructor(message: string, iterations: number, gradientNorm: number) {
    super('CONVERGENCE', message);
    this.iterations = iterations;
    this.gradientNorm = gradientNorm;
  }
}

/** Formats a value for an error message: strings quoted, others via `String`. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value !== null && typeof value === 'object') return 'object';
  return String(value);
}

/**
 * Builds an {@link InvalidInputError} with the standard message
 * `"<fn>: expected <rule>, received <value>"` and one issue.
 */
export function invalidInput(
  fn: string,
  field: string,
  rule: string,
  value: unknown,
  extra: Partial<Issue> = {},
): InvalidInputError {
  const where =
    extra.line !== undefined
      ? ` (line ${extra.line})`
      : extra.customerId !== undefined
        ? ` (customer ${formatValue(extra.customerId)})`
        : '';
  const message = `${fn}: expected ${field} ${rule}, received ${formatValue(value)}${where}`;
  return new InvalidInputError(message, [
    { field, code: extra.code ?? 'invalid', message, value, ...extra },
  ]);
}
