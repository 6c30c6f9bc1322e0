import { z } from 'zod';

/** A valid `Date` (not `Invalid Date`). */
const validDate = z.date().refine((d) => !Number.isNaN(d.getTime()), { message: 'Invalid Date' });
const finite = z.number().finite();
const nonEmptyId = z.string().trim().min(1);

/**
 * One purchase or return.
 * - `customerId`: non-empty string (ids are kept as strings: `00001` stays `00001`).
 * - `date`: an instant; calendar bucketing is in UTC unless a time zone is given.
 * - `amount`: currency units; negative means a refund/return.
 * - `kind`: `'return'` for negative amounts, `'purchase'` otherwise (set by the loaders).
 */
export const Transaction = z.object({
  customerId: nonEmptyId,
  date: validDate,
  amount: finite,
  orderId: z.string().optional(),
  quantity: finite.optional(),
  productId: z.string().optional(),
  channel: z.string().optional(),
  kind: z.enum(['purchase', 'return']).optional(),
});
/** A validated transaction record. */
export type Transaction = z.infer<typeof Transaction>;

/** Normalized gender labels (F/M/female/男/女 … map onto these). */
export const Gender = z.enum(['female', 'male', 'other', 'unknown']);
/** A normalized gender label. */
export type Gender = z.infer<typeof Gender>;

/** One customer master record. */
export const Customer = z.object({
  customerId: nonEmptyId,
  signupDate: validDate.optional(),
  gender: Gender.optional(),
  age: z.number().int().min(0).max(150).optional(),
  segment: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
/** A validated customer record. */
export type Customer = z.infer<typeof Customer>;

/** Kinds of customer interaction counted by the engagement metrics. */
export const InteractionKind = z.enum([
  'visit',
  'communication',
  'service',
  'feedback',
  'complaint',
  'inquiry',
]);
/** An interaction kind. */
export type InteractionKind = z.infer<typeof InteractionKind>;

/** One customer interaction (a visit, a call, a service ticket, feedback, a complaint…). */
export const Interaction = z.object({
  customerId: nonEmptyId,
  date: validDate,
  kind: InteractionKind,
  channel: z.string().optional(),
});
/** A validated interaction record. */
export type Interaction = z.infer<typeof Interaction>;

/** Survey instrument kinds. */
export const SurveyKind = z.enum(['csat', 'nps', 'ces']);
/** A survey kind. */
export type SurveyKind = z.infer<typeof SurveyKind>;

/** Closed score range of a survey question, e.g. `{ min: 1, max: 5 }`. */
export const Scale = z
  .object({ min: finite, max: finite })
  .refine((s) => s.min < s.max, { message: 'scale.min must be below scale.max' });
/** A survey scale. */
export type Scale = z.infer<typeof Scale>;

/** One survey answer (CSAT, NPS or CES). */
export const SurveyResponse = z.object({
  customerId: nonEmptyId.optional(),
  date: validDate.optional(),
  score: finite,
  kind: SurveyKind,
  scale: Scale.optional(),
  question: z.string().optional(),
});
/** A validated survey response. */
export type SurveyResponse = z.infer<typeof SurveyResponse>;
