import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Files reachable from the core barrels of the load and prep layers, by static imports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]!);
      const candidates = [`${target}.ts`, join(target, 'index.ts')];
      const found = candidates.find((c) => {
        try {
          readFileSync(c);
          return true;
        } catch {
          return false;
        }
      });
      if (found) stack.push(found);
    }
  }
  return seen;
}

describe('browser-safe core', () => {
  it('the load and prep barrels never reach a node: import or the file readers', () => {
    const files = new Set([
      ...reachable(join(src, 'load/index.ts')),
      ...reachable(join(src, 'prep/index.ts')),
    ]);
    expect(files.size).toBeGreaterThan(10);
    for (const f of files) {
      const rel = relative(src, f);
      expect(rel.startsWith('load/files') || rel === 'load/node.ts', rel).toBe(false);
      expect(readFileSync(f, 'utf8'), rel).not.toMatch(/from 'node:|require\(/);
    }
    // The Node-only readers do use node: modules (sanity check of the scan).
    const nodeFiles = readdirSync(join(src, 'load/files')).map((f) =>
      readFileSync(join(src, 'load/files', f), 'utf8'),
    );
    expect(nodeFiles.some((t) => t.includes("from 'node:"))).toBe(true);
  });
});
