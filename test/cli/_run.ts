import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './_build';

/** Result of one run of the built bin. */
export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …args` with stderr not a TTY (so no progress bar). */
export function runBin(args: string[]): BinRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
