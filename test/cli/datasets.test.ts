import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransactions } from '../../src/load/node';
import { sharedData } from '../_helpers/shared';
import { ensureBuilt, ROOT } from './_build';
import { type BinRun, runBin } from './_run';

const OUT = join(ROOT, 'test-output/cli');
const cdnow = sharedData('cdnow/CDNOW_master.txt');
const retail = sharedData('online-retail/online-retail-line-items.csv.gz');

function readOutputs(dir: string) {
  const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
  const customers = parse(readFileSync(join(dir, 'customers.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const rejected = parse(readFileSync(join(dir, 'rejected.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  return { metrics, customers, rejected, html };
}

describe.skipIf(!cdnow)('report on CDNOW_master through the built bin', () => {
  const dir = join(OUT, 'cdnow');
  let run: BinRun;
  let out: ReturnType<typeof readOutputs>;

  beforeAll(async () => {
    await ensureBuilt();
    rmSync(dir, { recursive: true, force: true });
    run = await runBin([
      'report',
      cdnow!,
      '--customer',
      'customer_id',
      '--date',
      'date',
      '--amount',
      'dollar_value',
      '--date-format',
      'yyyyMMdd',
      '--calibration-end',
      '1997-09-30',
      '--out',
      dir,
      '--json',
      '--quiet',
    ]);
    out = readOutputs(dir);
  }, 240_000);

  it('exits 0, writes all four files and prints metrics.json on stdout', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const f of ['metrics.json', 'customers.csv', 'rejected.csv', 'report.html'])
      expect(existsSync(join(dir, f))).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual(out.metrics);
    expect(out.metrics.schemaVersion).toBe(1);
    // sha256 of CDNOW_master.txt from ../shared/data/README.md
    expect(out.metrics.input.sha256).toBe(
      'eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef',
    );
  });

  it("reconciles its row accounting with the loader's, and its totals with the data README", async () => {
    const loaded = await loadTransactions(cdnow!, {
      columns: { customerId: 'customer_id', date: 'date', amount: 'dollar_value' },
      dateFormat: 'yyyyMMdd',
    });
    const { afterObservationEnd, returnsOnlyCustomers, ...rows } = out.metrics.rows;
    expect(rows).toEqual(loaded.stats);
    expect(rows.read).toBe(69_659); // data rows of CDNOW_master.txt (README)
    expect(afterObservationEnd + returnsOnlyCustomers).toBe(0);
    expect(out.rejected).toHaveLength(0);
    expect(out.metrics.metrics.customers).toBe(23_570);
    expect(out.metrics.metrics.revenue).toBeCloseTo(2_500_315.63, 2); // README: total $2,500,315.63
  });

  it('has one row per customer in customers.csv with scores, segment, cluster, stage and predictions', async () => {
    expect(out.customers).toHaveLength(23_570);
    expect(new Set(out.customers.map((c) => c.customerId)).size).toBe(23_570);
    const first = out.customers.find((c) => c.customerId === '00001')!;
    expect(first.segment).not.toBe('');
    for (const col of [
      'r',
      'f',
      'm',
      'cluster',
      'lifecycleStage',
      'churnRisk',
      'pAlive',
      'expectedPurchasesNextPeriod',
    ]) {
      expect(
        out.customers.every((c) => c[col] !== ''),
        col,
      ).toBe(true);
    }
    const pAlive = out.customers.map((c) => Number(c.pAlive));
    expect(pAlive.every((p) => p >= 0 && p <= 1)).toBe(true);
    // segment sizes in metrics.json count the same customers as the table
    const bySegment = new Map<string, number>();
    for (const c of out.customers) bySegment.set(c.segment!, (bySegment.get(c.segment!) ?? 0) + 1);
    for (const s of out.metrics.segments)
      expect(bySegment.get(s.segment) ?? 0, s.segment).toBe(s.customers);
  });

  it('reports the model fits with convergence and the holdout check', async () => {
    const fit = out.metrics.models.bgNbd;
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(23_570);
    expect(out.metrics.models.calibrationBgNbd.converged).toBe(true);
    expect(out.metrics.holdout.customers).toBe(23_570);
    expect(out.html).toContain('data-chart="holdout"');
  });
});

describe.skipIf(!retail)('report on the Online Retail line items through the built bin', () => {
  const dir = join(OUT, 'retail');
  let run: BinRun;
  let out: ReturnType<typeof readOutputs>;
  const columns = { customerId: 'CustomerID', date: 'InvoiceDate', orderId: 'InvoiceNo' };

  beforeAll(async () => {
    await ensureBuilt();
    rmSync(dir, { recursive: true, force: true });
    run = await runBin([
      'report',
      retail!,
      '--customer',
      columns.customerId,
      '--date',
      columns.date,
      '--order-id',
      columns.orderId,
      '--amount',
      'Quantity*UnitPrice',
      '--normalize-id',
      'numeric',
      '--out',
      dir,
      '--quiet',
    ]);
    out = readOutputs(dir);
  }, 240_000);

  it('exits 0 and writes all four files', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(out.html.startsWith('<!doctype html>')).toBe(true);
  });

  it("reconciles rows with the loader's and lists every rejected row with its line and reason", async () => {
    const loaded = await loadTransactions(retail!, {
      columns: { ...columns, amount: (r) => Number(r.Quantity) * Number(r.UnitPrice) },
      normalizeId: 'numeric',
    });
    const { afterObservationEnd, returnsOnlyCustomers, ...rows } = out.metrics.rows;
    expect(rows).toEqual(loaded.stats);
    expect(rows.read).toBe(541_909); // README
    expect(rows.read).toBe(rows.accepted + rows.rejected + rows.duplicates);
    expect(out.rejected).toHaveLength(rows.rejected);
    expect(out.rejected.map((r) => Number(r.line))).toEqual(loaded.rejected.map((r) => r.line));
    expect(
      out.rejected.every((r) => r.reasons !== '' && (r.fields ?? '').includes('customerId')),
    ).toBe(true);
    expect(afterObservationEnd).toBe(0);
    // customers.csv: one row per distinct accepted customer, returns-only customers included
    const ids = new Set(loaded.records.map((t) => t.customerId));
    expect(out.customers).toHaveLength(ids.size);
    expect(new Set(out.customers.map((c) => c.customerId))).toEqual(ids);
    expect(out.customers.filter((c) => c.lifecycleStage === 'returns only')).toHaveLength(
      returnsOnlyCustomers,
    );
  });
});
