// The redirect allow list: the site URL's host, exact additional URLs and upstream's globs, where
// `*` never crosses a host label or reaches a query, fragment or user info.
import { describe, expect, it } from 'vitest';
import { type AuthSettings, safeRedirect } from './settings.ts';

const SITE = 'http://127.0.0.1:3000';
const settings = (additionalRedirectUrls: string[]) => ({ siteUrl: SITE, additionalRedirectUrls }) as AuthSettings;

describe('safeRedirect', () => {
  it('keeps targets on the site host and on listed URLs, else the site URL', () => {
    const s = settings(['https://app.example.com']);
    expect(safeRedirect(s, `${SITE}/welcome?x=1`), 'site host').toBe(`${SITE}/welcome?x=1`);
    expect(safeRedirect(s, 'https://app.example.com/cb'), 'listed origin').toBe('https://app.example.com/cb');
    expect(safeRedirect(s, 'https://app.example.com.evil.com/'), 'look-alike host').toBe(SITE);
    expect(safeRedirect(s, 'https://app.example.com@evil.com/'), 'user info').toBe(SITE);
    expect(safeRedirect(s, 'not a url'), 'garbage').toBe(SITE);
  });

  it('matches globs within a host label, never into a query, fragment or another host', () => {
    const s = settings(['https://*.example.com/**']);
    expect(safeRedirect(s, 'https://preview-1.example.com/cb'), 'a subdomain').toBe('https://preview-1.example.com/cb');
    expect(safeRedirect(s, 'https://evil.com?.example.com/'), 'host in front of a query').toBe(SITE);
    expect(safeRedirect(s, 'https://evil.com#.example.com/'), 'host in front of a fragment').toBe(SITE);
    expect(safeRedirect(s, 'https://evil.com\\.example.com/'), 'backslash').toBe(SITE);
    expect(safeRedirect(s, 'https://a.b.evil.com/.example.com/'), 'more labels').toBe(SITE);
  });
});
