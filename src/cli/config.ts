/**
 * The `--config file.json` format, validated with zod. Every key is optional; command-line
 * flags override the file. Unknown keys are an error, so a typo never passes silently.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliExit, EXIT } from './io';

const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be an ISO date such as 1998-06-30',
  );

/** Column mapping in a config file. */
const Columns = z.strictObject({
  customerId: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  amount: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  quantity: z.string().min(1).optional(),
});

/** Schema of the config file (see docs/cli.md for an example). */
export const CliConfig = z.strictObject({
  input: z.string().min(1).optional(),
  columns: Columns.optional(),
  dateFormat: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  delimiter: z.string().min(1).optional(),
  normalizeId: z.enum(['trim', 'numeric']).optional(),
  dedupe: z.boolean().optional(),
  timeZone: z.string().min(1).optional(),
  observationEnd: isoDate.optional(),
  calibrationEnd: isoDate.optional(),
  unit: z.enum(['day', 'week', 'month']).optional(),
  collapse: z.enum(['period', 'day']).optional(),
  cohortPeriod: z.enum(['week', 'month', 'quarter']).optional(),
  clusters: z.number().int().min(1).max(20).optional(),
  seed: z.number().int().min(0).optional(),
  clvMonths: z.number().int().min(1).max(120).optional(),
  discountRate: z.number().min(0).max(1).optional(),
  out: z.string().min(1).optional(),
  failOn: z.array(z.string().min(1)).optional(),
  baseline: z.string().min(1).optional(),
  interactions: z
    .strictObject({
      path: z.string().min(1),
      columns: z
        .strictObject({
          customerId: z.string().optional(),
          date: z.string().optional(),
          kind: z.string().optional(),
          channel: z.string().optional(),
        })
        .optional(),
      dateFormat: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .optional(),
  survey: z
    .strictObject({
      path: z.string().min(1),
      kind: z.enum(['csat', 'nps', 'ces']).optional(),
      scale: z.strictObject({ min: z.number(), max: z.number() }).optional(),
      columns: z
        .strictObject({
          customerId: z.string().optional(),
          date: z.string().optional(),
          score: z.string().optional(),
          kind: z.string().optional(),
        })
        .optional(),
      notApplicable: z.array(z.union([z.string(), z.number()])).optional(),
      dateFormat: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .optional(),
});

/** A validated config file. */
export type CliConfig = z.infer<typeof CliConfig>;

/** Formats one zod issue as `key.path: rule`. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${issue.keys.map((k) => (issue.path.length ? `${key}.${k}` : k)).join(', ')}: unknown key (allowed: see docs/cli.md)`;
  }
  return `${key}: ${issue.message}`;
}

/**
 * Reads and validates a config file.
 *
 * @throws CliExit (exit code 2) naming the file, each offending key and its rule.
 */
export function loadConfig(path: string): CliConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliExit(
      EXIT.badInput,
      `--config ${path}: cannot read the file (${(err as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliExit(
      EXIT.badInput,
      `--config ${path}: not valid JSON (${(err as Error).message})`,
    );
  }
  const parsed = CliConfig.safeParse(json);
  if (!parsed.success) {
    throw new CliExit(
      EXIT.badInput,
      `--config ${path}: ${parsed.error.issues.map(describeIssue).join('; ')}`,
    );
  }
  return parsed.data;
}
