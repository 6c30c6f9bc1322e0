import { describe, expect, it } from 'vitest';
import { visitRate } from '../../src/metrics/engagement';
import {
  communicationReach,
  complaintReach,
  feedbackReach,
  serviceReach,
  suggestionAdoptionRate,
  visitReach,
} from '../../src/metrics/reach';
import { expectInsufficient, expectInvalid } from './_expect';
import { log } from './_interactions';

describe('reach forms (share of customers with at least one)', () => {
  it('run their documented examples', () => {
    expect(visitReach({ reachedCustomers: 45, customers: 100 })).toBe(0.45);
    expect(communicationReach({ reachedCustomers: 3, customers: 4 })).toBe(0.75);
    expect(serviceReach({ reachedCustomers: 1, customers: 8 })).toBe(0.125);
    expect(feedbackReach({ reachedCustomers: 9, customers: 36 })).toBe(0.25);
    expect(complaintReach({ reachedCustomers: 2, customers: 50 })).toBe(0.04);
  });
  it('count distinct customers', () => {
    // visited: a, b → 2/10; communicated: a, c → 2/10; complained: d → 1/10
    expect(visitReach(log, { customers: 10 })).toBe(0.2);
    expect(communicationReach(log, { customers: 10 })).toBe(0.2);
    expect(complaintReach(log, { customers: 10 })).toBe(0.1);
    expect(serviceReach(log, { customers: 10 })).toBe(0.1);
    expect(feedbackReach(log, { customers: 10 })).toBe(0.1);
  });
  it('throw typed errors', () => {
    expectInvalid(
      () => visitReach({ reachedCustomers: 5, customers: 4 }),
      'reachedCustomers to be at most customers (4), received 5',
    );
    expectInsufficient(() => complaintReach([], { customers: 0 }), 'customers above 0');
  });
  it('do not mutate their input', () => {
    const copy = structuredClone(log);
    visitReach(log, { customers: 10 });
    visitRate(log, { customers: 10 });
    expect(log).toEqual(copy);
  });
});

describe('suggestionAdoptionRate', () => {
  it('runs its documented example', () => {
    // 7 / 28 = 0.25
    expect(suggestionAdoptionRate({ adopted: 7, suggestions: 28 })).toBe(0.25);
  });
  it('throws typed errors', () => {
    expectInsufficient(
      () => suggestionAdoptionRate({ adopted: 0, suggestions: 0 }),
      'suggestions above 0',
    );
    expectInvalid(
      () => suggestionAdoptionRate({ adopted: 3, suggestions: 2 }),
      'adopted to be at most suggestions (2), received 3',
    );
  });
});
