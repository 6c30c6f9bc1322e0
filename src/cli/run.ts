/**
 * The CLI program: commander wiring, exit codes and error printing. The only module (with
 * main.ts) that decides exit codes; commands write through the injected {@link CliIo}.
 */
import { Command, CommanderError } from 'commander';
import { clvCommand } from './commands/clv';
import { reportCommand } from './commands/report';
import { rfmCommand } from './commands/rfm';
import { segmentCommand } from './commands/segment';
import { simulateCommand } from './commands/simulate';
import { summarizeCommand } from './commands/summarize';
import { exitFor } from './common';
import { type CliIo, EXIT, processIo } from './io';

/** Version printed by `--version`. */
export const CLI_VERSION = '0.1.0';

/** Builds the program; `setCode` receives each command's exit code. */
export function buildProgram(
  io: CliIo,
  setCode: (code: number) => void,
  now: () => Date = () => new Date(),
): Command {
  const program = new Command('customer-analytics')
    .description(
      'Customer analytics from transaction files: summaries, RFM, k-means, BG/NBD, and a nightly report.',
    )
    .version(CLI_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ customer-analytics simulate --out store.csv
  $ customer-analytics report store.csv --out out/
  $ customer-analytics report --help

Exit codes: 0 ok, 1 a --fail-on threshold was breached, 2 bad input or usage.`,
    );
  const commands = [
    reportCommand(io, setCode, now),
    summarizeCommand(io, setCode),
    rfmCommand(io, setCode),
    segmentCommand(io, setCode),
    clvCommand(io, setCode),
    simulateCommand(io, setCode),
  ];
  for (const c of commands) program.addCommand(c);
  const configure = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  };
  configure(program);
  for (const c of commands) configure(c);
  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and resolves to the
 * process exit code: 0 ok, 1 threshold breached, 2 bad input or usage.
 */
export async function runCli(
  argv: string[],
  io: CliIo = processIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(
    io,
    (c) => {
      code = c;
    },
    now,
  );
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.badInput;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    const { code: exitCode, message } = exitFor(err);
    io.err(`customer-analytics: ${message}\n`);
    return exitCode;
  }
}
