/** `customer-analytics simulate`: a seeded synthetic store from the BG/NBD + Gamma-Gamma process. */
import { Command, Option } from 'commander';
import { simulateTransactions } from '../../models/simulateTransactions';
import { toCsv } from '../../report/index';
import { parseDateFlag } from '../common';
import { CliExit, type CliIo, EXIT } from '../io';
import { writeOutput } from '../output';
import { intFlag } from './report';

interface Flags {
  customers?: string;
  seed?: string;
  periods?: string;
  acquisition?: string;
  start?: string;
  unit?: 'day' | 'week' | 'month';
  params?: string;
  spend?: string;
  format?: 'csv' | 'ndjson';
  out?: string;
  quiet?: boolean;
}

/** Published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2013 Gamma-Gamma note). */
export const SIMULATE_DEFAULTS = {
  customers: 2000,
  seed: 42,
  periods: 78,
  acquisition: 12,
  start: '2024-01-01',
  unit: 'week',
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  spend: { p: 6.25, q: 3.74, v: 15.44 },
} as const;

function numberList(flag: string, value: string, names: readonly string[]): Record<string, number> {
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== names.length || parts.some((p) => !(Number.isFinite(p) && p > 0))) {
    throw new CliExit(
      EXIT.badInput,
      `${flag}: expected ${names.length} positive numbers ${names.join(',')}, received ${JSON.stringify(value)}`,
    );
  }
  return Object.fromEntries(names.map((n, i) => [n, parts[i]!]));
}

/** Builds the `simulate` command. */
export function simulateCommand(io: CliIo, setCode: (code: number) => void): Command {
  return new Command('simulate')
    .description(
      'write a seeded synthetic transactions file (BG/NBD purchases, Gamma-Gamma spend) for demos and benchmarks',
    )
    .option('--customers <n>', `number of customers (default ${SIMULATE_DEFAULTS.customers})`)
    .option('--seed <n>', `seed, 1..2^32-1 (default ${SIMULATE_DEFAULTS.seed})`)
    .option(
      '--periods <n>',
      `observation length in units from the first acquisition (default ${SIMULATE_DEFAULTS.periods})`,
    )
    .option(
      '--acquisition <n>',
      `customers arrive uniformly over the first n units (default ${SIMULATE_DEFAULTS.acquisition})`,
    )
    .option('--start <YYYY-MM-DD>', `calendar date of time 0 (default ${SIMULATE_DEFAULTS.start})`)
    .addOption(
      new Option('--unit <unit>', 'time unit of the process (default week)').choices([
        'day',
        'week',
        'month',
      ]),
    )
    .option(
      '--params <r,alpha,a,b>',
      'BG/NBD parameters (default: the CDNOW estimates 0.243,4.414,0.793,2.426)',
    )
    .option('--spend <p,q,v>', 'Gamma-Gamma spend parameters (default 6.25,3.74,15.44)')
    .addOption(
      new Option('--format <format>', 'output format (default csv)').choices(['csv', 'ndjson']),
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('-q, --quiet', 'no summary on stderr')
    .addHelpText(
      'after',
      `
Columns: customerId, date (ISO 8601), amount (rounded to cents).

Examples:
  $ customer-analytics simulate --customers 5000 --seed 7 --out store.csv
  $ customer-analytics simulate --params 0.5,5,0.8,2.5 --unit day --periods 365 --format ndjson > store.ndjson
  $ customer-analytics simulate --out store.csv && customer-analytics report store.csv`,
    )
    .action((flags: Flags) => {
      const customers =
        intFlag('--customers', flags.customers, 1, 10_000_000) ?? SIMULATE_DEFAULTS.customers;
      const seed = intFlag('--seed', flags.seed, 1, 2 ** 32 - 1) ?? SIMULATE_DEFAULTS.seed;
      const periods = intFlag('--periods', flags.periods, 1, 100_000) ?? SIMULATE_DEFAULTS.periods;
      const acquisition =
        intFlag('--acquisition', flags.acquisition, 0, 100_000) ?? SIMULATE_DEFAULTS.acquisition;
      if (acquisition >= periods) {
        throw new CliExit(
          EXIT.badInput,
          `--acquisition: expected fewer units than --periods (${periods}), received ${acquisition}`,
        );
      }
      const start = parseDateFlag('--start', flags.start ?? SIMULATE_DEFAULTS.start)!;
      const params = flags.params
        ? numberList('--params', flags.params, ['r', 'alpha', 'a', 'b'])
        : SIMULATE_DEFAULTS.params;
      const spend = flags.spend
        ? numberList('--spend', flags.spend, ['p', 'q', 'v'])
        : SIMULATE_DEFAULTS.spend;
      const sim = simulateTransactions({
        transactionModel: 'bgNbd',
        transactionParams: params as { r: number; alpha: number; a: number; b: number },
        monetaryParams: spend as { p: number; q: number; v: number },
        customers,
        T: periods,
        acquisitionSpan: acquisition,
        seed,
        start,
        unit: flags.unit ?? SIMULATE_DEFAULTS.unit,
      });
      const rows = sim.transactions.map((t) => ({
        customerId: t.customerId,
        date: t.date.toISOString(),
        amount: Math.round(t.amount * 100) / 100,
      }));
      const text =
        flags.format === 'ndjson'
          ? `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`
          : toCsv(rows, ['customerId', 'date', 'amount'], { eol: '\n' });
      writeOutput(io, flags.out, text);
      if (!flags.quiet) {
        io.err(
          `simulated ${customers} customers, ${rows.length} transactions (seed ${seed}), observation end ${sim.observationEnd.toISOString().slice(0, 10)}\n`,
        );
      }
      setCode(EXIT.ok);
    });
}
