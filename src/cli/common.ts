/**
 * Options shared by the commands that read a transactions file, and their resolution against
 * the config file.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { CustomerAnalyticsError } from '../errors';
import { type LoadedInput, loadReportInput, type ReportInputOptions } from '../report/node';
import { type CliConfig, loadConfig } from './config';
import { CliExit, type CliIo, EXIT } from './io';

/** Raw commander values of the input options. */
export interface InputFlags {
  config?: string;
  customer?: string;
  date?: string;
  amount?: string;
  orderId?: string;
  dateFormat?: string[];
  delimiter?: string;
  normalizeId?: 'trim' | 'numeric';
  dedupe?: boolean;
  timeZone?: string;
  observationEnd?: string;
  unit?: 'day' | 'week' | 'month';
  collapse?: 'period' | 'day';
  quiet?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the input options to a command. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .argument(
      '[file]',
      'transactions file: CSV, TSV, whitespace text (.txt), JSON, NDJSON; .gz allowed',
    )
    .option('--config <file.json>', 'read options from a JSON config file (flags override it)')
    .option('--customer <column>', 'customer id column (default "customerId")')
    .option('--date <column>', 'date column (default "date")')
    .option(
      '--amount <column|expression>',
      'amount column, or an expression such as "Quantity*UnitPrice" (default "amount")',
    )
    .option('--order-id <column>', 'order id column (orders = distinct ids)')
    .option(
      '--date-format <format>',
      'date-fns format such as yyyyMMdd (repeat to try several; default ISO 8601)',
      collect,
    )
    .option(
      '--delimiter <char>',
      'field delimiter, or "whitespace" (default: from the file extension)',
    )
    .addOption(
      new Option(
        '--normalize-id <mode>',
        'customer id normalization ("numeric" turns 17850.0 into 17850)',
      ).choices(['trim', 'numeric']),
    )
    .option('--dedupe', 'remove exact duplicate rows (they are counted)')
    .option('--time-zone <iana>', 'time zone of dates without an offset (default UTC)')
    .option(
      '--observation-end <YYYY-MM-DD>',
      'end of observation (default: the latest transaction date)',
    )
    .addOption(
      new Option(
        '--unit <unit>',
        'time unit of frequency, recency, T and the models (default week)',
      ).choices(['day', 'week', 'month']),
    )
    .addOption(
      new Option(
        '--collapse <mode>',
        'merge purchases per day (default) or per unit period',
      ).choices(['period', 'day']),
    )
    .option('-q, --quiet', 'no progress and no summary on stderr');
}

/** Parses `YYYY-MM-DD` (or a full ISO instant) into a UTC Date, or exits with code 2. */
export function parseDateFlag(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (
    Number.isNaN(d.getTime()) ||
    !/^\d{4}-\d{2}-\d{2}/.test(value) ||
    d.toISOString().slice(0, 10) !== value.slice(0, 10)
  ) {
    throw new CliExit(
      EXIT.badInput,
      `${flag}: expected a date such as 1998-06-30, received ${JSON.stringify(value)}`,
    );
  }
  return d;
}

/** The input file, its reading options and the summary settings, flags over config. */
export interface ResolvedInput {
  path: string;
  config: CliConfig;
  read: ReportInputOptions;
  observationEnd?: Date;
  unit?: 'day' | 'week' | 'month';
  collapse?: 'period' | 'day';
}

/** Merges flags and config; exits with code 2 when no input file is given. */
export function resolveInput(file: string | undefined, flags: InputFlags): ResolvedInput {
  const config = flags.config ? loadConfig(flags.config) : {};
  const path = file ?? config.input;
  if (!path)
    throw new CliExit(
      EXIT.badInput,
      'missing input: give a transactions file, or "input" in --config',
    );
  const columns = { ...config.columns };
  if (flags.customer) columns.customerId = flags.customer;
  if (flags.date) columns.date = flags.date;
  if (flags.amount) columns.amount = flags.amount;
  if (flags.orderId) columns.orderId = flags.orderId;
  const read: ReportInputOptions = { columns };
  const dateFormat = flags.dateFormat ?? config.dateFormat;
  if (dateFormat !== undefined) read.dateFormat = dateFormat;
  const delimiter = flags.delimiter ?? config.delimiter;
  if (delimiter !== undefined)
    read.delimiter = delimiter === '\\t' || delimiter === 'tab' ? '\t' : delimiter;
  const normalizeId = flags.normalizeId ?? config.normalizeId;
  if (normalizeId !== undefined) read.normalizeId = normalizeId;
  const dedupe = flags.dedupe ?? config.dedupe;
  if (dedupe !== undefined) read.dedupe = dedupe;
  const timeZone = flags.timeZone ?? config.timeZone;
  if (timeZone !== undefined) read.timeZone = timeZone;
  const out: ResolvedInput = { path, config, read };
  const end = parseDateFlag('--observation-end', flags.observationEnd ?? config.observationEnd);
  if (end) out.observationEnd = end;
  const unit = flags.unit ?? config.unit;
  if (unit) out.unit = unit;
  const collapse = flags.collapse ?? config.collapse;
  if (collapse) out.collapse = collapse;
  return out;
}

/** Loads the input; library errors become exit code 2 with the library's message. */
export async function loadInput(
  resolved: ResolvedInput,
  io: CliIo,
  quiet: boolean,
): Promise<LoadedInput> {
  const input = await loadReportInput(resolved.path, resolved.read);
  if (!quiet) {
    const s = input.stats;
    io.err(
      `read ${s.read.toLocaleString('en-US')} rows: ${s.accepted.toLocaleString('en-US')} accepted, ${s.rejected.toLocaleString('en-US')} rejected, ${s.duplicates.toLocaleString('en-US')} duplicates\n`,
    );
  }
  return input;
}

/** Reads a JSON file for --baseline; exits with code 2 when unreadable. */
export function readJsonFile(flag: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliExit(EXIT.badInput, `${flag} ${path}: ${(err as Error).message}`);
  }
}

/** Maps any thrown value to the CLI's exit code and message. */
export function exitFor(err: unknown): { code: number; message: string } {
  if (err instanceof CliExit) return { code: err.exitCode, message: err.message };
  if (err instanceof CustomerAnalyticsError) return { code: EXIT.badInput, message: err.message };
  return {
    code: EXIT.badInput,
    message: `unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  };
}
