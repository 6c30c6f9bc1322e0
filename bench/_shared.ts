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
