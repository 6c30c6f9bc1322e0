/** `customer-analytics summarize`: one row per customer (frequency, recency, T, spend…). */
import { Command } from 'commander';
import { toCsv } from '../../report/index';
import { summarizeCustomersWithReport } from '../../summarize/index';
import { addInputOptions, type InputFlags, loadInput, resolveInput } from '../common';
import { type CliIo, EXIT } from '../io';
import { writeOutput } from '../output';

interface Flags extends InputFlags {
  out?: string;
  json?: boolean;
}

/** Latest accepted transaction's UTC day, the default end of observation. */
export function latestDay(dates: Iterable<Date>): Date {
  let max = Number.NEGATIVE_INFINITY;
  for (const d of dates) max = Math.max(max, d.getTime());
  return new Date(Math.floor(max / 86_400_000) * 86_400_000);
}

/** Builds the `summarize` command. */
export function summarizeCommand(io: CliIo, setCode: (code: number) => void): Command {
  return addInputOptions(new Command('summarize'))
    .description(
      'one row per customer: frequency, recency, T, monetary value, orders, spend (CSV, or JSON with --json)',
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--json', 'JSON instead of CSV')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics summarize CDNOW_master.txt --customer customer_id --amount dollar_value \\
      --date-format yyyyMMdd --unit week --observation-end 1997-09-30 > summary.csv
  $ customer-analytics summarize orders.ndjson --json --out summary.json`,
    )
    .action(async (file: string | undefined, flags: Flags) => {
      const resolved = resolveInput(file, flags);
      const input = await loadInput(resolved, io, Boolean(flags.quiet));
      const observationEnd = resolved.observationEnd ?? latestDay(input.records.map((t) => t.date));
      const report = summarizeCustomersWithReport(input.records, {
        observationEnd,
        unit: resolved.unit ?? 'week',
        collapse: resolved.collapse ?? 'day',
      });
      const rows = report.customers;
      const text = flags.json
        ? `${JSON.stringify(rows, null, 2)}\n`
        : toCsv(rows as unknown as Record<string, unknown>[], [
            'customerId',
            'frequency',
            'recency',
            'T',
            'monetaryValue',
            'orders',
            'totalSpend',
            'firstPurchase',
            'lastPurchase',
            'daysSinceLastPurchase',
          ]);
      writeOutput(io, flags.out, text);
      if (!flags.quiet) {
        io.err(
          `${rows.length.toLocaleString('en-US')} customers (observation end ${observationEnd.toISOString().slice(0, 10)})`,
        );
        io.err(
          report.returnsOnly.length > 0
            ? `; ${report.returnsOnly.length} with returns only (not summarized)\n`
            : '\n',
        );
        if (report.excludedAfterEnd > 0)
          io.err(`${report.excludedAfterEnd} rows after the observation end were excluded\n`);
      }
      setCode(EXIT.ok);
    });
}
