import { describe, expect, it } from 'vitest';
import * as metrics from '../../src/metrics/index';

describe('metrics barrel', () => {
  it('exports every public name of DESIGN.md and issue 3 as a function', () => {
    const names = [
      // DESIGN.md
      'csat',
      'nps',
      'ces',
      'churnRate',
      'retentionRate',
      'conversionRate',
      'repeatPurchaseRate',
      'purchaseFrequency',
      'averageOrderValue',
      'averageRevenuePerCustomer',
      'returnRate',
      'visitRate',
      'communicationRate',
      'serviceRate',
      'feedbackRate',
      'complaintRate',
      'simpleClv',
      'discountedClv',
      'cohortRetention',
      'metricsByPeriod',
      // issue 3: seed forms, reach forms, transaction churn, historical CLV
      'csatMeanScore',
      'repeatPurchasesPerCustomer',
      'customerValuePerPeriod',
      'historicalClv',
      'suggestionAdoptionRate',
      'churnByPeriod',
      'visitReach',
      'communicationReach',
      'serviceReach',
      'feedbackReach',
      'complaintReach',
    ];
    const api = metrics as Record<string, unknown>;
    expect(names.filter((n) => typeof api[n] !== 'function')).toEqual([]);
  });

  it('keeps internal helpers private', () => {
    const api = metrics as Record<string, unknown>;
    for (const internal of ['buildLedger', 'bucket', 'flows', 'calendar', 'readScores', 'tally']) {
      expect(api[internal], internal).toBeUndefined();
    }
  });
});
