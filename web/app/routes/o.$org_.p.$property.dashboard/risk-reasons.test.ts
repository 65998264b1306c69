import { describe, expect, it } from 'vitest';
import { describeReason, parseReasons } from './risk-reasons.ts';

describe('risk reasons', () => {
  it('says each feature the way the booking differs from the usual one', () => {
    expect(describeReason({ feature: 'deposit_paid', contribution: 0.5, direction: 'lower' })).toBe('no deposit paid');
    expect(describeReason({ feature: 'log_lead_days', contribution: 1, direction: 'higher' })).toBe(
      'booked long in advance',
    );
    expect(describeReason({ feature: 'friday', contribution: 0.2, direction: 'higher' })).toBe('arrives on a Friday');
    expect(describeReason({ feature: 'something_new', contribution: 0.2, direction: 'higher' })).toBe('something new');
  });

  it('keeps only well-formed reasons, largest share first', () => {
    expect(
      parseReasons([
        { feature: 'party_size', contribution: 0.1, direction: 'higher' },
        { feature: 'log_previous_no_shows', contribution: 0.9, direction: 'higher' },
        { feature: 'x', contribution: 'a lot', direction: 'higher' },
        null,
      ]).map((reason) => reason.feature),
    ).toEqual(['log_previous_no_shows', 'party_size']);
    expect(parseReasons('nope')).toEqual([]);
  });
});
