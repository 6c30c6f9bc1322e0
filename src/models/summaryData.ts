/**
 * Internal module (not re-exported from the package). Validation and compression of model
 * inputs: per-customer (frequency, recency, T) summaries
 * and (frequency, monetaryValue) spend summaries become typed columns of unique rows with
 * weights, plus an index of the distinct frequencies (so per-frequency terms such as ln Γ(r+x)
 * are computed once per distinct x, not once per customer).
 */
import { InsufficientDataError, invalidInput } from '../errors';
import type { CustomerColumns, CustomerData, SpendColumns, SpendData } from './types';

/** Compressed (frequency, recency, T) data: unique rows with summed weights. */
export interface RfmData {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Weight (number of customers) of each unique row. */
  w: Float64Array;
  /** Position of each row's frequency in `xValues`. */
  xIndex: Int32Array;
  /** Distinct frequencies. */
  xValues: Float64Array;
  /** Total weight of the rows with each distinct frequency. */
  xWeight: Float64Array;
  /** Total weight: the number of customers. */
  n: number;
  /** Number of input rows before compression. */
  rows: number;
}

/** Compressed (frequency, monetaryValue) data for the Gamma-Gamma model. */
export interface SpendDataCompressed {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  xIndex: Int32Array;
  xValues: Float64Array;
  xWeight: Float64Array;
  n: number;
  rows: number;
}

function isRows<R>(data: readonly R[] | object): data is readonly R[] {
  return Array.isArray(data);
}

function columnsOf(data: CustomerData): CustomerColumns {
  if (!isRows(data)) return data;
  const n = data.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  let weight: Float64Array | undefined;
  let ids: string[] | undefined;
  for (let i = 0; i < n; i++) {
    const row = data[i]!;
    frequency[i] = row.frequency;
    recency[i] = row.recency;
    T[i] = row.T;
    if (row.weight !== undefined) {
      weight ??= new Float64Array(n).fill(1);
      weight[i] = row.weight;
    }
    if (row.customerId !== undefined) {
      ids ??= new Array<string>(n).fill('');
      ids[i] = row.customerId;
    }
  }
  return { frequency, recency, T, weight, customerId: ids };
}

function where(ids: ArrayLike<string> | undefined, i: number, field: string) {
  const id = ids?.[i];
  return id !== undefined && id !== ''
    ? { customerId: id, path: ['data', i, field] }
    : { line: i, path: ['data', i, field] };
}

function checkWeight(
  fn: string,
  weights: ArrayLike<number> | undefined,
  n: number,
  ids: ArrayLike<string> | undefined,
): void {
  if (weights === undefined) return;
  if (weights.length !== n) {
    throw invalidInput(fn, 'weights', `of length ${n} (one per customer)`, weights.length, {
      code: 'invalid_length',
    });
  }
  for (let i = 0; i < n; i++) {
    const v = weights[i]!;
    if (!(Number.isFinite(v) && v >= 0)) {
      throw invalidInput(fn, 'weight', 'a finite number ≥ 0', v, {
        code: 'invalid_weight',
        ...where(ids, i, 'weight'),
      });
    }
  }
}

/**
 * Hash of the IEEE bits of a row's doubles for the dedupe table: murmur3-style word mixing and
 * finalizer (so that small integers, whose low words are 0, still spread over the low bits
 * the table index uses).
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
function mixWord(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
function mix(h: number, v: number): number {
  f64[0] = v === 0 ? 0 : v; // −0 and +0 hash alike
  return mixWord(mixWord(h, u32[0]!), u32[1]!);
}
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Merges identical rows of the given columns, summing weights. Returns, for each input row, the
 * index of its unique row, and the unique-row count. Open addressing on typed arrays: O(n).
 * The table grows with the unique rows (load ≤ 1/2), not with n, and probes compare against
 * compact copies of the unique rows: with few distinct rows (summaries in whole days) both stay
 * in cache, which on 10M rows is several times faster than a table sized for n.
 */
