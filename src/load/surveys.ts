import { invalidInput } from '../errors';
import { Scale, SurveyKind, SurveyResponse } from '../schema/index';
import { collect, memoryStream, type RowMapper } from './engine';
import { FAILED, type RowContext, sourceOf } from './fields';
import { checkCommonOptions } from './options';
import type { ColumnSource, CommonLoadOptions, LoadResult, RawRecord } from './types';

/** Mapped fields of a {@link SurveyResponse}. */
export type SurveyField = Exclude<keyof SurveyResponse, 'scale'>;

/** Options of {@link loadSurveyResponses}. */
export interface SurveyLoadOptions extends CommonLoadOptions {
  /** Source of each field; unlisted fields come from same-named columns. Required: `score` (long form), `kind` unless `options.kind`. */
  columns?: Partial<Record<SurveyField, ColumnSource>>;
  /** Kind of every response when no `kind` column is mapped (`'csat' | 'nps' | 'ces'`). */
  kind?: SurveyKind;
  /** Score range of every response, e.g. `{ min: 1, max: 5 }`; scores outside are rejected. */
  scale?: Scale;
  /**
   * Wide form: columns that each hold one question's score. Every row yields one response
   * per answered question (`question` = the column name); `columns.score` is not used.
   */
  questions?: readonly string[];
  /**
   * Score values meaning "not applicable" (e.g. `[0]` or `['N/A']`), compared as trimmed
   * text, in long and wide form. Such cells yield no response (the row is still accepted)
   * and are counted in `stats.notApplicable`.
   */
  notApplicable?: readonly (string | number)[];
}

/**
 * Fields of a survey response (long form) that `columns` can map, required first.
 * @example
 * SURVEY_FIELDS.optional; // ['customerId', 'date', 'kind', 'question']
 */
export const SURVEY_FIELDS = {
  required: ['score'],
  optional: ['customerId', 'date', 'kind', 'question'],
} as const satisfies Record<string, readonly SurveyField[]>;

function checkOptions(options: SurveyLoadOptions): void {
  checkCommonOptions('loadSurveyResponses', options, [
    ...SURVEY_FIELDS.required,
    ...SURVEY_FIELDS.optional,
  ]);
  if (options.kind !== undefined && !SurveyKind.options.includes(options.kind)) {
    throw invalidInput(
      'loadSurveyResponses',
      'options.kind',
      `one of ${SurveyKind.options.join(', ')}`,
      options.kind,
      { code: 'invalid_option' },
    );
  }
  if (options.scale !== undefined && !Scale.safeParse(options.scale).success) {
    throw invalidInput(
      'loadSurveyResponses',
      'options.scale',
      'finite { min, max } with min < max',
      options.scale,
      { code: 'invalid_option' },
    );
  }
  if (options.questions !== undefined && options.questions.length === 0) {
    throw invalidInput(
      'loadSurveyResponses',
      'options.questions',
      'at least one column',
      options.questions,
      { code: 'invalid_option' },
    );
  }
}

