/** Where the CLI writes: injected so tests can capture output without a child process. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Whether standard error is a terminal (progress bars are drawn only then). */
  errIsTTY: boolean;
  /** The stream progress bars draw on (process.stderr in the real CLI). */
  progressStream?: NodeJS.WritableStream;
}

/** The real process streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errIsTTY: Boolean(process.stderr.isTTY),
  progressStream: process.stderr,
};

/** Exit codes of the CLI (documented in docs/cli.md). */
export const EXIT = { ok: 0, thresholdBreached: 1, badInput: 2 } as const;

/** An error that ends the CLI with a given exit code and message. */
export class CliExit extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}
