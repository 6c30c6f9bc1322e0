/** `customer-analytics segment`: k-means clusters on recency, orders and spend. */
import { Command } from 'commander';
import { toCsv } from '../../report/index';
import { kmeansSegments } from '../../segment/index';
import { summarizeCustomersWithReport } from '../../summarize/index';
import { addInputOptions, type InputFlags, loadInput, resolveInput } from '../common';
import { CliExit, type CliIo, EXIT } from '../io';
import { writeOutput } from '../output';
import { intFlag } from './report';
import { latestDay } from './summarize';

interface Flags extends InputFlags {
  out?: string;
  json?: boolean;
  k?: string;
  kRange?: string;
  seed?: string;
}

/** Builds the `segment` command. */
export function segmentCommand(io: CliIo, setCode: (code: number) => void): Command {
  return addInputOptions(new Command('segment'))
    .description(
      'k-means clusters (log1p + z-score of days since last purchase, orders, spend): profiles, and assignments with --out',
    )
    .option('-o, --out <file>', "write each customer's cluster (CSV) to a file")
    .option('--json', 'print the whole k-means result as JSON')
    .option('-k, --k <k>', 'number of clusters (default 4)')
    .option('--k-range <min-max>', 'choose k in a range by mean silhouette, e.g. 2-8')
    .option('--seed <n>', 'seed (default 42)')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics segment CDNOW_master.txt --customer customer_id --amount dollar_value --date-format yyyyMMdd -k 4
  $ customer-analytics segment orders.csv --k-range 2-8 --out clusters.csv`,
    )
    .action(async (file: string | undefined, flags: Flags) => {
      const resolved = resolveInput(file, flags);
      const seed = intFlag('--seed', flags.seed, 0, 2 ** 31 - 1) ?? 42;
      let range: [number, number] | undefined;
      if (flags.kRange !== undefined) {
        const m = /^(\d+)-(\d+)$/.exec(flags.kRange);
        if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) {
          throw new CliExit(
            EXIT.badInput,
            `--k-range: expected min-max such as 2-8, received ${JSON.stringify(flags.kRange)}`,
          );
        }
        range = [Number(m[1]), Number(m[2])];
      }
      const k = intFlag('--k', flags.k, 1, 50) ?? 4;
      const input = await loadInput(resolved, io, Boolean(flags.quiet));
      const asOf = resolved.observationEnd ?? latestDay(input.records.map((t) => t.date));
      const customers = summarizeCustomersWithReport(input.records, {
        observationEnd: asOf,
        unit: resolved.unit ?? 'week',
        collapse: resolved.collapse ?? 'day',
      }).customers;
      const rows = customers.map((c) => ({
        customerId: c.customerId,
        recencyDays: c.daysSinceLastPurchase,
        orders: c.orders,
        spend: Math.max(0, c.totalSpend),
      }));
      const base = {
        features: ['recencyDays', 'orders', 'spend'] as const,
        seed,
        transform: 'log1p' as const,
        scale: 'zscore' as const,
        revenue: 'spend' as const,
      };
      const result = range
        ? kmeansSegments(rows, { ...base, features: [...base.features], kRange: range })
        : kmeansSegments(rows, {
            ...base,
            features: [...base.features],
            k: Math.min(k, rows.length),
          });
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        io.out(
          `k = ${result.k}, inertia ${result.inertia.toFixed(2)}, silhouette ${result.silhouette?.toFixed(3) ?? 'n/a'}\n`,
        );
        for (const c of result.clusters) {
          const centroid = Object.entries(c.centroid)
            .map(([f, v]) => `${f} ${v.toFixed(1)}`)
            .join(', ');
          io.out(
            `cluster ${c.id}: ${c.size} customers (${(c.share * 100).toFixed(1)}%) — ${c.profile} — ${centroid}\n`,
          );
        }
      }
      if (flags.out) {
        const profile = new Map(result.clusters.map((c) => [c.id, c.profile]));
        writeOutput(
          io,
          flags.out,
          toCsv(result.assignments.map((a) => ({ ...a, profile: profile.get(a.cluster) }))),
        );
      }
      setCode(EXIT.ok);
    });
}
