import { describe, expect, it } from 'vitest';
import { groupProblem, groupRule } from './modifier-rules.ts';

const size = { name: 'Size', required: true, min_choices: 1, max_choices: 1 };
const sauces = { name: 'Sauces', required: false, min_choices: 2, max_choices: 3 };
const extras = { name: 'Extras', required: false, min_choices: 0, max_choices: 2 };

describe('modifier rules', () => {
  it('describes each group', () => {
    expect(groupRule(size)).toBe('required, choose 1');
    expect(groupRule(sauces)).toBe('optional, up to 3');
    expect(groupRule({ ...extras, max_choices: 1 })).toBe('optional');
    expect(groupRule({ ...sauces, required: true })).toBe('required, choose 2 to 3');
  });

  it('refuses a required group left empty and counts outside min and max', () => {
    expect(groupProblem(size, 0)).toBe('Choose size.');
    expect(groupProblem(size, 1)).toBeNull();
    expect(groupProblem(size, 2)).toBe('Choose at most 1 for Size.');
    expect(groupProblem(sauces, 0), 'optional: none is fine').toBeNull();
    expect(groupProblem(sauces, 1)).toBe('Choose at least 2 for Sauces.');
    expect(groupProblem(sauces, 3)).toBeNull();
    expect(groupProblem(sauces, 4)).toBe('Choose at most 3 for Sauces.');
  });
});
