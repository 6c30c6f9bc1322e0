/**
 * `npm run examples`: runs every example against the built package (run `npm run build`
 * first) and checks that each exits 0 and prints its headline numbers. CI runs this.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Each example and a line it must print (its headline numbers). */
const EXAMPLES: [file: string, headline: RegExp][] = [
  [
    'quickstart.ts',
    /BG\/NBD: r=\d+\.\d+ alpha=\d+\.\d+ a=\d+\.\d+ b=\d+\.\d+ LL=-\d+\.\d converged=true/,
  ],
  ['rfm-segmentation.ts', /\d+ customers in \d+ RFM segments[\s\S]*k-means \(k = 4\): inertia \d+/],
  ['clv-forecast.ts', /12-month CLV: total \d+, mean \d+\.\d+ per customer/],
  ['cohort-retention.ts', /\d+ monthly cohorts, \d+ customers[\s\S]*\d+ months of metrics/],
  ['satisfaction-metrics.ts', /CSAT \d+\.\d%[\s\S]*NPS of .*: 25\.0/],
  ['danfo-interop.ts', /DataFrame of shape \[\d+,6\][\s\S]*round trip: \d+ rows/],
  ['demo.ts', /report written to .*report\.html/],
];

let failed = 0;
for (const [file, headline] of EXAMPLES) {
  const t0 = performance.now();
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, file)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (headline.test(out)) {
      console.log(`ok   ${file} (${seconds} s): ${out.split('\n')[0]}`);
    } else {
      failed++;
      console.log(`FAIL ${file}: exited 0 but did not print ${headline}\n${out}`);
    }
  } catch (err) {
    failed++;
    const e = err as { status?: number; stdout?: string; stderr?: string };
    console.log(`FAIL ${file}: exit ${e.status}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
console.log(`${EXAMPLES.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
