import { describe, expect, it } from 'vitest';
import {
  communicationRate,
  complaintRate,
  feedbackRate,
  serviceRate,
  visitRate,
} from '../../src/metrics/engagement';
import type { Interaction } from '../../src/schema/index';
import { expectInsufficient, expectInvalid } from './_expect';

import { log } from './_interactions';

const t = new Date('2024-05-01');

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