/** Internal: the row mapper of survey responses (long or wide form). */
export function surveyMapper(options: SurveyLoadOptions): RowMapper<SurveyResponse> {
  checkOptions(options);
  const c = options.columns;
  const src = {
    customerId: sourceOf(c, 'customerId'),
    date: sourceOf(c, 'date'),
    score: sourceOf(c, 'score'),
    kind: c?.kind ?? (options.kind === undefined ? 'kind' : () => options.kind),
    question: sourceOf(c, 'question'),
  };
  const na = new Set((options.notApplicable ?? []).map((v) => String(v).trim()));
  const isNotApplicable = (v: unknown) =>
    na.size > 0 && v !== undefined && v !== null && v !== FAILED && na.has(String(v).trim());
  const scale = options.scale;
  const score = (ctx: RowContext, field: string, value: unknown): number | undefined => {
    const s = ctx.number(field, value, true);
    if (s !== undefined && scale !== undefined && (s < scale.min || s > scale.max)) {
      ctx.fail(field, 'out_of_range', `a score in [${scale.min}, ${scale.max}]`, value);
      return undefined;
    }
    return s;
  };
  const mapper: RowMapper<SurveyResponse> = (row: RawRecord, ctx: RowContext) => {
    const customerId = ctx.id('customerId', ctx.read(row, 'customerId', src.customerId), false);
    const date = ctx.date('date', ctx.read(row, 'date', src.date), false);
    const kind = ctx.choice('kind', ctx.read(row, 'kind', src.kind), SurveyKind.options, true);
    const base: Omit<SurveyResponse, 'score'> = { kind: kind! };
    if (customerId !== undefined) base.customerId = customerId;
    if (date !== undefined) base.date = date;
    if (scale !== undefined) base.scale = { min: scale.min, max: scale.max };
    if (options.questions === undefined) {
      const raw = ctx.read(row, 'score', src.score);
      if (isNotApplicable(raw)) {
        // An accepted row without a response (e.g. "0 = not applicable"), counted, not dropped.
        ctx.notApplicable++;
        return ctx.issues.length > 0 ? undefined : [];
      }
      const s = score(ctx, 'score', raw);
      const question = ctx.text('question', ctx.read(row, 'question', src.question), false);
      if (ctx.issues.length > 0) return undefined;
      const out: SurveyResponse = { ...base, score: s! };
      if (question !== undefined) out.question = question;
      return ctx.validate(SurveyResponse, out);
    }
    const out: SurveyResponse[] = [];
    for (const q of options.questions) {
      const v = ctx.read(row, q, q);
      if (isNotApplicable(v)) {
        ctx.notApplicable++;
        continue;
      }
      const s = score(ctx, q, v);
      if (s === undefined) continue;
      // Built field by field in schema order (one hidden class; spreading `base` was 3x slower).
      const r = { score: s, kind: base.kind } as SurveyResponse;
      if (base.customerId !== undefined) r.customerId = base.customerId;
      if (base.date !== undefined) r.date = base.date;
      if (scale !== undefined) r.scale = { min: scale.min, max: scale.max };
      r.question = q;
      out.push(r);
    }
    if (ctx.issues.length > 0 || out.length === 0) return ctx.issues.length > 0 ? undefined : out;
    // The responses of one row differ only in score (already checked finite and in range) and
    // question (a column name), so the schema check of the first one covers the row.
    return ctx.validate(SurveyResponse, out[0]) === undefined ? undefined : out;
  };
  if (options.questions !== undefined || na.size > 0) mapper.countsNotApplicable = true;
  return mapper;
}

/**
 * Loads and validates survey responses (CSAT, NPS, CES) from in-memory rows, accounting for
 * every row.
 *
 * Long form: one response per row from `score`, `kind` (or `options.kind`), optional
 * `customerId`, `date`, `question`; a `notApplicable` score gives an accepted row without a
 * response (counted in `stats.notApplicable`). Wide form (`questions`): one response per listed column
 * per row, skipping `notApplicable` cells (counted in `stats.notApplicable`); a row with any
 * invalid cell is rejected whole, with one issue per bad cell. With `scale`, scores outside
 * [min, max] are rejected (`out_of_range`). `stats` counts rows; `records.length` counts
 * responses. Other options as in `loadTransactions`.
 *
 * @throws {InvalidInputError} code `INVALID_INPUT` for an invalid `kind`, `scale` or empty
 *   `questions` option, a non-iterable input, or (with `onError: 'throw'`) the first bad row.
 * @example
 * const { records, stats } = await loadSurveyResponses(
 *   [
 *     { id: '1', Food: '4', Wifi: '0' },
 *     { id: '2', Food: '5', Wifi: '2' },
 *     { id: '3', Food: '9', Wifi: '1' },
 *   ],
 *   {
 *     columns: { customerId: 'id' },
 *     kind: 'csat',
 *     scale: { min: 1, max: 5 },
 *     questions: ['Food', 'Wifi'],
 *     notApplicable: [0],
 *   },
 * );
 * records.map((r) => `${r.customerId}:${r.question}=${r.score}`); // ['1:Food=4', '2:Food=5', '2:Wifi=2']
 * stats; // { read: 3, accepted: 2, rejected: 1, duplicates: 0, notApplicable: 1 }
 */
export async function loadSurveyResponses(
  input: Iterable<RawRecord> | AsyncIterable<RawRecord>,
  options: SurveyLoadOptions = {},
): Promise<LoadResult<SurveyResponse>> {
  return collect(memoryStream('loadSurveyResponses', input, surveyMapper(options), options));
}
