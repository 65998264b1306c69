import { describe, expect, it } from 'vitest';
import { edgeStep, MAX_STEP } from './auto-scroll.ts';
import { readWindow } from './grid.schema.ts';
import { barAt, barsByResource, freeSpan, gridRows, movedStay, resizedStay, visibleRange } from './grid-model.ts';

const room = (id: string, typeId: string) => ({ id, name: id, typeId, typeName: `Type ${typeId}` });

describe('booking grid model', () => {
  it('puts a heading before each resource type', () => {
    const rows = gridRows([room('101', 'a'), room('102', 'a'), room('201', 'b')]);
    expect(rows.map((row) => row.key)).toEqual(['type:a', '101', '102', 'type:b', '201']);
    expect(rows[0]).toMatchObject({ kind: 'type', count: 2 });
  });

  it('clips bars to the window and finds the bar of a day', () => {
    const bookings = [
      { id: 'early', resourceId: 'r', arrival: '2026-12-08', departure: '2026-12-12' },
      { id: 'late', resourceId: 'r', arrival: '2026-12-20', departure: '2026-12-30' },
      { id: 'outside', resourceId: 'r', arrival: '2026-12-01', departure: '2026-12-10' },
    ];
    const bars = barsByResource(bookings, '2026-12-10', 14).get('r') ?? [];
    expect(
      bars.map(({ booking, start, span, clippedStart, clippedEnd }) => [
        booking.id,
        start,
        span,
        clippedStart,
        clippedEnd,
      ]),
    ).toEqual([
      ['early', 0, 2, true, false],
      ['late', 10, 4, false, true],
    ]);
    expect(barAt(bars, 1)?.booking.id).toBe('early');
    expect(barAt(bars, 2)).toBeUndefined();
  });

  it('keeps the length of a stay when it moves', () => {
    const stay = { id: 'b', resourceId: 'r', arrival: '2026-12-30', departure: '2027-01-02' };
    expect(movedStay(stay, '2026-12-28', 5)).toEqual({ arrival: '2027-01-02', departure: '2027-01-05' });
  });

  it('renders a bounded slice of rows', () => {
    expect(visibleRange(0, 480, 48, 230)).toEqual({ first: 0, last: 16 });
    expect(visibleRange(4800, 480, 48, 230)).toEqual({ first: 94, last: 116 });
    expect(visibleRange(99_999, 480, 48, 230).last).toBe(229);
  });

  it('reads the window from the URL with safe defaults', () => {
    expect(readWindow(new URLSearchParams('from=2026-02-30&days=9'), '2026-12-06')).toEqual({
      from: '2026-12-06',
      days: 14,
      query: '',
    });
    expect(readWindow(new URLSearchParams('from=2026-12-01&days=31&q=%20Ada%20'), '2026-12-06')).toEqual({
      from: '2026-12-01',
      days: 31,
      query: 'Ada',
    });
  });

  it('resizes a stay by its end, keeping at least one night', () => {
    const stay = { id: 'b', resourceId: 'r', arrival: '2026-12-10', departure: '2026-12-12' };
    expect(resizedStay(stay, 4)).toEqual({ arrival: '2026-12-10', departure: '2026-12-14' });
    expect(resizedStay(stay, 0)).toEqual({ arrival: '2026-12-10', departure: '2026-12-11' });
  });

  it('scrolls only near the edges of the area under the sticky headers, faster closer', () => {
    const box = { left: 0, top: 0, right: 1000, bottom: 600 };
    const insets = { left: 128, top: 52 };
    expect(edgeStep(500, 300, box, insets)).toEqual({ dx: 0, dy: 0 });
    expect(edgeStep(995, 300, box, insets).dx).toBeGreaterThan(0);
    expect(edgeStep(140, 300, box, insets).dx).toBeLessThan(0);
    expect(edgeStep(500, 60, box, insets).dy).toBeLessThan(0);
    expect(edgeStep(500, 590, box, insets).dy).toBeGreaterThan(0);
    expect(Math.abs(edgeStep(1100, 300, box, insets).dx)).toBe(MAX_STEP);
    expect(edgeStep(960, 300, box, insets).dx).toBeLessThan(edgeStep(990, 300, box, insets).dx);
  });

  it('clamps a picked span to the free days from its anchor', () => {
    // Days 3–4 booked, day 8 out of service, a 10-day window.
    const taken = (day: number) => day === 3 || day === 4 || day === 8;
    expect(freeSpan(5, 7, 10, taken), 'all free').toEqual({ first: 5, last: 7 });
    expect(freeSpan(5, 9, 10, taken), 'stops before the block').toEqual({ first: 5, last: 7 });
    expect(freeSpan(0, 6, 10, taken), 'stops before the booking').toEqual({ first: 0, last: 2 });
    expect(freeSpan(7, 2, 10, taken), 'leftwards, stops after the booking').toEqual({ first: 5, last: 7 });
    expect(freeSpan(9, 14, 10, taken), 'clamped to the window').toEqual({ first: 9, last: 9 });
    expect(freeSpan(1, -3, 10, taken), 'clamped to its start').toEqual({ first: 0, last: 1 });
    expect(freeSpan(2, 3, 10, taken), 'next day taken: one night').toEqual({ first: 2, last: 2 });
    expect(freeSpan(6, 6, 10, taken), 'no move').toEqual({ first: 6, last: 6 });
  });
});
