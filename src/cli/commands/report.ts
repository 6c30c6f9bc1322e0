/** `customer-analytics report`: the whole nightly run and its four output files. */
import { Command, Option } from 'commander';
import { loadInteractions, loadSurveyResponses } from '../../load/node';
import { type ReportOptions, runReport, writeReport } from '../../report/node';
import type { Interaction, SurveyResponse } from '../../schema/index';
import {
  addInputOptions,
  type InputFlags,
  loadInput,
  parseDateFlag,
  readJsonFile,
  resolveInput,
} from '../common';
import { CliExit, type CliIo, EXIT } from '../io';
import { progressReporter } from '../progress';

interface ReportFlags extends InputFlags {
  out?: string;
  json?: boolean;
  failOn?: string[];
  baseline?: string;
  calibrationEnd?: string;
  cohortPeriod?: 'week' | 'month' | 'quarter';
  clusters?: string;
  seed?: string;
  clvMonths?: string;
  discountRate?: string;
  interactions?: string;
  survey?: string;
  surveyKind?: 'csat' | 'nps' | 'ces';
  title?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Parses an integer flag in [min, max], or exits with code 2. */
export function intFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliExit(
      EXIT.badInput,
      `${flag}: expected an integer in ${min}..${max}, received ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** Builds the `report` command. `setCode` receives the exit code. */
export function reportCommand(
  io: CliIo,
  setCode: (code: number) => void,
  now: () => Date,
): Command {
  const cmd = addInputOptions(new Command('report'))
    .description(
      'the nightly run: load → summarize → metrics → RFM + segments → k-means → BG/NBD → outputs',
    )
    .option(
      '-o, --out <dir>',
      'output directory for metrics.json, customers.csv, rejected.csv, report.html',
      'out',
    )
    .option('--json', 'also print metrics.json to stdout')
    .option(
      '--fail-on <condition>',
      'exit 1 when a metric condition holds, e.g. "churnRate > 0.3" (repeatable)',
      collect,
    )
    .option('--baseline <metrics.json>', 'previous metrics.json: adds deltas to the outputs')
    .option(
      '--calibration-end <YYYY-MM-DD>',
      'fit on data up to this date and check predictions on the rest (holdout)',
    )
    .addOption(
      new Option(
        '--cohort-period <period>',
        'calendar period of cohorts and churn (default month)',
      ).choices(['week', 'month', 'quarter']),
    )
    .option('--clusters <k>', 'k of the k-means segmentation (default 4)')
    .option('--seed <n>', 'seed of every random choice (default 42)')
    .option('--clv-months <n>', 'CLV horizon in months (default 12)')
    .option('--discount-rate <rate>', 'monthly discount rate of CLV (default 0.01)')
    .option(
      '--interactions <file>',
      'interactions file (customerId, date, kind columns) for engagement metrics',
    )
    .option(
      '--survey <file>',
      'survey responses file (customerId, date, score, kind columns) for CSAT/NPS/CES',
    )
    .addOption(
      new Option(
        '--survey-kind <kind>',
        'kind of every survey row when the file has no kind column',
      ).choices(['csat', 'nps', 'ces']),
    )
    .option('--title <text>', 'title of report.html')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics report CDNOW_master.txt --customer customer_id --date date \\
      --amount dollar_value --date-format yyyyMMdd --out out/
  $ customer-analytics report online-retail-line-items.csv.gz --customer CustomerID \\
      --date InvoiceDate --amount 'Quantity*UnitPrice' --order-id InvoiceNo --normalize-id numeric
  $ customer-analytics report --config nightly.json --baseline last/metrics.json \\
      --fail-on 'churnRate > 0.3' --fail-on 'repeatPurchaseRate < 0.2' --json

Exit codes: 0 ok, 1 a --fail-on threshold was breached, 2 bad input or usage.`,
    )
    .action(async (file: string | undefined, flags: ReportFlags) => {
      const started = Date.now();
      const resolved = resolveInput(file, flags);
      const cfg = resolved.config;
      const quiet = Boolean(flags.quiet);
      const input = await loadInput(resolved, io, quiet);
      let interactions: Interaction[] | undefined;
      const interactionsPath = flags.interactions ?? cfg.interactions?.path;
      if (interactionsPath) {
        const res = await loadInteractions(interactionsPath, {
          ...(cfg.interactions?.columns ? { columns: cfg.interactions.columns } : {}),
          ...(cfg.interactions?.dateFormat ? { dateFormat: cfg.interactions.dateFormat } : {}),
        });
        interactions = res.records;
        if (!quiet)
          io.err(`interactions: ${res.stats.accepted} accepted, ${res.stats.rejected} rejected\n`);
      }
      let surveys: SurveyResponse[] | undefined;
      const surveyPath = flags.survey ?? cfg.survey?.path;
      if (surveyPath) {
        const kind = flags.surveyKind ?? cfg.survey?.kind;
        const res = await loadSurveyResponses(surveyPath, {
          ...(kind ? { kind } : {}),
          ...(cfg.survey?.scale ? { scale: cfg.survey.scale } : {}),
          ...(cfg.survey?.columns ? { columns: cfg.survey.columns } : {}),
          ...(cfg.survey?.notApplicable ? { notApplicable: cfg.survey.notApplicable } : {}),
          ...(cfg.survey?.dateFormat ? { dateFormat: cfg.survey.dateFormat } : {}),
        });
        surveys = res.records;
        if (!quiet)
          io.err(`survey: ${res.stats.accepted} accepted, ${res.stats.rejected} rejected\n`);
      }
      const baselinePath = flags.baseline ?? cfg.baseline;
      const options: ReportOptions = { runTime: now() };
      if (resolved.observationEnd) options.observationEnd = resolved.observationEnd;
      if (resolved.unit) options.unit = resolved.unit;
      if (resolved.collapse) options.collapse = resolved.collapse;
      const calibrationEnd = parseDateFlag(
        '--calibration-end',
        flags.calibrationEnd ?? cfg.calibrationEnd,
      );
      if (calibrationEnd) options.calibrationEnd = calibrationEnd;
      const cohortPeriod = flags.cohortPeriod ?? cfg.cohortPeriod;
      if (cohortPeriod) options.cohortPeriod = cohortPeriod;
      const clusters = intFlag('--clusters', flags.clusters, 1, 20) ?? cfg.clusters;
      if (clusters !== undefined) options.clusters = clusters;
      const seed = intFlag('--seed', flags.seed, 0, 2 ** 31 - 1) ?? cfg.seed;
      if (seed !== undefined) options.seed = seed;
      const clvMonths = intFlag('--clv-months', flags.clvMonths, 1, 120) ?? cfg.clvMonths;
      if (clvMonths !== undefined) options.clvMonths = clvMonths;
      if (flags.discountRate !== undefined) {
        const r = Number(flags.discountRate);
        if (!(r >= 0 && r <= 1)) {
          throw new CliExit(
            EXIT.badInput,
            `--discount-rate: expected a number in [0, 1], received ${JSON.stringify(flags.discountRate)}`,
          );
        }
        options.discountRate = r;
      } else if (cfg.discountRate !== undefined) options.discountRate = cfg.discountRate;
      if (baselinePath)
        options.baseline = {
          source: baselinePath,
          document: readJsonFile('--baseline', baselinePath),
        };
      const thresholds = [...(cfg.failOn ?? []), ...(flags.failOn ?? [])];
      if (thresholds.length > 0) options.thresholds = thresholds;
      if (interactions) options.interactions = interactions;
      if (surveys) options.surveys = surveys;
      const bar = progressReporter(io, quiet);
      options.onProgress = bar.update;
      let result: ReturnType<typeof runReport>;
      try {
        result = runReport(input, options);
      } finally {
        bar.stop();
      }
      result.metrics.durationMs = Date.now() - started;
      const outDir = flags.out ?? cfg.out ?? 'out';
      const paths = await writeReport(outDir, result, flags.title ? { title: flags.title } : {});
      if (flags.json) io.out(`${JSON.stringify(result.metrics, null, 2)}\n`);
      if (!quiet) {
        io.err(
          `${result.customers.length.toLocaleString('en-US')} customers; wrote ${paths.metrics}, ${paths.customers}, ${paths.rejected}, ${paths.html}\n`,
        );
        for (const s of result.metrics.skipped) io.err(`note: skipped ${s.step}: ${s.reason}\n`);
        for (const d of result.metrics.baseline?.deltas ?? []) {
          if (d.delta !== 0)
            io.err(
              `delta ${d.metric}: ${d.baseline} → ${d.current} (${d.delta > 0 ? '+' : ''}${Number(d.delta.toPrecision(6))})\n`,
            );
        }
      }
      const breached = result.thresholds.filter((t) => t.breached);
      for (const t of breached) io.err(`threshold breached: ${t.message}\n`);
      setCode(breached.length > 0 ? EXIT.thresholdBreached : EXIT.ok);
    });
  return cmd;
}
