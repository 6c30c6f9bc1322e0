/** Writing a command's main output to stdout or to a file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIo } from './io';

/** Writes text to `path` (creating its directory) or, without a path, to stdout. */
export function writeOutput(io: CliIo, path: string | undefined, text: string): void {
  if (path === undefined) {
    io.out(text);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
