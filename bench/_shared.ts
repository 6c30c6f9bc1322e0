import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Root of ../shared/data (override with SHARED_DATA_DIR). */
export const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? resolve(here, '../../shared/data');

/** Path of a shared dataset, or undefined when absent (the case is then reported as skipped). */
export function sharedData(rel: string): string | undefined {
  const p = resolve(SHARED_DATA_DIR, rel);
  return existsSync(p) ? p : undefined;
}

/** The interpreter peer scripts run under: Debian's python3 (pandas, sklearn), not pyenv's. */
export const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/**
 * Why a peer case must be skipped: undefined when `PYTHON` imports every module, else a message
 * naming the missing one and the Debian package that provides it.
 */
export function pythonSkip(modules: readonly string[]): string | undefined {
  for (const m of modules) {
    const r = spawnSync(PYTHON, ['-c', `import ${m}`], { encoding: 'utf8' });
    if (r.error !== undefined) return `${PYTHON} not found`;
    if (r.status !== 0) return `${PYTHON} cannot import ${m} (apt-get install python3-${m})`;
  }
  return undefined;
}

/**
 * Runs a peer script under `PYTHON` and parses the JSON object it prints last on stdout (its
 * own `seconds` and `peakRssMB` among the fields). Throws with the script's stderr on failure.
 */
export function runPythonJson(script: string, args: readonly string[]): Record<string, unknown> {
  const r = spawnSync(PYTHON, [script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(`${script} failed (exit ${r.status}): ${r.stderr || r.error?.message}`);
  }
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}
