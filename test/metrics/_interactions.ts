import type { Interaction } from '../../src/schema/index';

const t = new Date('2024-05-01');

/**
 * Interaction log of a base of 10 customers: a visited 3×, b 1×; a and c had a communication;
 * d complained 2×; e had one service contact and one feedback; f one inquiry.
 */
export const log: Interaction[] = [
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
