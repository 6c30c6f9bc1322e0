import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { flattenMetrics, metricDeltas } from '../../src/report/deltas';
import { checkThresholds, parseThreshold } from '../../src/report/thresholds';

describe('parseThreshold', () => {
  it('runs its documented example', () => {
    expect(parseThreshold('churnRate > 0.3')).toEqual({
      source: 'churnRate > 0.3',
      metric: 'churnRate',
      operator: '>',
      value: 0.3,
    });
  });

  it('parses every operator, dotted names and percent values', () => {
    expect(parseThreshold('a>=1').operator).toBe('>=');
    expect(parseThreshold('a <= -2e1').value).toBe(-20);
    expect(parseThreshold('models.bgNbd.r != 0').metric).toBe('models.bgNbd.r');
    expect(parseThreshold('churnRate > 30%').value).toBe(0.3);
  });

  it('rejects malformed text with a typed error quoting it', () => {
    for (const bad of [
      'churnRate',
      '> 0.3',
      'churnRate => 0.3',
      'churnRate > x',
      'a > 1; rm -rf',
    ]) {
      expect(() => parseThreshold(bad)).toThrow(InvalidInputError);
      expect(() => parseThreshold(bad)).toThrow(JSON.stringify(bad));
    }
  });
});

describe('checkThresholds', () => {
  it('runs its documented example', () => {
    expect(checkThresholds(['churnRate > 0.3'], { churnRate: 0.41 })[0]!.breached).toBe(true);
  });

  it('reports value and threshold in the message, breached or not', () => {
    const [a, b] = checkThresholds(['churnRate > 0.3', 'aov < 10'], { churnRate: 0.41, aov: 25 });
    expect(a!.message).toBe('churnRate = 0.41 breaches churnRate > 0.3');
    expect(b!.breached).toBe(false);
    expect(b!.actual).toBe(25);
    // boundary: strict vs non-strict
    expect(checkThresholds(['x > 1'], { x: 1 })[0]!.breached).toBe(false);
    expect(checkThresholds(['x >= 1'], { x: 1 })[0]!.breached).toBe(true);
  });

  it('fails loudly on an unknown metric, listing the available names', () => {
    let err: unknown;
    try {
      checkThresholds(['churnRat > 0.3'], { churnRate: 0.2, aov: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).issues[0]!.code).toBe('unknown_metric');
    expect((err as Error).message).toContain('aov, churnRate');
    // inherited names are not metrics
    expect(() => checkThresholds(['constructor > 0'], {})).toThrow(InvalidInputError);
  });
});

describe('flattenMetrics / metricDeltas', () => {
  it('run their documented examples', () => {
    expect(flattenMetrics({ churnRate: 0.2, fit: { r: 1, ok: true } })).toEqual({
      churnRate: 0.2,
      'fit.r': 1,
    });
    expect(metricDeltas({ churnRate: 0.25 }, { churnRate: 0.2 })).toEqual([
      {
        metric: 'churnRate',
        current: 0.25,
        baseline: 0.2,
        delta: 0.04999999999999999,
        relative: 0.24999999999999994,
      },
    ]);
  });

  it('skips non-finite leaves and arrays, omits relative for a zero baseline, keeps only shared metrics', () => {
    expect(flattenMetrics({ a: Number.NaN, b: [1, 2], c: { d: 2 }, e: null })).toEqual({
      'c.d': 2,
    });
    // 10 − 0 = 10; relative undefined because the baseline is 0
    expect(metricDeltas({ x: 10, y: 1 }, { x: 0, z: 3 })).toEqual([
      { metric: 'x', current: 10, baseline: 0, delta: 10 },
    ]);
  });

  it('does not let a __proto__ key reach a prototype', () => {
    const flat = flattenMetrics(JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}'));
    expect(flat['__proto__.polluted']).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
