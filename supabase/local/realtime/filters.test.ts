// Column filters of postgres_changes against WAL text values: numbers, booleans, times, lists.
import { describe, expect, it } from 'vitest';
import { parseFilter, passesFilter } from './filters.ts';

const passes = (filter: string, value: string | null) => {
  const parsed = parseFilter(filter);
  if (!parsed) throw new Error('no filter');
  return passesFilter(parsed, { c: value });
};

describe('postgres_changes filters', () => {
  it('compares numbers, booleans and timestamps by value', () => {
    expect(passes('c=gt.9', '10'), 'numbers compare numerically').toBe(true);
    expect(passes('c=eq.true', 't'), 'true matches t').toBe(true);
    expect(passes('c=eq.false', 't'), 'false does not match t').toBe(false);
    expect(passes('c=gt.2026-11-22T00:00:00Z', '2026-11-22 08:00:00.12+00'), 'timestamptz after').toBe(true);
    expect(passes('c=lt.2026-11-22T00:00:00Z', '2026-11-22 08:00:00+00'), 'timestamptz not before').toBe(false);
    expect(passes('c=gte.2026-11-22', '2026-11-22'), 'dates').toBe(true);
    expect(passes('c=in.(a,"b c")', 'b c'), 'in with a quoted value').toBe(true);
    expect(passes('c=neq.a', null), 'NULL matches nothing').toBe(false);
  });

  it('refuses filters it cannot read', () => {
    expect(() => parseFilter('c=like.x'), 'unknown operator').toThrow(/Error parsing filter params/);
    expect(() => parseFilter('no operator'), 'no operator').toThrow(/Error parsing filter params/);
    expect(() => parseFilter('c=in.a,b'), 'in without a list').toThrow(/in needs a list/);
  });
});
