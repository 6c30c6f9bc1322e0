import { describe, expect, it } from 'vitest';
import * as core from '../../src/index';
import * as nodeLoaders from '../../src/load/node';
import * as node from '../../src/node';

describe('entry points', () => {
  it('the node entry exports the file-aware loaders, overriding the core ones of the same name', () => {
    const pairs = [
      [node.loadTransactions, nodeLoaders.loadTransactions, core.loadTransactions],
      [node.loadCustomers, nodeLoaders.loadCustomers, core.loadCustomers],
      [node.loadInteractions, nodeLoaders.loadInteractions, core.loadInteractions],
      [node.loadSurveyResponses, nodeLoaders.loadSurveyResponses, core.loadSurveyResponses],
      [node.streamTransactions, nodeLoaders.streamTransactions, core.streamTransactions],
    ] as const;
    for (const [fromNode, fileAware, fromCore] of pairs) {
      expect(fromNode).toBe(fileAware);
      expect(fromCore).toBeTypeOf('function');
      expect(fromCore).not.toBe(fileAware);
    }
  });

  it('the core entry exports the coercers and prep helpers', () => {
    const fns = [
      core.parseNumber,
      core.parseDate,
      core.normalizeId,
      core.normalizeGender,
      core.dropMissing,
      core.dedupe,
      core.oneHot,
      core.minMaxScale,
      core.zScore,
      core.isMissing,
    ];
    for (const f of fns) expect(f).toBeTypeOf('function');
  });
});

describe('field lists and defaults (documented examples)', () => {
  it('name the mappable fields, required first', () => {
    expect(core.TRANSACTION_FIELDS.required).toEqual(['customerId', 'date', 'amount']);
    expect(core.CUSTOMER_FIELDS.required).toEqual(['customerId']);
    expect(core.INTERACTION_FIELDS.required).toEqual(['customerId', 'date', 'kind']);
    expect(core.SURVEY_FIELDS.optional).toEqual(['customerId', 'date', 'kind', 'question']);
    expect(core.LOAD_DEFAULTS.onError).toBe('collect');
  });
});
