/**
 * The self-contained HTML report: inline CSS, charts as inline SVG, no scripts, no external
 * URLs, every data-derived string escaped.
 */
import type { VegaLiteSpec } from '../charts/spec';
import type { MetricDelta } from '../deltas';
import { escapeHtml } from '../escape';
import { renderChartSvg } from './svg';

/** How a headline number is shown. */
export type HeadlineFormat = 'percent' | 'currency' | 'integer' | 'number';

/** One headline metric of the report. */
export interface Headline {
  /** Metric key, as in metrics.json (e.g. `churnRate`). */
  metric: string;
  /** Human label, e.g. "Churn rate". */
  label: string;
  value: number;
  format: HeadlineFormat;
  /** Change against the baseline run, when one was given. */
  delta?: MetricDelta;
  /** One-line definition shown under the number. */
  definition?: string;
}

/** A chart of the report: a Vega-Lite spec rendered to inline SVG. */
export interface ReportChart {
  /** Anchor id (letters, digits, dashes). */
  id: string;
  title: string;
  spec: VegaLiteSpec;
  /** One or two sentences on how to read the chart. */
  caption?: string;
}

/** A plain table of the report. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number | boolean | null | undefined)[][];
}

/** Everything {@link renderReportHtml} draws. */
export interface ReportModel {
  title: string;
  /** Run time, ISO 8601 (passed in: the renderer has no clock). */
  generatedAt: string;
  /** Lines under the title, e.g. the input file and its SHA-256. */
  meta: { label: string; value: string }[];
  headlines: Headline[];
  charts: ReportChart[];
  tables: ReportTable[];
  /** Notices such as "no holdout given: the tracking chart is omitted", or breached thresholds. */
  notes: string[];
}

/** Formats a number for the report (en-US grouping). */
export function formatMetric(value: number, format: HeadlineFormat): string {
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'currency':
      return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'integer':
      return Math.round(value).toLocaleString('en-US');
    case 'number':
      return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  }
}

function deltaText(h: Headline): string {
  const d = h.delta;
  if (!d) return '';
  const sign = d.delta > 0 ? '+' : d.delta < 0 ? '−' : '±';
  const abs = Math.abs(d.delta);
  const body =
    h.format === 'percent' ? `${(abs * 100).toFixed(1)} pts` : formatMetric(abs, h.format);
  const rel =
    d.relative !== undefined
      ? ` (${d.relative >= 0 ? '+' : '−'}${Math.abs(d.relative * 100).toFixed(1)}%)`
      : '';
  const cls = d.delta > 0 ? 'up' : d.delta < 0 ? 'down' : 'flat';
  return `<div class="delta ${cls}">${sign}${escapeHtml(body)}${escapeHtml(rel)} vs baseline</div>`;
}

const CSS = `
:root{color-scheme:light}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:32px 0 8px}
.meta{color:#555;font-size:.85rem;margin:0 0 16px;padding:0;list-style:none}
.meta code{word-break:break-all}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px}
.card{background:#fff;border:1px solid #e2e4e8;border-radius:8px;padding:12px}
.card .label{font-size:.8rem;color:#555}
.card .value{font-size:1.4rem;font-weight:600;margin-top:4px}
.card .def{font-size:.72rem;color:#777;margin-top:4px}
.delta{font-size:.8rem;margin-top:2px}.delta.up{color:#1a7f37}.delta.down{color:#b42318}.delta.flat{color:#555}
figure{background:#fff;border:1px solid #e2e4e8;border-radius:8px;margin:12px 0;padding:12px;overflow-x:auto}
figcaption{font-size:.85rem;color:#444;margin-top:6px}
table{border-collapse:collapse;background:#fff;font-size:.85rem;margin:8px 0}
th,td{border:1px solid #e2e4e8;padding:4px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.notes{background:#fff8e6;border:1px solid #f0d58c;border-radius:8px;padding:8px 16px}
nav a{margin-right:12px;font-size:.85rem}
`;

function cellHtml(v: ReportTable['rows'][number][number]): string {
  if (typeof v === 'number') {
    const text = Number.isInteger(v)
      ? v.toLocaleString('en-US')
      : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
    return `<td class="num">${escapeHtml(text)}</td>`;
  }
  return `<td>${escapeHtml(v ?? '')}</td>`;
}

const safeId = (id: string) => id.replace(/[^A-Za-z0-9-]/g, '-');

/**
 * Renders the report model to one self-contained HTML document: inline `<style>`, each chart
 * rendered with {@link renderChartSvg} and inlined as `<svg>`, tables and notes. There is no
 * `<script>`, no `<link>`, no `<img>` and no URL that a browser would fetch; every string from
 * the model is passed through {@link escapeHtml} (vega escapes the text inside its SVG).
 *
 * @param model - The report content; not mutated.
 * @returns The HTML text (UTF-8).
 * @throws InvalidInputError when a chart spec fails to render (from {@link renderChartSvg}).
 * @example
 * const html = await renderReportHtml({ title: 'Nightly', generatedAt: '2024-01-01T00:00:00Z',
 *   meta: [], headlines: [], charts: [], tables: [], notes: [] });
 * html.startsWith('<!doctype html>'); // => true
 */
export async function renderReportHtml(model: ReportModel): Promise<string> {
  const svgs: string[] = [];
  for (const c of model.charts) svgs.push(await renderChartSvg(c.spec));
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network at all, even if a later edit slipped in a URL: the policy blocks it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(model.title)}</title><style>${CSS}</style></head><body><main>`,
    `<h1>${escapeHtml(model.title)}</h1>`,
    '<ul class="meta">',
    `<li>Generated ${escapeHtml(model.generatedAt)}</li>`,
    ...model.meta.map(
      (m) => `<li>${escapeHtml(m.label)}: <code>${escapeHtml(m.value)}</code></li>`,
    ),
    '</ul>',
  );
  if (model.charts.length > 0) {
    out.push(
      '<nav>',
      ...model.charts.map((c) => `<a href="#${safeId(c.id)}">${escapeHtml(c.title)}</a>`),
      '</nav>',
    );
  }
  if (model.notes.length > 0) {
    out.push(
      '<section class="notes"><ul>',
      ...model.notes.map((n) => `<li>${escapeHtml(n)}</li>`),
      '</ul></section>',
    );
  }
  if (model.headlines.length > 0) {
    out.push('<h2>Headline metrics</h2><div class="cards">');
    for (const h of model.headlines) {
      out.push(
        `<div class="card" data-metric="${escapeHtml(h.metric)}"><div class="label">${escapeHtml(h.label)}</div>`,
        `<div class="value">${escapeHtml(formatMetric(h.value, h.format))}</div>`,
        deltaText(h),
        h.definition ? `<div class="def">${escapeHtml(h.definition)}</div>` : '',
        '</div>',
      );
    }
    out.push('</div>');
  }
  model.charts.forEach((c, i) => {
    out.push(
      `<h2 id="${safeId(c.id)}">${escapeHtml(c.title)}</h2>`,
      `<figure class="chart" data-chart="${escapeHtml(safeId(c.id))}">${svgs[i]}`,
      c.caption ? `<figcaption>${escapeHtml(c.caption)}</figcaption>` : '',
      '</figure>',
    );
  });
  for (const t of model.tables) {
    out.push(
      `<h2>${escapeHtml(t.title)}</h2><table><thead><tr>`,
      ...t.columns.map((c) => `<th>${escapeHtml(c)}</th>`),
      '</tr></thead><tbody>',
      ...t.rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`),
      '</tbody></table>',
    );
  }
  out.push('</main></body></html>', '');
  return out.join('\n');
}
