/** `customer-analytics rfm`: RFM scores and named segments per customer. */
import { Command } from 'commander';
import { toCsv } from '../../report/index';
import { rfmScores, rfmSegments, summarizeSegments } from '../../segment/index';
import { summarizeCustomersWithReport } from '../../summarize/index';
import { addInputOptions, type InputFlags, loadInput, resolveInput } from '../common';
import { CliExit, type CliIo, EXIT } from '../io';
import { writeOutput } from '../output';
import { latestDay } from './summarize';

interface Flags extends InputFlags {
  out?: string;
  json?: boolean;
  bins?: string;
}

/** Builds the `rfm` command. */
export function rfmCommand(io: CliIo, setCode: (code: number) => void): Command {
  return addInputOptions(new Command('rfm'))
    .description(
      'RFM scores (1..bins, tie-aware quantiles) and the rfm R package named segments, one row per customer',
    )
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--json', 'JSON instead of CSV')
    .option('--bins <n>', 'scores per dimension, 2..9 (default 5)')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics rfm CDNOW_master.txt --customer customer_id --amount dollar_value --date-format yyyyMMdd
  $ customer-analytics rfm orders.csv --bins 3 --json --out rfm.json

Segment counts go to stderr (hidden with --quiet).`,
    )
    .action(async (file: string | undefined, flags: Flags) => {
      const resolved = resolveInput(file, flags);
      let bins: number | undefined;
      if (flags.bins !== undefined) {
        bins = Number(flags.bins);
        if (!Number.isInteger(bins) || bins < 2 || bins > 9) {
          throw new CliExit(
            EXIT.badInput,
            `--bins: expected an integer in 2..9, received ${JSON.stringify(flags.bins)}`,
          );
        }
      }
      const input = await loadInput(resolved, io, Boolean(flags.quiet));
      const asOf = resolved.observationEnd ?? latestDay(input.records.map((t) => t.date));
      const summary = summarizeCustomersWithReport(input.records, {
        observationEnd: asOf,
        unit: resolved.unit ?? 'week',
        collapse: resolved.collapse ?? 'day',
      });
      const segmented = rfmSegments(
        rfmScores(summary.customers, { asOf, ...(bins ? { bins } : {}) }),
      );
      const text = flags.json
        ? `${JSON.stringify(segmented, null, 2)}\n`
        : toCsv(segmented as unknown as Record<string, unknown>[], [
            'customerId',
            'r',
            'f',
            'm',
            'cell',
            'score',
            'segment',
            'recencyDays',
            'orders',
            'totalSpend',
            'action',
          ]);
      writeOutput(io, flags.out, text);
      if (!flags.quiet) {
        for (const s of summarizeSegments(segmented)) {
          if (s.customers > 0)
            io.err(
              `${s.segment.padEnd(20)} ${String(s.customers).padStart(8)}  ${(s.customerShare * 100).toFixed(1).padStart(5)}%\n`,
            );
        }
      }
      setCode(EXIT.ok);
    });
}
