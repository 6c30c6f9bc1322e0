import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Root of ../shared/data (override with SHARED_DATA_DIR). */
export const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR ?? resolve(here, '../../../shared/data');

/**
 * Resolves a file under ../shared/data. When the file is missing: throws if
 * REQUIRE_SHARED_DATA=1 (CI), otherwise prints a visible skip message and returns undefined,
 * so callers use `describe.skipIf(!path)`.
 */
export function sharedData(rel: string): string | undefined {
  const p = resolve(SHARED_DATA_DIR, rel);
  if (existsSync(p)) return p;
  if (process.env.REQUIRE_SHARED_DATA === '1') {
    throw new Error(`REQUIRE_SHARED_DATA=1 but shared data file is missing: ${p}`);
  }
  console.warn(`[skip] shared data not found, skipping tests that need it: ${p}`);
  return undefined;
}
