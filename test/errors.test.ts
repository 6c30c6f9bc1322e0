import { describe, expect, it } from 'vitest';
import {
  ConvergenceError,
  CustomerAnalyticsError,
  InsufficientDataError,
  InvalidInputError,
  invalidInput,
} from '../src/errors';

describe('errors', () => {
  it('carries literal codes and subclasses the base', () => {
    const e = new InsufficientDataError('churnRate: expected customersAtStart > 0, received 0');
    expect(e).toBeInstanceOf(CustomerAnalyticsError);
    expect(e.code).toBe('INSUFFICIENT_DATA');
    expect(e.name).toBe('InsufficientDataError');
    const c = new ConvergenceError('fit: no convergence', 200, 0.5);
    expect([c.code, c.iterations, c.gradientNorm]).toEqual(['CONVERGENCE', 200, 0.5]);
  });

  it('invalidInput names function, field, rule, value and line', () => {
    const e = invalidInput('loadTransactions', 'amount', 'to be a finite number', 'abc', {
      line: 42,
      code: 'invalid_number',
    });
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toBe(
      'loadTransactions: expected amount to be a finite number, received "abc" (line 42)',
    );
    expect(e.issues[0]).toMatchObject({
      field: 'amount',
      code: 'invalid_number',
      value: 'abc',
      line: 42,
    });
  });
});
