import { describe, expect, it } from 'vitest';
import { describeChoices } from './choices.ts';

describe('describeChoices', () => {
  it('reads a group’s rule', () => {
    expect(describeChoices({ required: true, min_choices: 1, max_choices: 1 })).toBe('Required: pick 1 option');
    expect(describeChoices({ required: true, min_choices: 1, max_choices: 3 })).toBe('Required: pick 1 to 3 options');
    expect(describeChoices({ required: false, min_choices: 0, max_choices: 2 })).toBe('Optional: up to 2 options');
    expect(describeChoices({ required: false, min_choices: 2, max_choices: 2 })).toBe('Optional: none, or 2 options');
  });
});
