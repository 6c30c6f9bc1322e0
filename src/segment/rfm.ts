/** RFM scores: recency, frequency and monetary value scored 1..bins by tie-aware quantiles. */
import { formatValue, InvalidInputError, invalidInput } from '../errors';
import type { CustomerSummary } from '../summarize/index';
import { tieAwareBins } from './_bins';

/** One customer's RFM scores and the values they were computed from. */
export interface RfmScore {
  customerId: string;
  /** Recency score, 1..bins: `bins` = most recent purchase. */
  r: number;
  /** Frequency score, 1..bins: `bins` = most orders. */
  f: number;
  /** Monetary score, 1..bins: `bins` = highest net spend. */
  m: number;
  /** The three scores as a string, e.g. `'535'`. */
  cell: string;
  /** Combined score r + f + m (3..3·bins). */
  score: number;
  /** Days from the last purchase to `asOf` (or `daysSinceLastPurchase`). */
  recencyDays: number;
  /** Orders (the frequency input). */
  orders: number;
  /** Net spend (the monetary input), currency units. */
  totalSpend: number;
}

/** Options of {@link rfmScores}. */
export interface RfmOptions {
  /** Number of scores per dimension, an integer in 2..9 (default 5). */
  bins?: number;
  /** Date to measure recency against (default: each summary's `daysSinceLastPurchase`). */
  asOf?: Date;
}

/** Defaults of {@link rfmScores}. */
export const RFM_DEFAULTS = { bins: 5 } as const;

/** The summary fields RFM scoring reads. */
export type RfmInput = Pick<
  CustomerSummary,
  'customerId' | 'orders' | 'totalSpend' | 'daysSinceLastPurchase' | 'lastPurchase'
>;

const DAY = 86_400_000;

/**
 * Scores each customer 1..bins on recency, frequency and monetary value by quantiles, never
 * splitting identical values across scores.
 *
 * - Inputs: R = days since the last purchase (from `asOf` when given, else
 *   `daysSinceLastPurchase`), scored in reverse so `bins` = most recent; F = `orders`;
 *   M = `totalSpend` (net of returns).
 * - Binning ("tie-aware quantiles"): sort the values; identical values are one block. Fill score
 *   1, 2, … in ascending order: each score takes at least one block and keeps taking the next
 *   block while that brings its size strictly closer to its fair share (unscored customers /
 *   unfilled scores); it stops early so every later score still gets a block. So shares are
 *   n/bins each without ties, and as even as the tie blocks allow otherwise (on CDNOW, about half
 *   the customers have 1 order: they all get F = 1, and F = 2..5 split the rest).
 * - cell = `${r}${f}${m}`, score = r + f + m.
 *
 * Source: Hughes (1994) "Strategic Database Marketing" quintile RFM; the rfm R package
 * (rfm_table_customer) for the R/F/M inputs. Complexity O(n log n).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for bins outside 2..9 or not an integer, an
 *   invalid `asOf`, a duplicate customerId, a non-finite or negative recency/orders, a
 *   non-finite totalSpend, or a last purchase after `asOf` (each naming the customer).
 * @example
 * ```ts
 * rfmScores(
 *   [
 *     { customerId: 'a', daysSinceLastPurchase: 1, orders: 9, totalSpend: 900 },
 *     { customerId: 'b', daysSinceLastPurchase: 30, orders: 2, totalSpend: 50 },
 *     { customerId: 'c', daysSinceLastPurchase: 300, orders: 1, totalSpend: 20 },
 *   ],
 *   { bins: 3 },
 * ).map((s) => s.cell);
 * // → ['333', '222', '111']
 * ```
 */
export function rfmScores(
  summaries: readonly Omit<RfmInput, 'lastPurchase'>[] | readonly RfmInput[],
  options: RfmOptions = {},
): RfmScore[] {
  const fn = 'rfmScores';
  if (!Array.isArray(summaries))
    throw new InvalidInputError(
      `${fn}: expected summaries to be an array, received ${formatValue(summaries)}`,
      [{ field: 'summaries', code: 'invalid_type', message: 'not an array', value: summaries }],
    );
  const bins = options.bins ?? RFM_DEFAULTS.bins;
  if (!Number.isInteger(bins) || bins < 2 || bins > 9)
    throw invalidInput(fn, 'bins', 'to be an integer in 2..9', bins, { code: 'invalid_bins' });
  const asOf = options.asOf;
  if (asOf !== undefined && (!(asOf instanceof Date) || !Number.isFinite(asOf.getTime())))
    throw invalidInput(fn, 'asOf', 'to be a valid Date', asOf, { code: 'invalid_date' });
  const n = summaries.length;
  const rec = new Float64Array(n);
  const freq = new Float64Array(n);
  const mon = new Float64Array(n);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = summaries[i] as RfmInput;
    const id = s?.customerId;
    if (typeof id !== 'string' || id === '')
      throw invalidInput(fn, 'customerId', 'to be a non-empty string', id, { line: i });
    if (seen.has(id))
      throw invalidInput(fn, 'customerId', 'to be unique', id, {
        code: 'duplicate',
        customerId: id,
      });
    seen.add(id);
    let days: unknown = s.daysSinceLastPurchase;
    if (asOf !== undefined) {
      const last = s.lastPurchase;
      if (!(last instanceof Date) || !Number.isFinite(last.getTime()))
        throw invalidInput(fn, 'lastPurchase', 'to be a valid Date when asOf is given', last, {
          code: 'invalid_date',
          customerId: id,
        });
      days = Math.floor(asOf.getTime() / DAY) - Math.floor(last.getTime() / DAY);
    }
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0)
      throw invalidInput(
        fn,
        'recency days',
        'to be a finite number ≥ 0 (last purchase not after asOf)',
        days,
        {
          code: 'invalid_number',
          customerId: id,
        },
      );
    if (typeof s.orders !== 'number' || !Number.isFinite(s.orders) || s.orders < 0)
      throw invalidInput(fn, 'orders', 'to be a finite number ≥ 0', s.orders, {
        code: 'invalid_number',
        customerId: id,
      });
    if (typeof s.totalSpend !== 'number' || !Number.isFinite(s.totalSpend))
      throw invalidInput(fn, 'totalSpend', 'to be a finite number', s.totalSpend, {
        code: 'invalid_number',
        customerId: id,
      });
    rec[i] = -days; // more recent (fewer days) = larger = higher score
    freq[i] = s.orders;
    mon[i] = s.totalSpend;
  }
  const r = tieAwareBins(rec, bins);
  const f = tieAwareBins(freq, bins);
  const m = tieAwareBins(mon, bins);
  const out: RfmScore[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    out[i] = {
      customerId: (summaries[i] as RfmInput).customerId,
      r: ri,
      f: fi,
      m: mi,
      cell: `${ri}${fi}${mi}`,
      score: ri + fi + mi,
      recencyDays: -(rec[i] as number) + 0,
      orders: freq[i] as number,
      totalSpend: mon[i] as number,
    };
  }
  return out;
}
