import { describe, expect, it } from 'vitest';
import { BELL_LIMIT, type BellData, foldNotification } from './notification-feed.ts';

const row = (id: string, createdAt: string, readAt: string | null = null) => ({
  id,
  user_id: 'u1',
  property_id: 'p1',
  event: 'booking_created',
  title: `New booking ${id}`,
  body: '',
  link: `/o/acme/p/p1/bookings/${id}`,
  created_at: createdAt,
  read_at: readAt,
});
const listed = (id: string, createdAt: string, readAt: string | null = null) => {
  const { user_id: _user, property_id: _property, ...notification } = row(id, createdAt, readAt);
  return notification as BellData['notifications'][number];
};
const bell = (notifications: BellData['notifications'], unread: number): BellData => ({
  userId: 'u1',
  notifications,
  unread,
});

describe('foldNotification', () => {
  it('puts a new notification on top, counts it unread and keeps only what the bell lists', () => {
    const before = bell(
      Array.from({ length: BELL_LIMIT }, (_, i) =>
        listed(`n${i}`, `2026-12-07T10:${String(59 - i).padStart(2, '0')}:00+00:00`),
      ),
      25,
    );
    const after = foldNotification(before, { eventType: 'INSERT', new: row('new', '2026-12-07T11:00:00.5+00:00') });
    if (after === 'read') throw new Error('folded');
    expect(after.unread).toBe(26);
    expect(after.notifications).toHaveLength(BELL_LIMIT);
    expect(after.notifications[0]?.id).toBe('new');
    expect(after.notifications[0]).not.toHaveProperty('user_id');
    expect(after.notifications.at(-1)?.id).toBe(`n${BELL_LIMIT - 2}`);
  });

  it('orders by creation, not by arrival, and counts a notification created read as read', () => {
    const before = bell([listed('late', '2026-12-07T10:05:00+00:00')], 1);
    const after = foldNotification(before, {
      eventType: 'INSERT',
      new: row('early', '2026-12-07T10:01:00+00:00', '2026-12-07T10:02:00+00:00'),
    });
    if (after === 'read') throw new Error('folded');
    expect(after.notifications.map((n) => n.id)).toEqual(['late', 'early']);
    expect(after.unread).toBe(1);
  });

  it('changes nothing for a notification it already lists (heard again after a read)', () => {
    const before = bell([listed('n1', '2026-12-07T10:05:00+00:00')], 1);
    expect(foldNotification(before, { eventType: 'INSERT', new: row('n1', '2026-12-07T10:05:00+00:00') })).toBe(before);
  });

  it('asks for a read for what only the server can count, and for a row it cannot trust', () => {
    const before = bell([listed('n1', '2026-12-07T10:05:00+00:00')], 1);
    expect(foldNotification(before, { eventType: 'UPDATE', new: row('n1', '2026-12-07T10:05:00+00:00', 'x') })).toBe(
      'read',
    );
    expect(foldNotification(before, { eventType: 'DELETE', new: {} })).toBe('read');
    expect(foldNotification(before, { eventType: 'INSERT', new: { ...row('n2', 'x'), title: 3 } })).toBe('read');
    expect(foldNotification(before, { eventType: 'INSERT', new: null })).toBe('read');
  });
});
