import { spawn } from 'node:child_process';
import { CLI, ROOT } from './_build';

/** Result of one run of the built bin. */
export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js …args` with stderr not a TTY (so no progress bar). Asynchronous, so
 * the test worker's event loop stays free while the child runs.
 */
export function runBin(args: string[]): Promise<BinRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
