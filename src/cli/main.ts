// CLI entry (bin `customer-analytics`): the only place that sets the process exit code.
import { runCli } from './run';

// `customer-analytics summarize big.csv | head` closes stdout early: stop quietly instead of
// crashing with an unhandled EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `customer-analytics: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
