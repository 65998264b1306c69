import { describe, expect, it } from 'vitest';
import { othersOn, peopleIn, presenceSentence } from './presence.ts';

const sam = 'u-sam';
const ana = 'u-ana';
const me = 'u-me';

describe('presence', () => {
  const state = {
    [sam]: [
      { name: 'Sam Desk', role: 'staff', screen: 'booking', id: 'b1', presence_ref: '1' },
      // The same booking in a second tab, and a folio in a third.
      { name: 'Sam Desk', role: 'staff', screen: 'booking', id: 'b1', presence_ref: '2' },
      { name: 'Sam Desk', role: 'staff', screen: 'folio', id: 'f1', presence_ref: '3' },
    ],
    [ana]: [{ name: 'Ana Night', screen: 'booking', id: 'b1' }],
    [me]: [{ name: 'Me', screen: 'booking', id: 'b1' }],
    'u-bad': [{ name: 'Broken', screen: 'kitchen', id: 'x' }, null, 'text'],
  };

  it('reads one entry per person and thing open, skipping malformed metas', () => {
    const people = peopleIn(state, me);
    expect(people.map((p) => `${p.name}:${p.screen}:${p.id}:${p.isMe}`)).toEqual([
      'Ana Night:booking:b1:false',
      'Me:booking:b1:true',
      'Sam Desk:booking:b1:false',
      'Sam Desk:folio:f1:false',
    ]);
    expect(people.find((p) => p.userId === sam)?.role).toBe('staff');
    expect(people.find((p) => p.userId === ana)).not.toHaveProperty('role');
  });

  it('lists the others on one thing, never the signed-in user, once each', () => {
    const people = peopleIn(state, me);
    expect(othersOn(people, 'booking', 'b1').map((p) => p.userId)).toEqual([ana, sam]);
    expect(othersOn(people, 'folio', 'f1').map((p) => p.name)).toEqual(['Sam Desk']);
    expect(othersOn(people, 'booking', 'b2')).toEqual([]);
  });

  it('says who in a sentence', () => {
    expect(presenceSentence([], 'booking')).toBeNull();
    expect(presenceSentence(['Sam Desk'], 'booking')).toBe('Sam Desk also has this booking open');
    expect(presenceSentence(['Sam Desk', 'Ana Night'], 'booking')).toBe(
      'Sam Desk and Ana Night are also looking at this booking',
    );
    expect(presenceSentence(['A', 'B', 'C'], 'folio')).toBe('A, B and C are also looking at this folio');
    expect(presenceSentence(['A', 'B', 'C', 'D', 'E'], 'table')).toBe(
      'A, B and 3 others are also looking at this table',
    );
  });
});
