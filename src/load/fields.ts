import type { z } from 'zod';
import { formatValue, type Issue } from '../errors';
import { createDateParser, dateRule } from './dates';
import { idRule, toId } from './ids';
import { INVALID, numberRule, toNumber } from './numbers';
import { detach } from './strings';
import {
  type ColumnSource,
  type CommonLoadOptions,
  LOAD_DEFAULTS,
  type RawRecord,
  type SourceRow,
} from './types';

/**
 * Internal: the raw record of a source row (built from a text line's fields when needed), a
 * prototype-free object so `__proto__` and `constructor` stay plain keys. Extra fields past
 * the header are keyed by position.
 */
export function makeRecord(names: readonly string[], values: readonly string[]): RawRecord {
  const record: RawRecord = Object.create(null);
  const n = Math.min(names.length, values.length);
  for (let i = 0; i < n; i++) record[names[i]!] = values[i];
  for (let i = names.length; i < values.length; i++) record[String(i)] = values[i];
  return record;
}

/** Internal: marker for a mapping function that threw (the issue is already recorded). */
export const FAILED: unique symbol = Symbol('failed');

/** Internal: reads a field of a raw row without ever touching its prototype chain. */
export function getColumn(row: RawRecord, column: string): unknown {
  return Object.hasOwn(row, column) ? row[column] : undefined;
}

/**
 * Internal: per-load coercion state (parsers built once from the options) and the issues of
 * the row being mapped.
 */
export class RowContext {
  readonly fn: string;
  readonly unit: 'line' | 'row';
  readonly options: CommonLoadOptions;
  readonly decimal: '.' | ',';
  readonly idMode: NonNullable<CommonLoadOptions['normalizeId']>;
  readonly toDate: ReturnType<typeof createDateParser>;
  line = 0;
  issues: Issue[] = [];
  /** Not-applicable cells skipped in the current row (wide surveys). */
  notApplicable = 0;

  constructor(fn: string, unit: 'line' | 'row', options: CommonLoadOptions) {
    this.fn = fn;
    this.unit = unit;
    this.options = options;
    this.decimal = options.decimal ?? LOAD_DEFAULTS.decimal;
    this.idMode = options.normalizeId ?? LOAD_DEFAULTS.normalizeId;
    this.toDate = createDateParser({
      dateFormat: options.dateFormat,
      timeZone: options.timeZone ?? LOAD_DEFAULTS.timeZone,
    });
  }

  /** Fields of the current text line (undefined for object rows). */
  values: readonly string[] | undefined;
  /** Column names of the current text line's file. */
  names: readonly string[] | undefined;
  /** Column name → position, built once per header. */
  private index = new Map<string, number>();
  private row: SourceRow | undefined;
  private built: RawRecord | undefined;

  /** Starts a new row. */
  reset(row: SourceRow): void {
    this.line = row.line;
    this.issues = [];
    this.notApplicable = 0;
    this.row = row;
    this.built = undefined;
    if (row.record === undefined && row.values !== undefined) {
      this.values = row.values;
      const names = row.names ?? [];
      if (names !== this.names) {
        this.names = names;
        this.index = new Map(names.map((n, i) => [n, i]));
      }
    } else this.values = undefined;
  }

  /**
   * The raw record to keep with a rejected row: the one built for a mapping function if any,
   * with its text detached from the chunk it was cut from (kept until the load ends).
   */
  keptRecord(): RawRecord {
    const row = this.row;
    if (row?.record !== undefined) return row.record;
    const record = this.record();
    for (const k in record) {
      const v = record[k];
      if (typeof v === 'string') record[k] = detach(v);
    }
    return record;
  }

  /** The raw record of the current row (built from a text line's fields on first use). */
  record(): RawRecord {
    const row = this.row;
    if (row === undefined) return Object.create(null);
    if (row.record !== undefined) return row.record;
    this.built ??= makeRecord(row.names ?? [], row.values ?? []);
    return this.built;
  }

  /** Records an issue with the standard message `"<fn>: expected <field> <rule>, received <value> (line N)"`. */
  fail(field: string, code: string, rule: string, raw: unknown): void {
    const value = typeof raw === 'string' ? detach(raw) : raw;
    const message = `${this.fn}: expected ${field} ${rule}, received ${formatValue(value)} (${this.unit} ${this.line})`;
    // zod-style path, printed as rows[41].date (in-memory) or lines[624].customerId (files).
    const path = [this.unit === 'row' ? 'rows' : 'lines', this.line, ...field.split('.')];
    this.issues.push({ field, code, message, value, line: this.line, path });
  }

  /** Value of `source` in `row`: a column, a position, or a mapping function's result. */
  read(row: RawRecord, field: string, source: ColumnSource): unknown {
    if (typeof source === 'function') {
      try {
        return source(this.values === undefined ? row : this.record());
      } catch (e) {
        this.fail(
          field,
          'mapping_error',
          'a mapping that does not throw',
          (e as Error)?.message ?? e,
        );
        return FAILED;
      }
    }
    const column = typeof source === 'number' ? String(source) : source;
    if (this.values === undefined) return getColumn(row, column);
    // A text line's field by position: the same value the built record would hold (rows
    // with a wrong field count are rejected before mapping).
    const i = this.index.get(column);
    return i === undefined ? undefined : this.values[i];
  }

