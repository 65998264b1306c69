import { describe, expect, it } from 'vitest';
import { de } from '../../embed/messages/de.ts';
import { en } from '../../embed/messages/en.ts';
import { translator } from '../../embed/text.ts';
import { dayOffset, isFinal, orderProgress, progressLabel } from './progress.ts';

describe('order progress', () => {
  it('maps the kitchen states to steps, closed as the last one', () => {
    expect(['submitted', 'preparing', 'ready', 'served', 'closed'].map(orderProgress)).toEqual([0, 1, 2, 3, 3]);
    expect(orderProgress('awaiting_payment')).toBe(-1);
    expect(orderProgress('voided')).toBe(-1);
  });

  it('says where the order is in words that follow the mode', () => {
    const t = translator(en, 'en');
    expect(progressLabel('ready', 'takeaway', t)).toBe('Ready for pickup.');
    expect(progressLabel('ready', 'room_service', t)).toBe('Ready, on its way to your room.');
    expect(progressLabel('expired', 'takeaway', t)).toContain('nothing was ordered');
    expect(progressLabel('preparing', 'takeaway', translator(de, 'de'))).toBe('Wird zubereitet.');
  });

  it('stops asking once nothing changes any more', () => {
    expect(isFinal('served')).toBe(true);
    expect(isFinal('expired')).toBe(true);
    expect(isFinal('preparing')).toBe(false);
  });

  it('counts days in the property’s time zone', () => {
    const now = new Date('2026-12-06T23:30:00Z');
    // 23:30 UTC is already the 7th in Tokyo, still the 6th in Lisbon.
    expect(dayOffset('2026-12-07T00:30:00Z', 'Europe/Lisbon', now)).toBe(1);
    expect(dayOffset('2026-12-07T00:30:00Z', 'Asia/Tokyo', now)).toBe(0);
  });
});
