import { describe, expect, it } from 'vitest';
import { tableSituation } from './table-states.ts';

const now = new Date('2026-12-06T19:00:00Z');
const booking = (fields: Partial<Parameters<typeof tableSituation>[1][number]>) => ({
  id: 'b1',
  resourceId: 't1',
  status: 'confirmed',
  startsAt: '2026-12-06T19:30:00.000Z',
  endsAt: '2026-12-06T21:00:00.000Z',
  partySize: 2,
  guestName: null,
  ...fields,
});

describe('tableSituation', () => {
  it('is free without bookings or orders', () => {
    expect(tableSituation('t1', [], [], now).state).toBe('free');
  });
  it('is reserved soon for a booking within the hour, free with a later one as next', () => {
    expect(tableSituation('t1', [booking({})], [], now).state).toBe('reserved');
    const later = tableSituation('t1', [booking({ startsAt: '2026-12-06T20:30:00.000Z' })], [], now);
    expect(later.state).toBe('free');
    expect(later.next?.id).toBe('b1');
  });
  it('stays reserved for a guest who is late, and forgets a booking that is over', () => {
    expect(tableSituation('t1', [booking({ startsAt: '2026-12-06T18:45:00.000Z' })], [], now).state).toBe('reserved');
    const over = booking({ startsAt: '2026-12-06T17:00:00.000Z', endsAt: '2026-12-06T18:30:00.000Z' });
    expect(tableSituation('t1', [over], [], now).state).toBe('free');
  });
  it('is seated when checked in, ordering with an open order', () => {
    expect(tableSituation('t1', [booking({ status: 'checked_in' })], [], now).state).toBe('seated');
    const ordering = tableSituation(
      't1',
      [],
      [{ id: 'o1', resourceId: 't1', status: 'submitted', billRequestedAt: null }],
      now,
    );
    expect(ordering).toMatchObject({ state: 'ordering', orderStatus: 'submitted', orderId: 'o1' });
  });
  it('shows the bill requested when any open check of the table asked for it', () => {
    const orders = [
      { id: 'o1', resourceId: 't1', status: 'preparing', billRequestedAt: null },
      { id: 'o2', resourceId: 't1', status: 'served', billRequestedAt: '2026-12-06T18:55:00.000Z' },
    ];
    expect(tableSituation('t1', [booking({ status: 'checked_in' })], orders, now)).toMatchObject({
      state: 'bill',
      orderStatus: 'served',
      orderId: 'o2',
    });
  });
  it('ignores other tables', () => {
    expect(tableSituation('t2', [booking({ status: 'checked_in' })], [], now).state).toBe('free');
  });
});
