import { describe, expect, it } from 'vitest';
import {
  communicationRate,
  communicationReach,
  complaintRate,
  complaintReach,
  feedbackRate,
  feedbackReach,
  serviceRate,
  serviceReach,
  suggestionAdoptionRate,
  visitRate,
  visitReach,
} from '../../src/metrics/engagement';
import type { Interaction } from '../../src/schema/index';
import { expectInsufficient, expectInvalid } from './_expect';

const t = new Date('2024-05-01');
// 10 customers in the base; a visited 3×, b 1×; a and c had a communication; d complained 2×.
const log: Interaction[] = [
  { customerId: 'a', date: t, kind: 'visit' },
  { customerId: 'a', date: t, kind: 'visit' },
  { customerId: 'a', date: t, kind: 'visit' },
  { customerId: 'b', date: t, kind: 'visit' },
  { customerId: 'a', date: t, kind: 'communication' },
  { customerId: 'c', date: t, kind: 'communication' },
  { customerId: 'd', date: t, kind: 'complaint' },
  { customerId: 'd', date: t, kind: 'complaint' },
  { customerId: 'e', date: t, kind: 'service' },
  { customerId: 'e', date: t, kind: 'feedback' },
  { customerId: 'f', date: t, kind: 'inquiry' },
];

describe('engagement rates (the seed: count / customers)', () => {
  it('run their documented examples', () => {
    expect(visitRate({ visits: 150, customers: 100 })).toBe(1.5);
    expect(communicationRate({ communications: 80, customers: 200 })).toBe(0.4);
    expect(serviceRate({ services: 30, customers: 120 })).toBe(0.25);
    expect(feedbackRate({ feedback: 12, customers: 60 })).toBe(0.2);
    expect(complaintRate({ complaints: 5, customers: 250 })).toBe(0.02);
    expect(
      visitRate([{ customerId: 'a', date: new Date(0), kind: 'visit' }], { customers: 4 }),
    ).toBe(0.25);
    expect(communicationRate([], { customers: 3 })).toBe(0);
    const one = (kind: Interaction['kind']): Interaction[] => [
      { customerId: 'a', date: new Date(0), kind },
    ];
    expect(serviceRate(one('service'), { customers: 2 })).toBe(0.5);
    expect(feedbackRate(one('feedback'), { customers: 5 })).toBe(0.2);
    expect(complaintRate(one('complaint'), { customers: 10 })).toBe(0.1);
  });
  it('count interactions of their kind over the customer base', () => {
    // visits 4/10, communications 2/10, complaints 2/10, services 1/10, feedback 1/10
    expect(visitRate(log, { customers: 10 })).toBe(0.4);
    expect(communicationRate(log, { customers: 10 })).toBe(0.2);
    expect(complaintRate(log, { customers: 10 })).toBe(0.2);
    expect(serviceRate(log, { customers: 10 })).toBe(0.1);
    expect(feedbackRate(log, { customers: 10 })).toBe(0.1);
    // can exceed 1: a alone, 3 visits over a base of 2
    expect(visitRate(log.slice(0, 3), { customers: 2 })).toBe(1.5);
  });
  it('throw typed errors', () => {
    expectInsufficient(() => visitRate({ visits: 3, customers: 0 }), 'customers above 0');
    expectInvalid(() => visitRate({ visits: -3, customers: 5 }), 'visits');
    expectInvalid(
      () => visitRate(log, { customers: 5 }),
      'options.customers to be at least the 6 distinct customers in the interactions, received 5',
    );
    expectInvalid(
      () => visitRate([{ customerId: 'a', date: t, kind: 'call' as never }], { customers: 5 }),
      'interactions[0].kind to be one of visit, communication',
    );
    expectInvalid(
      () => visitRate([{ customerId: '', date: t, kind: 'visit' }], { customers: 5 }),
      'interactions[0].customerId',
    );
    expectInvalid(() => visitRate(log, undefined as never), 'options.customers');
  });
});

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
