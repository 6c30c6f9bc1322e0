import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors';
import { loadCustomers } from '../../src/load/customers';
import { loadInteractions } from '../../src/load/interactions';
import { loadSurveyResponses } from '../../src/load/surveys';
import { Customer, Interaction, SurveyResponse } from '../../src/schema/index';

describe('loadCustomers', () => {
  it('runs its documented example', async () => {
    const { records, stats, rejected } = await loadCustomers(
      [
        { id: 'C1', sex: '女', age: '34', plan: 'gold' },
        { id: 'C2', sex: 'M', age: '', plan: 'basic' },
        { id: 'C3', sex: '?', age: '-1', plan: 'basic' },
      ],
      { columns: { customerId: 'id', gender: 'sex' }, attributes: { plan: 'plan' } },
    );
    expect(records).toEqual([
      { customerId: 'C1', gender: 'female', age: 34, attributes: { plan: 'gold' } },
      { customerId: 'C2', gender: 'male', attributes: { plan: 'basic' } },
    ]);
    expect(stats).toEqual({ read: 3, accepted: 2, rejected: 1, duplicates: 0 });
    // The schema rule (age ≥ 0) comes from zod and is reported in our issue shape.
    expect(rejected[0]!.issues).toMatchObject([{ field: 'age', code: 'too_small', value: -1 }]);
    expect(rejected[0]!.issues[0]!.message).toMatch(
      /^loadCustomers: expected age to satisfy the schema \(.*\), received -1 \(row 2\)$/,
    );
  });

  it('rejects NaN attributes from a mapping and keeps unknown gender labels as unknown', async () => {
    const { records, rejected } = await loadCustomers(
      [
        { customerId: 'a', gender: 'X', total: ' ' },
        { customerId: 'b', gender: 'f', total: '12.5' },
      ],
      { attributes: { total: (r) => Number.parseFloat(String(r.total)) } },
    );
    expect(records).toEqual([{ customerId: 'b', gender: 'female', attributes: { total: 12.5 } }]);
    expect(rejected[0]!.issues).toMatchObject([
      { field: 'attributes.total', code: 'invalid_number' },
    ]);
    expect(Customer.safeParse(records[0]).success).toBe(true);
  });
});

describe('loadInteractions', () => {
  it('runs its documented example', async () => {
    const labels: Record<string, string> = { 到店: 'visit', 投诉: 'complaint' };
    const { records, rejected } = await loadInteractions(
      [
        { member: 'M1', at: '2024-05-01', type: '到店' },
        { member: 'M1', at: '2024-05-03', type: '投诉', via: 'phone' },
        { member: 'M2', at: '2024-05-04', type: 'refund' },
      ],
      {
        columns: {
          customerId: 'member',
          date: 'at',
          kind: (r) => labels[String(r.type)] ?? r.type,
          channel: 'via',
        },
      },
    );
    expect(records.map((r) => r.kind)).toEqual(['visit', 'complaint']);
    expect(records[1]).toEqual({
      customerId: 'M1',
      date: new Date('2024-05-03T00:00:00Z'),
      kind: 'complaint',
      channel: 'phone',
    });
    expect(rejected[0]!.issues[0]!.code).toBe('invalid_enum');
    expect(rejected[0]!.issues[0]!.message).toBe(
      'loadInteractions: expected kind one of visit, communication, service, feedback, complaint, inquiry, received "refund" (row 2)',
    );
    expect(Interaction.safeParse(records[0]).success).toBe(true);
  });

  it('matches kinds case-insensitively and requires them', async () => {
    const { records, rejected } = await loadInteractions([
      { customerId: 'a', date: '2024-01-01', kind: ' Visit ' },
      { customerId: 'a', date: '2024-01-01' },
    ]);
    expect(records[0]!.kind).toBe('visit');
    expect(rejected[0]!.issues).toMatchObject([{ field: 'kind', code: 'missing' }]);
  });
});

describe('loadSurveyResponses', () => {
  it('runs its documented example (wide form, 0 = not applicable)', async () => {
    const { records, stats, rejected } = await loadSurveyResponses(
      [
        { id: '1', Food: '4', Wifi: '0' },
        { id: '2', Food: '5', Wifi: '2' },
        { id: '3', Food: '9', Wifi: '1' },
      ],
      {
        columns: { customerId: 'id' },
        kind: 'csat',
        scale: { min: 1, max: 5 },
        questions: ['Food', 'Wifi'],
        notApplicable: [0],
      },
    );
    expect(records.map((r) => `${r.customerId}:${r.question}=${r.score}`)).toEqual([
      '1:Food=4',
      '2:Food=5',
      '2:Wifi=2',
    ]);
    expect(stats).toEqual({ read: 3, accepted: 2, rejected: 1, duplicates: 0, notApplicable: 1 });
    expect(rejected[0]!.issues).toMatchObject([
      { field: 'Food', code: 'out_of_range', value: '9' },
    ]);
    for (const r of records) expect(SurveyResponse.safeParse(r).success).toBe(true);
  });

  it('long form reads score and kind per row', async () => {
    const { records, rejected } = await loadSurveyResponses([
      { customerId: 'a', score: '9', kind: 'NPS', date: '2024-02-01' },
      { customerId: 'b', score: '', kind: 'nps' },
      { score: '3', kind: 'ces' },
    ]);
    expect(records).toEqual([
      { customerId: 'a', score: 9, kind: 'nps', date: new Date('2024-02-01T00:00:00Z') },
      { score: 3, kind: 'ces' },
    ]);
    expect(rejected[0]!.issues).toMatchObject([{ field: 'score', code: 'missing' }]);
  });

  it('long form counts "not applicable" scores instead of rejecting or dropping them', async () => {
    const { records, stats, rejected } = await loadSurveyResponses(
      [
        { customerId: 'a', score: '4' },
        { customerId: 'b', score: '0' }, // 0 = not applicable: accepted, no response, counted
        { customerId: 'c', score: '7' }, // outside 1-5: rejected
      ],
      { kind: 'csat', scale: { min: 1, max: 5 }, notApplicable: [0] },
    );
    expect(records).toEqual([
      { customerId: 'a', score: 4, kind: 'csat', scale: { min: 1, max: 5 } },
    ]);
    expect(stats).toEqual({ read: 3, accepted: 2, rejected: 1, duplicates: 0, notApplicable: 1 });
    expect(rejected[0]!.line).toBe(2);
  });

  it('rejects invalid options with a typed error', async () => {
    await expect(loadSurveyResponses([], { kind: 'stars' as never })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(loadSurveyResponses([], { scale: { min: 5, max: 1 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(loadSurveyResponses([], { questions: [] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('loadSurveyResponses: not applicable in long form', () => {
  it('accepts the row without a response and counts it', async () => {
    const { records, stats } = await loadSurveyResponses(
      [
        { customerId: 'a', score: '0' },
        { customerId: 'b', score: '4' },
        { customerId: 'c', score: ' N/A ' },
      ],
      { kind: 'csat', scale: { min: 1, max: 5 }, notApplicable: [0, 'N/A'] },
    );
    expect(records.map((r) => r.customerId)).toEqual(['b']);
    expect(stats).toEqual({ read: 3, accepted: 3, rejected: 0, duplicates: 0, notApplicable: 2 });
  });
});
