import { describe, expect, it } from 'vitest';
import { guestSearch, readGuestQuery } from './guest-query.ts';

const read = (search: string) => readGuestQuery(new URL(`http://x.test/o/a/guests${search}`));

describe('guest list query', () => {
  it('reads the search, the sort and the page', () => {
    expect(read('?q=%20Ana%20&sort=last_stay&page=3')).toEqual({ q: 'Ana', sort: 'last_stay', page: 3 });
  });

  it('falls back to the defaults for anything malformed', () => {
    expect(read('?sort=email&page=-2')).toEqual({ q: '', sort: 'name', page: 1 });
    expect(read('?page=abc')).toEqual({ q: '', sort: 'name', page: 1 });
    expect(read(`?q=${'x'.repeat(300)}`).q).toHaveLength(200);
  });

  it('keeps hostile characters as typed, encoded in the URL', () => {
    const q = '50% (Ltd), "Zed" *_\\';
    const search = guestSearch({ q, sort: 'name', page: 2 });
    expect(search).toBe(`?${new URLSearchParams({ q, page: '2' })}`);
    expect(read(search)).toEqual({ q, sort: 'name', page: 2 });
  });

  it('leaves out the defaults', () => {
    expect(guestSearch({ q: '', sort: 'name', page: 1 })).toBe('');
  });
});
