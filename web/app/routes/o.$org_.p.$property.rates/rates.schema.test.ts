import { describe, expect, it } from 'vitest';
import { AcceptSchema, boundsSchema, choiceValue, ratesPeriod } from './rates.schema.ts';

const TYPE = '7b0c6f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('rates schema', () => {
  it('reads bounds typed in the currency as minor units', () => {
    const parsed = boundsSchema('EUR').safeParse({
      resource_type_id: TYPE,
      floor: '80',
      ceiling: '140,50',
      step: '15.5',
    });
    expect(parsed.success && parsed.data).toEqual({
      resource_type_id: TYPE,
      floor: 8000,
      ceiling: 14050,
      step: 1550,
    });
    const yen = boundsSchema('JPY').safeParse({ resource_type_id: TYPE, floor: '8000', ceiling: '9000', step: '500' });
    expect(yen.success && yen.data.floor).toBe(8000);
  });

  it('refuses a ceiling below the floor, a zero step and what is not a price, on their fields', () => {
    const issues = (input: Record<string, string>) => {
      const parsed = boundsSchema('EUR').safeParse({
        resource_type_id: TYPE,
        floor: '80',
        ceiling: '140',
        step: '15',
        ...input,
      });
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]);
    };
    expect(issues({ ceiling: '79.99' })).toEqual(['ceiling']);
    expect(issues({ step: '0' })).toEqual(['step']);
    expect(issues({ floor: '-5' })).toEqual(['floor']);
    expect(issues({ floor: '80.123' })).toEqual(['floor']);
    expect(issues({ resource_type_id: 'x' })).toEqual(['resource_type_id']);
  });

  it('reads ticked suggestions back from their values and refuses others', () => {
    const value = choiceValue({ resource_type_id: TYPE, stay_date: '2026-12-24', suggested_minor: 11300 });
    expect(AcceptSchema.parse([value])).toEqual([
      { resource_type_id: TYPE, stay_date: '2026-12-24', price_minor: 11300 },
    ]);
    expect(AcceptSchema.safeParse([]).success).toBe(false);
    expect(AcceptSchema.safeParse([`${TYPE}|2026-02-30|100`]).success).toBe(false);
    expect(AcceptSchema.safeParse([`${TYPE}|2026-12-24|-1`]).success).toBe(false);
    expect(AcceptSchema.safeParse(['drop table']).success).toBe(false);
  });

  it('shows the next 30 nights unless the address asks for upcoming nights, at most 93', () => {
    const period = (query: string) => ratesPeriod(new URLSearchParams(query), '2026-12-06');
    expect(period('')).toEqual({ from: '2026-12-06', to: '2027-01-04' });
    expect(period('from=2026-12-10&to=2026-12-16')).toEqual({ from: '2026-12-10', to: '2026-12-16' });
    expect(period('from=2026-12-01&to=2026-12-16')).toEqual({ from: '2026-12-06', to: '2027-01-04' });
    expect(period('from=2026-12-06&to=2027-03-09')).toEqual({ from: '2026-12-06', to: '2027-01-04' });
    expect(period('from=2026-12-06&to=2027-03-08')).toEqual({ from: '2026-12-06', to: '2027-03-08' });
    expect(period('from=soon&to=later')).toEqual({ from: '2026-12-06', to: '2027-01-04' });
  });
});