function dedupe(a: Float64Array, b: Float64Array, c: Float64Array | undefined, n: number) {
  let cap = 1024;
  let mask = cap - 1;
  let table = new Int32Array(cap).fill(-1);
  let hashes = new Int32Array(cap / 2);
  let ua = new Float64Array(cap / 2);
  let ub = new Float64Array(cap / 2);
  let uc = new Float64Array(cap / 2);
  const first = new Int32Array(n); // input row that defines each unique row
  const id = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    const ci = c === undefined ? 0 : c[i]!;
    const h = finalize(mix(mix(mix(0x811c9dc5, ai), bi), ci));
    let slot = (h >>> 0) & mask;
    for (;;) {
      const u = table[slot]!;
      if (u === -1) {
        if (count === ua.length) {
          // Keep the load ≤ 1/2: double the table and the unique rows, re-insert by hash.
          cap *= 2;
          mask = cap - 1;
          table = new Int32Array(cap).fill(-1);
          const grow = (x: Float64Array) => {
            const y = new Float64Array(cap / 2);
            y.set(x);
            return y;
          };
          ua = grow(ua);
          ub = grow(ub);
          uc = grow(uc);
          const hs = new Int32Array(cap / 2);
          hs.set(hashes);
          hashes = hs;
          for (let k = 0; k < count; k++) {
            let s2 = (hashes[k]! >>> 0) & mask;
            while (table[s2] !== -1) s2 = (s2 + 1) & mask;
            table[s2] = k;
          }
          slot = (h >>> 0) & mask;
          while (table[slot] !== -1) slot = (slot + 1) & mask;
        }
        table[slot] = count;
        hashes[count] = h;
        ua[count] = ai;
        ub[count] = bi;
        uc[count] = ci;
        first[count] = i;
        id[i] = count++;
        break;
      }
      if (hashes[u] === h && ua[u] === ai && ub[u] === bi && uc[u] === ci) {
        id[i] = u;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { id, count, first };
}

/**
 * Distinct (a, b) pairs of two columns: for each row the index of its pair, and for each pair
 * a row that has it. Used to evaluate terms that depend on (frequency, time) only once.
 */
export function pairIndex(
  a: Float64Array,
  b: Float64Array,
): { id: Int32Array; count: number; first: Int32Array } {
  const r = dedupe(a, b, undefined, a.length);
  return { id: r.id, count: r.count, first: r.first.subarray(0, r.count) };
}

/**
 * Whether compression would not pay: for more than 50,000 rows, dedupe the first 20,000 and
 * skip compression when over 90% of them are distinct (continuous-time summaries). The fit is
 * the same either way; only the work differs.
 */
function mostlyUnique(a: Float64Array, b: Float64Array, c: Float64Array, n: number): boolean {
  const probe = 20_000;
  if (n <= 50_000) return false;
  return dedupe(a, b, c, probe).count > 0.9 * probe;
}

/** The column as a Float64Array (a copy for other array types; never mutated). */
function f64col(v: ArrayLike<number>): Float64Array {
  return v instanceof Float64Array ? v : Float64Array.from(v as ArrayLike<number>);
}

function frequencyIndex(x: Float64Array, w: Float64Array) {
  // Frequencies are validated integers ≥ 0: a direct lookup table beats a Map per row.
  // (A Map above 2^20, so a frequency of 10⁹ does not allocate a 4 GB table.)
  let max = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  const table = max < 1 << 20 ? new Int32Array(max + 1).fill(-1) : undefined;
  const map = new Map<number, number>();
  const xIndex = new Int32Array(x.length);
  const values: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    let k = table ? table[v]! : (map.get(v) ?? -1);
    if (k === -1) {
      k = values.length;
      if (table) table[v] = k;
      else map.set(v, k);
      values.push(v);
      weights.push(0);
    }
    xIndex[i] = k;
    weights[k] = weights[k]! + w[i]!;
  }
  return { xIndex, xValues: Float64Array.from(values), xWeight: Float64Array.from(weights) };
}

/**
 * Validates (frequency, recency, T) summaries and compresses identical rows into weights.
 *
 * Rules, each reported with the customer (id, or row index when there is no id):
 * frequency an integer ≥ 0; recency and T finite with 0 ≤ recency ≤ T; recency = 0 when
 * frequency = 0; weight (row field or `weights` option) finite ≥ 0.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` naming field, value and customer
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` when there are no customers or the
 * total weight is 0
 */
export function prepareRfm(fn: string, data: CustomerData, weights?: ArrayLike<number>): RfmData {
  const raw = columnsOf(data);
  const n = raw.frequency.length;
  const ids = raw.customerId;
  if (raw.recency.length !== n || raw.T.length !== n) {
    throw invalidInput(
      fn,
      'columns',
      `of equal length ${n}`,
      `${raw.recency.length}/${raw.T.length}`,
      {
        code: 'invalid_length',
      },
    );
  }
  if (n === 0) throw new InsufficientDataError(`${fn}: expected at least one customer, received 0`);
  const wIn = weights ?? raw.weight;
  checkWeight(fn, wIn, n, ids);
  const cols = { frequency: f64col(raw.frequency), recency: f64col(raw.recency), T: f64col(raw.T) };
  for (let i = 0; i < n; i++) {
    const x = cols.frequency[i]!;
    const tx = cols.recency[i]!;
    const T = cols.T[i]!;
    if (!(Number.isInteger(x) && x >= 0)) {
      throw invalidInput(fn, 'frequency', 'an integer ≥ 0', x, {
        code: 'invalid_frequency',
        ...where(ids, i, 'frequency'),
      });
    }
    if (!(Number.isFinite(tx) && tx >= 0)) {
      throw invalidInput(fn, 'recency', 'a finite number ≥ 0', tx, {
        code: 'invalid_recency',
        ...where(ids, i, 'recency'),
      });
    }
    if (!(Number.isFinite(T) && T >= 0)) {
      throw invalidInput(fn, 'T', 'a finite number ≥ 0', T, {
        code: 'invalid_T',
        ...where(ids, i, 'T'),
      });
    }
    if (tx > T) {
      throw invalidInput(fn, 'recency', `≤ T (${T})`, tx, {
        code: 'recency_after_T',
        ...where(ids, i, 'recency'),
      });
    }
    if (x === 0 && tx !== 0) {
      throw invalidInput(fn, 'recency', '0 when frequency is 0', tx, {
        code: 'recency_without_repeat',
        ...where(ids, i, 'recency'),
      });
    }
  }
  const { id, count } = mostlyUnique(cols.frequency, cols.recency, cols.T, n)
    ? { id: undefined, count: n }
    : dedupe(cols.frequency, cols.recency, cols.T, n);
  const x = new Float64Array(count);
  const tx = new Float64Array(count);
  const T = new Float64Array(count);
  const w = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const u = id === undefined ? i : id[i]!;
    x[u] = cols.frequency[i]!;
    tx[u] = cols.recency[i]!;
    T[u] = cols.T[i]!;
    const wi = wIn === undefined ? 1 : wIn[i]!;
    w[u] = w[u]! + wi;
    total += wi;
  }
  if (!(total > 0)) {
    throw new InsufficientDataError(`${fn}: expected a total weight > 0, received ${total}`);
  }
  return { x, tx, T, w, ...frequencyIndex(x, w), n: total, rows: n };
}

