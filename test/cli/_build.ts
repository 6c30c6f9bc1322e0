import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Repository root. */
export const ROOT = resolve(__dirname, '../..');
/** The built CLI. */
export const CLI = join(ROOT, 'dist/cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const outputs = ['dist/cli.js', 'dist/index.js', 'dist/node.js'].map((f) => join(ROOT, f));
  if (!outputs.every(existsSync)) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return built >= newestMtime(join(ROOT, 'src'));
}

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the package once (`npm run build`) unless dist is newer than every source file, as
 * after CI's build step. A lock directory keeps parallel test files from building twice.
 */
export async function ensureBuilt(): Promise<void> {
  // E2E_USE_DIST=1: use dist as it is (e.g. while other files are being edited locally).
  if (process.env.E2E_USE_DIST === '1' || isFresh()) return;
  const lock = join(ROOT, 'test-output/.build-lock');
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error('ensureBuilt: timed out waiting for another build');
      await sleep(1000);
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) await run('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
