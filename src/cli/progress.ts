/** Progress of long steps: a cli-progress bar on a TTY, nothing otherwise. */
import cliProgress from 'cli-progress';
import type { CliIo } from './io';

/** A progress sink for `runReport`'s `onProgress`. */
export interface ProgressReporter {
  update: (step: string, index: number, total: number) => void;
  stop: () => void;
}

/**
 * Draws a bar on stderr only when stderr is a terminal and `--quiet` is not given; pipes and
 * CI logs stay clean.
 */
export function progressReporter(io: CliIo, quiet: boolean): ProgressReporter {
  if (quiet || !io.errIsTTY || !io.progressStream) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: '{bar} {percentage}% | {step}',
      stream: io.progressStream,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (step, index, total) => {
      if (!started) {
        bar.start(total, 0, { step });
        started = true;
      }
      bar.update(index, { step });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