  /** Text field: trimmed, blank → undefined; numbers become text. */
  text(field: string, value: unknown, required: boolean): string | undefined {
    if (value === FAILED) return undefined;
    let s: string | undefined;
    if (typeof value === 'string') s = value.trim();
    else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
    else if (value !== undefined && value !== null) {
      this.fail(field, 'invalid_type', 'text', value);
      return undefined;
    }
    if (s === undefined || s === '') {
      if (required) this.fail(field, 'missing', 'to be present (required)', value ?? '');
      return undefined;
    }
    return detach(s);
  }

  /** Finite number field. */
  number(field: string, value: unknown, required: boolean): number | undefined {
    if (value === FAILED) return undefined;
    const n = toNumber(value, this.decimal);
    if (n === INVALID) {
      this.fail(field, 'invalid_number', numberRule(this.decimal), value);
      return undefined;
    }
    if (n === undefined && required)
      this.fail(field, 'missing', 'to be present (required)', value ?? '');
    return n;
  }

  /** Date field. */
  date(field: string, value: unknown, required: boolean): Date | undefined {
    if (value === FAILED) return undefined;
    const d = this.toDate(value);
    if (d === INVALID) {
      this.fail(field, 'invalid_date', dateRule(this.options.dateFormat), value);
      return undefined;
    }
    if (d === undefined && required)
      this.fail(field, 'missing', 'to be present (required)', value ?? '');
    return d;
  }

  /** Id field, normalized with `normalizeId`. */
  id(field: string, value: unknown, required: boolean): string | undefined {
    if (value === FAILED) return undefined;
    const id = toId(value, this.idMode);
    if (id === INVALID) {
      this.fail(field, 'invalid_id', idRule(this.idMode), value);
      return undefined;
    }
    if (id === undefined && required)
      this.fail(field, 'missing', 'to be present (required)', value ?? '');
    return id === undefined ? undefined : detach(id);
  }

  /** Enum field: trimmed, lower-cased, one of `allowed`. */
  choice<T extends string>(
    field: string,
    value: unknown,
    allowed: readonly T[],
    required: boolean,
  ): T | undefined {
    const s = this.text(field, value, required);
    if (s === undefined) return undefined;
    const lower = s.toLowerCase() as T;
    if (allowed.includes(lower)) return lower;
    this.fail(field, 'invalid_enum', `one of ${allowed.join(', ')}`, value);
    return undefined;
  }

  /** Validates `candidate` with a zod schema; zod issues become ours. */
  validate<S extends z.ZodType>(schema: S, candidate: unknown): z.infer<S> | undefined {
    // reportInput disables zod's fast path (5x slower), so it is only asked for on failure.
    const fast = schema.safeParse(candidate);
    if (fast.success) return fast.data;
    const result = schema.safeParse(candidate, { reportInput: true });
    for (const zi of result.error?.issues ?? []) {
      const field = zi.path.length === 0 ? '(record)' : zi.path.map(String).join('.');
      this.fail(field, zi.code, `to satisfy the schema (${zi.message})`, zi.input);
    }
    return undefined;
  }
}

/**
 * Internal: a mapping's field sources with their column positions in a file's header resolved
 * once per header, so reading a field of a text line is an array access. `get` returns what
 * `ctx.read` returns (functions and object rows go through it).
 */
export class FieldSources {
  private readonly fields: readonly string[];
  private readonly sources: readonly ColumnSource[];
  private names: readonly string[] | undefined;
  /** Position per field; -1: no such column; -2: a function (read through `ctx.read`). */
  private positions: number[] = [];

  constructor(entries: readonly (readonly [string, ColumnSource])[]) {
    this.fields = entries.map((e) => e[0]);
    this.sources = entries.map((e) => e[1]);
  }

  /** The raw value of field number `k` in the current row. */
  get(row: RawRecord, ctx: RowContext, k: number): unknown {
    const values = ctx.values;
    if (values !== undefined) {
      if (ctx.names !== this.names) this.resolve(ctx.names ?? []);
      const p = this.positions[k]!;
      if (p >= 0) return values[p];
      if (p === -1) return undefined;
    }
    return ctx.read(row, this.fields[k]!, this.sources[k]!);
  }

  private resolve(names: readonly string[]): void {
    const index = new Map(names.map((n, i) => [n, i]));
    this.positions = this.sources.map((s) =>
      typeof s === 'function' ? -2 : (index.get(typeof s === 'number' ? String(s) : s) ?? -1),
    );
    this.names = names;
  }
}

/** Internal: the source of `field`: the option if given, else a column named like the field. */
export function sourceOf(
  columns: Partial<Record<string, ColumnSource>> | undefined,
  field: string,
): ColumnSource {
  return columns?.[field] ?? field;
}

/**
 * Internal: the columns a mapping reads by name or position, to check against a file's header:
 * required fields always, optional fields only when mapped explicitly.
 */
export function neededColumns(
  columns: Partial<Record<string, ColumnSource>> | undefined,
  required: readonly string[],
  optional: readonly string[],
): { field: string; column: string }[] {
  const out: { field: string; column: string }[] = [];
  for (const field of [...required, ...optional]) {
    const explicit = columns?.[field];
    if (typeof explicit === 'function') continue;
    if (explicit === undefined && !required.includes(field)) continue;
    out.push({ field, column: String(explicit ?? field) });
  }
  return out;
}
