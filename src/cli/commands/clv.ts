/** `customer-analytics clv`: BG/NBD fit and per-customer predictions. */
import { Command } from 'commander';
import { bgNbd } from '../../models/bgNbd';
import { toCsv } from '../../report/index';
import { summarizeCustomersWithReport } from '../../summarize/index';
import { addInputOptions, type InputFlags, loadInput, resolveInput } from '../common';
import { CliExit, type CliIo, EXIT } from '../io';
import { writeOutput } from '../output';
import { latestDay } from './summarize';

interface Flags extends InputFlags {
  out?: string;
  json?: boolean;
  horizon?: string;
}

const DAYS = { day: 1, week: 7, month: 30.4375 } as const;

/** Builds the `clv` command. */
export function clvCommand(io: CliIo, setCode: (code: number) => void): Command {
  return addInputOptions(new Command('clv'))
    .description(
      'fit BG/NBD on the customer summaries; per customer P(alive) and expected purchases over a horizon',
    )
    .option(
      '-o, --out <file>',
      'write the per-customer predictions (CSV) to a file instead of stdout',
    )
    .option(
      '--json',
      'print the model fit (params, log-likelihood, convergence) as JSON instead of the CSV',
    )
    .option('--horizon <days>', 'prediction horizon in days (default 30.4375, one mean month)')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics clv CDNOW_master.txt --customer customer_id --amount dollar_value \\
      --date-format yyyyMMdd --observation-end 1997-09-30 --json
  $ customer-analytics clv orders.csv --horizon 90 --out predictions.csv`,
    )
    .action(async (file: string | undefined, flags: Flags) => {
      const resolved = resolveInput(file, flags);
      const horizonDays = flags.horizon === undefined ? 30.4375 : Number(flags.horizon);
      if (!(horizonDays > 0 && Number.isFinite(horizonDays))) {
        throw new CliExit(
          EXIT.badInput,
          `--horizon: expected a positive number of days, received ${JSON.stringify(flags.horizon)}`,
        );
      }
      const input = await loadInput(resolved, io, Boolean(flags.quiet));
      const unit = resolved.unit ?? 'week';
      const observationEnd = resolved.observationEnd ?? latestDay(input.records.map((t) => t.date));
      const customers = summarizeCustomersWithReport(input.records, {
        observationEnd,
        unit,
        collapse: resolved.collapse ?? 'day',
      }).customers;
      const fit = bgNbd.fit(customers);
      const t = horizonDays / DAYS[unit];
      if (flags.json) {
        io.out(
          `${JSON.stringify({ unit, observationEnd: observationEnd.toISOString(), fit }, null, 2)}\n`,
        );
      } else {
        const rows = customers.map((c) => ({
          customerId: c.customerId,
          frequency: c.frequency,
          recency: c.recency,
          T: c.T,
          pAlive: bgNbd.probabilityAlive(fit.params, c),
          expectedPurchases: bgNbd.conditionalExpectedPurchases(fit.params, t, c),
        }));
        writeOutput(io, flags.out, toCsv(rows));
      }
      if (!flags.quiet) {
        const p = Object.entries(fit.params)
          .map(([k, v]) => `${k} = ${v.toPrecision(4)}`)
          .join(', ');
        io.err(
          `BG/NBD on ${customers.length} customers (${unit}s): ${p}; log-likelihood ${fit.logLikelihood.toFixed(2)}; ${fit.converged ? 'converged' : `NOT converged (${fit.message})`} in ${fit.iterations} iterations\n`,
        );
      }
      setCode(EXIT.ok);
    });
}
