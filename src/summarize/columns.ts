/** Columnar form of the summaries for model fitting (DESIGN.md "Scale"). */
import { invalidInput } from '../errors';
import type { CustomerSummary } from './customers';

/** The BTYD inputs as columns, row i being customer `customerId[i]`. */
export interface SummaryColumns {
  customerId: string[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
}

/**
 * Copies the model inputs of summaries into typed columns (`frequency`, `recency`, `T`,
 * `monetaryValue`, in the units of the summaries), keeping row order.
 *
 * No formula: a transpose, O(n). Edge case: an empty list gives empty columns.
 *
 * @throws InvalidInputError (`INVALID_INPUT`, code `invalid_number`) when a value is not finite,
 *   naming the customer and field.
 * @example
 * ```ts
 * toSummaryColumns([{ customerId: 'a', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 }]);
 * // → { customerId: ['a'], frequency: Float64Array [2], recency: Float64Array [30.43],
 * //     T: Float64Array [38.86], monetaryValue: Float64Array [22.35] }
 * ```
 */
export function toSummaryColumns(
  summaries: readonly Pick<
    CustomerSummary,
    'customerId' | 'frequency' | 'recency' | 'T' | 'monetaryValue'
  >[],
): SummaryColumns {
  const n = summaries.length;
  const out: SummaryColumns = {
    customerId: new Array<string>(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
  };
  const fields = ['frequency', 'recency', 'T', 'monetaryValue'] as const;
  for (let i = 0; i < n; i++) {
    const s = summaries[i] as CustomerSummary;
    out.customerId[i] = s.customerId;
    for (const f of fields) {
      const v = s[f];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw invalidInput('toSummaryColumns', f, 'to be a finite number', v, {
          code: 'invalid_number',
          customerId: s.customerId,
          path: ['summaries', i, f],
        });
      out[f][i] = v;
    }
  }
  return out;
}
