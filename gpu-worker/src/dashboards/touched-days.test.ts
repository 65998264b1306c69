import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSpan, type DaySpan, MAX_SPANS, parseChange } from './touched-days.ts';

const PROPERTY = 'C0000000-0000-4000-8000-000000000001';

describe('parseChange', () => {
  it('reads a bare property id and a booking stay', () => {
    expect(parseChange(PROPERTY)).toEqual({ propertyId: PROPERTY.toLowerCase() });
    expect(parseChange(`${PROPERTY} 2026-12-06 2026-12-08`)).toEqual({
      propertyId: PROPERTY.toLowerCase(),
      span: { from: '2026-12-06', to: '2026-12-08' },
    });
  });

  it('refuses what it does not understand', () => {
    for (const payload of [
      '',
      'not-a-uuid',
      `${PROPERTY} 2026-12-06`,
      `${PROPERTY} 2026-12-08 2026-12-06`,
      `${PROPERTY} 06/12/2026 08/12/2026`,
      `${PROPERTY} 2026-12-06 2026-12-08 extra`,
      `${PROPERTY}  2026-12-06 2026-12-08`,
    ]) {
      expect(parseChange(payload), payload).toBeNull();
    }
  });
});

describe('addSpan', () => {
  it('merges overlapping and adjacent stays and keeps apart ones apart, sorted', () => {
    let spans: DaySpan[] = [];
    spans = addSpan(spans, { from: '2026-12-10', to: '2026-12-12' });
    spans = addSpan(spans, { from: '2026-12-01', to: '2026-12-02' });
    spans = addSpan(spans, { from: '2026-12-13', to: '2026-12-14' });
    expect(spans).toEqual([
      { from: '2026-12-01', to: '2026-12-02' },
      { from: '2026-12-10', to: '2026-12-14' },
    ]);
    expect(addSpan(spans, { from: '2026-12-02', to: '2026-12-11' })).toEqual([
      { from: '2026-12-01', to: '2026-12-14' },
    ]);
    expect(spans, 'the input is left as it was').toHaveLength(2);
  });

  it('always covers every day it was given, in at most MAX_SPANS spans', () => {
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
    const span = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), (given) => {
        const spans = given.reduce<DaySpan[]>((acc, next) => addSpan(acc, next), []);
        expect(spans.length).toBeLessThanOrEqual(MAX_SPANS);
        for (const g of given) {
          expect(spans.some((s) => s.from <= g.from && s.to >= g.to)).toBe(true);
        }
        for (let k = 1; k < spans.length; k++) {
          expect((spans[k - 1] as DaySpan).to < (spans[k] as DaySpan).from).toBe(true);
        }
      }),
    );
  });
});