/**
 * Validates (frequency, monetaryValue) spend summaries for the Gamma-Gamma model and
 * compresses identical rows. Rules: frequency an integer ≥ 1 (customers without repeat
 * purchases carry no spend information: filter them out first, as the model's authors do);
 * monetaryValue finite and > 0; weights finite ≥ 0.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` naming field, value and customer
 * @throws {InsufficientDataError} code `INSUFFICIENT_DATA` when there are no customers
 */
export function prepareSpend(
  fn: string,
  data: SpendData,
  weights?: ArrayLike<number>,
): SpendDataCompressed {
  let cols: SpendColumns;
  if (isRows(data)) {
    cols = {
      frequency: data.map((r) => r.frequency),
      monetaryValue: data.map((r) => r.monetaryValue),
      weight: data.some((r) => r.weight !== undefined) ? data.map((r) => r.weight ?? 1) : undefined,
      customerId: data.some((r) => r.customerId !== undefined)
        ? data.map((r) => r.customerId ?? '')
        : undefined,
    };
  } else {
    cols = data;
  }
  const n = cols.frequency.length;
  const ids = cols.customerId;
  if (cols.monetaryValue.length !== n) {
    throw invalidInput(fn, 'monetaryValue', `of length ${n}`, cols.monetaryValue.length, {
      code: 'invalid_length',
    });
  }
  if (n === 0) throw new InsufficientDataError(`${fn}: expected at least one customer, received 0`);
  const wIn = weights ?? cols.weight;
  checkWeight(fn, wIn, n, ids);
  for (let i = 0; i < n; i++) {
    const x = cols.frequency[i]!;
    const m = cols.monetaryValue[i]!;
    if (!(Number.isInteger(x) && x >= 1)) {
      throw invalidInput(fn, 'frequency', 'an integer ≥ 1 (repeat customers only)', x, {
        code: 'invalid_frequency',
        ...where(ids, i, 'frequency'),
      });
    }
    if (!(Number.isFinite(m) && m > 0)) {
      throw invalidInput(fn, 'monetaryValue', 'a finite number > 0', m, {
        code: 'invalid_monetary_value',
        ...where(ids, i, 'monetaryValue'),
      });
    }
  }
  const { id, count } = dedupe(f64col(cols.frequency), f64col(cols.monetaryValue), undefined, n);
  const x = new Float64Array(count);
  const m = new Float64Array(count);
  const w = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const u = id[i]!;
    x[u] = cols.frequency[i]!;
    m[u] = cols.monetaryValue[i]!;
    const wi = wIn === undefined ? 1 : wIn[i]!;
    w[u] = w[u]! + wi;
    total += wi;
  }
  if (!(total > 0)) {
    throw new InsufficientDataError(`${fn}: expected a total weight > 0, received ${total}`);
  }
  return { x, m, w, ...frequencyIndex(x, w), n: total, rows: n };
}

/**
 * Every `step`-th unique row (deterministic systematic sample) as new compressed data, used to
 * find a starting point and curvature for fits on very large data.
 */
export function subsampleRfm(d: RfmData, step: number): RfmData {
  const m = Math.ceil(d.x.length / step);
  const x = new Float64Array(m);
  const tx = new Float64Array(m);
  const T = new Float64Array(m);
  const w = new Float64Array(m);
  let total = 0;
  for (let k = 0, i = 0; i < d.x.length; i += step, k++) {
    x[k] = d.x[i]!;
    tx[k] = d.tx[i]!;
    T[k] = d.T[i]!;
    w[k] = d.w[i]!;
    total += d.w[i]!;
  }
  return { x, tx, T, w, ...frequencyIndex(x, w), n: total, rows: m };
}
