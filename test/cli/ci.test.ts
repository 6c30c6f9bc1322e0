import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './_build';
import { runBin } from './_run';

const OUT = join(ROOT, 'test-output/cli-ci');
const store = join(OUT, 'store.csv');

describe('the built bin in a CI pipeline: exit codes, --fail-on, --baseline, --config, --help', () => {
  let first: Record<string, unknown> & { metrics: Record<string, number> };

  beforeAll(async () => {
    await ensureBuilt();
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const sim = await runBin([
      'simulate',
      '--customers',
      '300',
      '--seed',
      '5',
      '--out',
      store,
      '--quiet',
    ]);
    expect(sim.code).toBe(0);
    const run = await runBin(['report', store, '--out', join(OUT, 'night1'), '--quiet']);
    expect(run.code).toBe(0);
    first = JSON.parse(readFileSync(join(OUT, 'night1/metrics.json'), 'utf8'));
  }, 240_000);

  it('simulate writes a seeded, reproducible store', async () => {
    const again = await runBin(['simulate', '--customers', '300', '--seed', '5', '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(store, 'utf8'));
    const rows = parse(again.stdout, { columns: true }) as { customerId: string }[];
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(300);
    expect(first.metrics.customers).toBe(300);
  });

  it('--fail-on: exit 1 naming metric, value and threshold when breached; 0 when not', async () => {
    const rate = first.metrics.repeatPurchaseRate!;
    const breached = await runBin([
      'report',
      store,
      '--out',
      join(OUT, 'night2'),
      '--quiet',
      '--fail-on',
      `repeatPurchaseRate > ${rate / 2}`,
    ]);
    expect(breached.code).toBe(1);
    expect(breached.stderr).toContain(
      `threshold breached: repeatPurchaseRate = ${Number(rate.toPrecision(6))} breaches repeatPurchaseRate > ${rate / 2}`,
    );
    const metrics = JSON.parse(readFileSync(join(OUT, 'night2/metrics.json'), 'utf8'));
    expect(metrics.thresholds[0]).toMatchObject({
      metric: 'repeatPurchaseRate',
      breached: true,
      actual: rate,
    });
    const ok = await runBin([
      'report',
      store,
      '--out',
      join(OUT, 'night3'),
      '--quiet',
      '--fail-on',
      `repeatPurchaseRate > ${rate + 0.01}`,
      '--fail-on',
      'customers < 1',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
  });

  it('--fail-on with an unknown metric or bad syntax is a usage error (exit 2)', async () => {
    const unknown = await runBin([
      'report',
      store,
      '--out',
      join(OUT, 'bad'),
      '--quiet',
      '--fail-on',
      'churnRat > 0.3',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('churnRat');
    expect(unknown.stderr).toContain('churnRate');
    const syntax = await runBin([
      'report',
      store,
      '--out',
      join(OUT, 'bad'),
      '--quiet',
      '--fail-on',
      'churnRate >> 0.3',
    ]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain('parseThreshold');
  });

  it('--baseline adds deltas to metrics.json, stderr and report.html', async () => {
    // A baseline with a known revenue: delta = current − baseline.
    const base = {
      ...first,
      metrics: { ...first.metrics, revenue: first.metrics.revenue! - 100, customers: 250 },
    };
    const basePath = join(OUT, 'baseline.json');
    writeFileSync(basePath, JSON.stringify(base));
    const run = await runBin([
      'report',
      store,
      '--out',
      join(OUT, 'night4'),
      '--baseline',
      basePath,
    ]);
    expect(run.code).toBe(0);
    const metrics = JSON.parse(readFileSync(join(OUT, 'night4/metrics.json'), 'utf8'));
    const revenue = metrics.baseline.deltas.find((d: { metric: string }) => d.metric === 'revenue');
    expect(revenue.delta).toBeCloseTo(100, 6);
    const customers = metrics.baseline.deltas.find(
      (d: { metric: string }) => d.metric === 'customers',
    );
    expect(customers).toEqual({
      metric: 'customers',
      current: 300,
      baseline: 250,
      delta: 50,
      relative: 0.2,
    });
    expect(run.stderr).toContain('delta customers: 250 → 300 (+50)');
    const html = readFileSync(join(OUT, 'night4/report.html'), 'utf8');
    expect(html).toContain('+50 (+20.0%) vs baseline');
  });

  it('a bad --config names the key and the rule (exit 2)', async () => {
    const cfg = join(OUT, 'bad-config.json');
    writeFileSync(
      cfg,
      JSON.stringify({ input: store, unit: 'fortnight', clusters: 0, colums: {} }),
    );
    const run = await runBin(['report', '--config', cfg, '--out', join(OUT, 'bad')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unit: Invalid option: expected one of "day"\|"week"\|"month"/);
    expect(run.stderr).toMatch(/clusters: Too small: expected number to be >=1/);
    expect(run.stderr).toContain('colums: unknown key');
  });

  it('a good --config works and flags override it', async () => {
    const cfg = join(OUT, 'config.json');
    writeFileSync(cfg, JSON.stringify({ input: store, unit: 'day', failOn: ['customers > 1'] }));
    const run = await runBin([
      'report',
      '--config',
      cfg,
      '--out',
      join(OUT, 'cfg'),
      '--quiet',
      '--unit',
      'week',
    ]);
    expect(run.code).toBe(1); // the config's failOn applies
    const metrics = JSON.parse(readFileSync(join(OUT, 'cfg/metrics.json'), 'utf8'));
    expect(metrics.settings.unit).toBe('week');
  });

  it('bad input and usage exit 2 with a message', async () => {
    const missing = await runBin(['report', join(OUT, 'nope.csv'), '--out', join(OUT, 'bad')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv');
    expect((await runBin(['report', store, '--no-such-option'])).code).toBe(2);
    expect((await runBin(['frobnicate'])).code).toBe(2);
    expect((await runBin([])).code).toBe(2);
    const date = await runBin(['report', store, '--observation-end', '2024-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain(
      '--observation-end: expected a date such as 1998-06-30, received "2024-02-30"',
    );
  });

  it('every command has --help with examples (exit 0)', async () => {
    for (const cmd of ['report', 'summarize', 'rfm', 'segment', 'clv', 'simulate']) {
      const help = await runBin([cmd, '--help']);
      expect(help.code, cmd).toBe(0);
      expect(help.stdout, cmd).toContain('Examples:');
      expect(help.stdout, cmd).toContain(`customer-analytics ${cmd}`);
    }
    const top = await runBin(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatchSnapshot();
  });

  it('summarize, rfm, segment and clv print one row per customer', async () => {
    const summary = parse((await runBin(['summarize', store, '--quiet'])).stdout, {
      columns: true,
    });
    expect(summary).toHaveLength(300);
    const rfm = parse((await runBin(['rfm', store, '--quiet'])).stdout, { columns: true }) as {
      segment: string;
    }[];
    expect(rfm).toHaveLength(300);
    expect(rfm.every((r) => r.segment !== '')).toBe(true);
    const seg = await runBin([
      'segment',
      store,
      '--quiet',
      '-k',
      '3',
      '--out',
      join(OUT, 'clusters.csv'),
    ]);
    expect(seg.code).toBe(0);
    expect(seg.stdout).toMatch(/^k = 3, inertia/);
    expect(parse(readFileSync(join(OUT, 'clusters.csv'), 'utf8'), { columns: true })).toHaveLength(
      300,
    );
    const clv = parse((await runBin(['clv', store, '--quiet'])).stdout, { columns: true }) as {
      pAlive: string;
    }[];
    expect(clv).toHaveLength(300);
    expect(clv.every((r) => Number(r.pAlive) >= 0 && Number(r.pAlive) <= 1)).toBe(true);
  });
});
