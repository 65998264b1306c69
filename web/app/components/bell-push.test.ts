import { describe, expect, it } from 'vitest';
import { bellFromPush } from './bell-push.ts';

// As private.bell_of builds it (to_jsonb of the row's columns).
const row = (id: string, readAt: string | null = null) => ({
  id,
  event: 'booking_created',
  title: `New booking ${id}`,
  body: '',
  link: `/o/acme/p/p1/bookings/${id}`,
  created_at: '2026-12-07T10:05:00.123456+00:00',
  read_at: readAt,
});

describe('bellFromPush', () => {
  it('reads the pushed bell: the listed notifications and the unread count', () => {
    const bell = bellFromPush({ unread: 31, notifications: [row('n2'), row('n1', '2026-12-07T11:00:00+00:00')] }, 'u1');
    expect(bell).toEqual({
      userId: 'u1',
      unread: 31,
      notifications: [row('n2'), row('n1', '2026-12-07T11:00:00+00:00')],
    });
    expect(bellFromPush({ unread: 0, notifications: [] }, 'u1')).toEqual({
      userId: 'u1',
      unread: 0,
      notifications: [],
    });
  });

  it('keeps only the fields the bell shows', () => {
    const bell = bellFromPush({ unread: 1, notifications: [{ ...row('n1'), user_id: 'someone' }] }, 'u1');
    expect(bell?.notifications[0]).not.toHaveProperty('user_id');
  });

  it('ignores a payload that is not a bell', () => {
    for (const payload of [
      null,
      'bell',
      { unread: '3', notifications: [] },
      { unread: -1, notifications: [] },
      { unread: 1.5, notifications: [] },
      { unread: 1 },
      { unread: 1, notifications: [{ ...row('n1'), title: 3 }] },
      { unread: 1, notifications: [{ ...row('n1'), link: undefined }] },
      { unread: 1, notifications: [null] },
    ]) {
      expect(bellFromPush(payload, 'u1'), JSON.stringify(payload)).toBeNull();
    }
  });
});
