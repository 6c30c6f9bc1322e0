import { expect } from 'vitest';
import { InsufficientDataError, InvalidInputError } from '../../src/errors';

/** Asserts `f` throws an InvalidInputError (code INVALID_INPUT) whose message contains `text`. */
export function expectInvalid(f: () => unknown, text: string): InvalidInputError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidInputError);
  const e = err as InvalidInputError;
  expect(e.code).toBe('INVALID_INPUT');
  expect(e.message).toContain(text);
  expect(e.issues.length).toBeGreaterThan(0);
  return e;
}

/** Asserts `f` throws an InsufficientDataError (code INSUFFICIENT_DATA) containing `text`. */
export function expectInsufficient(f: () => unknown, text: string): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InsufficientDataError);
  expect((err as InsufficientDataError).code).toBe('INSUFFICIENT_DATA');
  expect((err as Error).message).toContain(text);
}
