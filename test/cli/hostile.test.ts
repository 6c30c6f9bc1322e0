import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './_build';
import { type BinRun, runBin } from './_run';

const OUT = join(ROOT, 'test-output/cli-hostile');
const LINK = '=HYPERLINK("http://x")';
const IMG = '<img src=x onerror=alert(1)>';
// The file name, the title and a rejected value all carry markup into report.html.
const FILE = `hostile ${IMG}.csv`;

describe('hostile input through the built bin', () => {
  let run: BinRun;
  const dir = join(OUT, 'out');

  beforeAll(async () => {
    await ensureBuilt();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    // Header with __proto__ and constructor columns; ids built to inject formulas and markup;
    // one row with a bad amount so rejected.csv carries hostile text too.
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = ['customerId,date,amount,__proto__,constructor'];
    const ids = [LINK, IMG, '+cmd|calc', '@SUM(1)', '-2+3', 'plain'];
    ids.forEach((id, i) => {
      for (let k = 0; k < 3; k++)
        lines.push(`${q(id)},2024-0${k + 1}-1${i},${10 + i + k},{"polluted":1},x`);
    });
    lines.push(`${q(LINK)},2024-03-20,${q(IMG)},a,b`);
    writeFileSync(join(OUT, FILE), `${lines.join('\n')}\n`);
    run = await runBin([
      'report',
      join(OUT, FILE),
      '--out',
      dir,
      '--quiet',
      '--clusters',
      '2',
      '--title',
      `Report ${IMG}`,
    ]);
  }, 240_000);

  it('does not crash and accounts for every row', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.rows).toMatchObject({ read: 19, accepted: 18, rejected: 1, duplicates: 0 });
    expect(metrics.metrics.customers).toBe(6);
  });

  it('neutralizes formula-like cells in customers.csv and rejected.csv; numbers stay numbers', async () => {
    const text = readFileSync(join(dir, 'customers.csv'), 'utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const ids = rows.map((r) => r.customerId).sort();
    expect(ids).toEqual([`'${LINK}`, `'+cmd|calc`, `'-2+3`, `'@SUM(1)`, IMG, 'plain'].sort());
    for (const r of rows) expect(Number.isFinite(Number(r.totalSpend))).toBe(true);
    // no cell of any line starts with a formula character
    const cells = parse(text) as string[][];
    for (const line of cells) for (const c of line) expect(c).not.toMatch(/^[=+@\t\r]/);
    const rejected = parse(readFileSync(join(dir, 'rejected.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.line).toBe('20');
    expect(rejected[0]!.raw).toContain('HYPERLINK');
    for (const c of Object.values(rejected[0]!)) expect(c).not.toMatch(/^[=+@\t\r]/);
  });

  it('escapes every id in report.html (no injected element)', async () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    // title, input path (meta line) and the rejected row's reason, each escaped
    expect(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('keeps __proto__ as plain data in metrics.json', async () => {
    const text = readFileSync(join(dir, 'metrics.json'), 'utf8');
    const metrics = JSON.parse(text);
    expect(Object.getPrototypeOf(metrics)).toBe(Object.prototype);
    expect(metrics.polluted).toBeUndefined();
  });
});
