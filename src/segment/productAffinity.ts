/** Product pairs bought together (market-basket association): support, confidence, lift. */
import { formatValue, InsufficientDataError, InvalidInputError, invalidInput } from '../errors';
import type { Transaction } from '../schema/index';

/** Options of {@link productAffinity}. */
export interface ProductAffinityOptions {
  /** Minimum share of baskets holding the pair (and each product), in (0, 1] (default 0.01). */
  minSupport?: number;
}

/** Defaults of {@link productAffinity}. */
export const PRODUCT_AFFINITY_DEFAULTS = { minSupport: 0.01 } as const;

/** One directed rule "baskets with `antecedent` also hold `consequent`". */
export interface AffinityRule {
  antecedent: string;
  consequent: string;
  /** Baskets holding both products. */
  count: number;
  /** count / baskets. */
  support: number;
  /** support(A and B) / support(A): share of A's baskets that also hold B. */
  confidence: number;
  /** support(A and B) / (support(A) · support(B)); > 1 means bought together more than by chance. */
  lift: number;
}

/** What {@link productAffinity} returns. */
export interface ProductAffinityResult {
  /** Both directions of every frequent pair, by lift, then support, then names. */
  rules: AffinityRule[];
  /** Number of baskets (distinct orderIds with at least one purchase row). */
  baskets: number;
  /** Rows not used, by reason: returns, and purchase rows without orderId or productId. */
  skipped: { returns: number; missingOrderId: number; missingProductId: number };
}

/**
 * Finds pairs of products bought in the same basket (order) more often than chance, for
 * cross-sell. Baskets are the distinct `orderId`s of purchase rows; a product counts once per
 * basket. With B baskets: support(A) = baskets with A / B; support(A,B) = baskets with both / B;
 * confidence(A→B) = support(A,B) / support(A); lift(A→B) = support(A,B) / (support(A) ·
 * support(B)). Pairs (and products) with support < minSupport are dropped (Apriori pruning).
 *
 * Source: Agrawal, Imieliński & Swami (1993) "Mining association rules between sets of items in
 * large databases" (SIGMOD); Brin et al. (1997) for lift. Returns (negative amounts or `kind:
 * 'return'`) and rows missing orderId/productId are skipped and counted. Complexity
 * O(rows + Σ frequent items per basket²).
 *
 * @throws InvalidInputError (`INVALID_INPUT`) for minSupport outside (0, 1], a non-array input or
 *   a row without a finite amount.
 * @throws InsufficientDataError (`INSUFFICIENT_DATA`) when no row has an orderId and productId.
 * @example
 * ```ts
 * const t = (orderId: string, productId: string) => ({ customerId: 'c', date: new Date(0), amount: 1, orderId, productId });
 * productAffinity([t('1', 'tea'), t('1', 'cups'), t('2', 'tea'), t('2', 'cups'), t('3', 'tea'), t('4', 'jam')], { minSupport: 0.5 }).rules;
 * // → [{ antecedent: 'cups', consequent: 'tea', count: 2, support: 0.5, confidence: 1, lift: 4/3 },
 * //    { antecedent: 'tea', consequent: 'cups', count: 2, support: 0.5, confidence: 2/3, lift: 4/3 }]
 * ```
 */
export function productAffinity(
  transactions: readonly Transaction[],
  options: ProductAffinityOptions = {},
): ProductAffinityResult {
  const fn = 'productAffinity';
  const minSupport = options.minSupport ?? PRODUCT_AFFINITY_DEFAULTS.minSupport;
  if (typeof minSupport !== 'number' || !(minSupport > 0 && minSupport <= 1))
    throw invalidInput(fn, 'minSupport', 'to be a number in (0, 1]', minSupport, {
      code: 'invalid_option',
    });
  if (!Array.isArray(transactions))
    throw new InvalidInputError(
      `${fn}: expected transactions to be an array, received ${formatValue(transactions)}`,
      [
        {
          field: 'transactions',
          code: 'invalid_type',
          message: 'not an array',
          value: transactions,
        },
      ],
    );
  const skipped = { returns: 0, missingOrderId: 0, missingProductId: 0 };
  const baskets = new Map<string, Set<string>>();
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as Transaction;
    if (typeof t?.amount !== 'number' || !Number.isFinite(t.amount))
      throw invalidInput(fn, 'amount', 'to be a finite number', t?.amount, {
        code: 'invalid_number',
        line: i,
        path: ['transactions', i, 'amount'],
      });
    if (t.amount < 0 || t.kind === 'return') skipped.returns++;
    else if (typeof t.orderId !== 'string' || t.orderId === '') skipped.missingOrderId++;
    else if (typeof t.productId !== 'string' || t.productId === '') skipped.missingProductId++;
    else {
      let b = baskets.get(t.orderId);
      if (b === undefined) {
        b = new Set();
        baskets.set(t.orderId, b);
      }
      b.add(t.productId);
    }
  }
  const B = baskets.size;
  if (B === 0)
    throw new InsufficientDataError(
      `${fn}: expected at least one purchase row with orderId and productId, received ${transactions.length} rows`,
    );
  const itemCount = new Map<string, number>();
  for (const b of baskets.values())
    for (const p of b) itemCount.set(p, (itemCount.get(p) ?? 0) + 1);
  const minCount = minSupport * B - 1e-9;
  const frequent = [...itemCount]
    .filter(([, c]) => c >= minCount)
    .map(([p]) => p)
    .sort();
  const index = new Map(frequent.map((p, i) => [p, i]));
  const F = frequent.length;
  const pairs = new Map<number, number>();
  const ids: number[] = [];
  for (const b of baskets.values()) {
    ids.length = 0;
    for (const p of b) {
      const i = index.get(p);
      if (i !== undefined) ids.push(i);
    }
    ids.sort((x, y) => x - y);
    for (let x = 0; x < ids.length; x++)
      for (let y = x + 1; y < ids.length; y++) {
        const key = (ids[x] as number) * F + (ids[y] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
  }
  const rules: AffinityRule[] = [];
  for (const [key, count] of pairs) {
    if (count < minCount) continue;
    const a = frequent[Math.floor(key / F)] as string;
    const c = frequent[key % F] as string;
    const sab = count / B;
    const sa = (itemCount.get(a) as number) / B;
    const sc = (itemCount.get(c) as number) / B;
    const lift = sab / (sa * sc);
    rules.push({ antecedent: a, consequent: c, count, support: sab, confidence: sab / sa, lift });
    rules.push({ antecedent: c, consequent: a, count, support: sab, confidence: sab / sc, lift });
  }
  rules.sort(
    (x, y) =>
      y.lift - x.lift ||
      y.support - x.support ||
      (x.antecedent < y.antecedent ? -1 : x.antecedent > y.antecedent ? 1 : 0) ||
      (x.consequent < y.consequent ? -1 : x.consequent > y.consequent ? 1 : 0),
  );
  return { rules, baskets: B, skipped };
}
