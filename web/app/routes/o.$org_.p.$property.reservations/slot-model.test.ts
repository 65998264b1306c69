import { describe, expect, it } from 'vitest';
import { readDraft } from './reservations.schema.ts';
import {
  clock,
  DEFAULT_MINUTES,
  durationChoices,
  formatLength,
  pickedSlots,
  reservationAt,
  resizedMinutes,
  serviceHours,
} from './slot-model.ts';

describe('reservation book model', () => {
  it('shows lunch to late evening, widened to whole hours around what is booked', () => {
    expect(serviceHours([])).toEqual({ open: 660, close: 1380 });
    expect(
      serviceHours([
        { start: 9 * 60 + 30, end: 10 * 60 },
        { start: 23 * 60, end: 24 * 60 + 20 },
      ]),
    ).toEqual({
      open: 540,
      close: 1500,
    });
  });

  it('writes clock times and lengths', () => {
    expect(clock(19 * 60 + 5)).toBe('19:05');
    expect(clock(24 * 60 + 30)).toBe('00:30');
    expect(formatLength(90)).toBe('1 h 30 min');
    expect(formatLength(45)).toBe('45 min');
    expect(formatLength(120)).toBe('2 h');
  });

  it('turns a drag over slots into a start and a length, a tap into the usual length', () => {
    const open = 11 * 60;
    expect(pickedSlots(37, 32, open, true)).toEqual({ start: 19 * 60, minutes: 90 });
    expect(pickedSlots(32, 32, open, false)).toEqual({ start: 19 * 60, minutes: DEFAULT_MINUTES });
    expect(resizedMinutes(19 * 60, 36, open)).toBe(75);
    expect(resizedMinutes(19 * 60, 10, open)).toBe(15);
  });

  it('finds the reservation covering a slot', () => {
    const row = [{ id: 'a', start: 19 * 60, end: 20 * 60 + 30 }];
    expect(reservationAt(row, 32, 660)?.id).toBe('a');
    expect(reservationAt(row, 37, 660)?.id).toBe('a');
    expect(reservationAt(row, 38, 660)).toBeUndefined();
    expect(reservationAt(row, 31, 660)).toBeUndefined();
  });

  it('offers the current length among the durations', () => {
    expect(durationChoices(95)).toContain(95);
    expect(durationChoices(90).filter((m) => m === 90)).toHaveLength(1);
  });

  it('reads a draft from the URL only for a known table and a real time', () => {
    const ids = ['t1'];
    const read = (query: string) => readDraft(new URLSearchParams(query), ids);
    expect(read('table=t1&time=19:00&minutes=75&party=3')).toEqual({
      resourceId: 't1',
      time: '19:00',
      minutes: 75,
      party: 3,
    });
    expect(read('table=t1&time=19:00&minutes=5000')).toMatchObject({ minutes: DEFAULT_MINUTES, party: 0 });
    expect(read('table=t9&time=19:00')).toBeNull();
    expect(read('table=t1&time=25:00')).toBeNull();
  });
});
