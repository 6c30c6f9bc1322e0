/**
 * Engagement and satisfaction metrics of the report, from the optional interactions and survey
 * files.
 */
import { CustomerAnalyticsError } from '../../errors';
import {
  ces,
  communicationRate,
  complaintRate,
  csat,
  feedbackRate,
  nps,
  serviceRate,
  visitRate,
} from '../../metrics/index';
import type { Interaction, SurveyResponse } from '../../schema/index';
import type { SkippedStep } from './document';

/** A metric value with its definition. */
export interface DefinedMetric {
  name: string;
  value: number;
  definition: string;
}

function tryMetric(
  name: string,
  definition: string,
  skipped: SkippedStep[],
  run: () => number,
): DefinedMetric[] {
  try {
    return [{ name, value: run(), definition }];
  } catch (err) {
    if (err instanceof CustomerAnalyticsError) {
      skipped.push({ step: name, reason: err.message });
      return [];
    }
    throw err;
  }
}

/**
 * Engagement rates of the seed documents: interactions of each kind / customers in the base,
 * where the base is every customer seen in the transactions or the interactions.
 */
export function engagementMetrics(
  interactions: readonly Interaction[],
  transactionCustomers: ReadonlySet<string>,
  skipped: SkippedStep[],
): DefinedMetric[] {
  const base = new Set(transactionCustomers);
  for (const i of interactions) base.add(i.customerId);
  const customers = base.size;
  const kinds = new Set(interactions.map((i) => i.kind));
  const out: DefinedMetric[] = [];
  const each: [string, string, (o: { customers: number }) => number][] = [
    ['visit', 'visitRate', (o) => visitRate(interactions, o)],
    ['communication', 'communicationRate', (o) => communicationRate(interactions, o)],
    ['service', 'serviceRate', (o) => serviceRate(interactions, o)],
    ['feedback', 'feedbackRate', (o) => feedbackRate(interactions, o)],
    ['complaint', 'complaintRate', (o) => complaintRate(interactions, o)],
  ];
  for (const [kind, name, run] of each) {
    if (!kinds.has(kind as Interaction['kind'])) continue;
    out.push(
      ...tryMetric(
        name,
        `${kind} interactions / customers in the base (${customers})`,
        skipped,
        () => run({ customers }),
      ),
    );
  }
  return out;
}

/** CSAT, NPS and CES of the survey responses, each over the responses of its kind. */
export function satisfactionMetrics(
  responses: readonly SurveyResponse[],
  skipped: SkippedStep[],
): DefinedMetric[] {
  const byKind = (k: SurveyResponse['kind']) => responses.filter((r) => r.kind === k);
  const out: DefinedMetric[] = [];
  const c = byKind('csat');
  if (c.length > 0) {
    const scale = c[0]!.scale;
    out.push(
      ...tryMetric(
        'csat',
        'share of CSAT responses at or above 4 on a 1–5 scale (top-two box)',
        skipped,
        () => csat(c, scale ? { scale } : {}),
      ),
    );
  }
  const n = byKind('nps');
  if (n.length > 0)
    out.push(
      ...tryMetric('nps', '% promoters (9–10) − % detractors (0–6), in [−100, 100]', skipped, () =>
        nps(n),
      ),
    );
  const e = byKind('ces');
  if (e.length > 0) {
    const scale = e[0]!.scale;
    out.push(
      ...tryMetric('ces', 'mean customer effort score', skipped, () =>
        ces(e, scale ? { scale } : {}),
      ),
    );
  }
  return out;
}
