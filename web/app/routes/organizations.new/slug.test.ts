import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, suggestSlug } from './slug.ts';

describe('suggestSlug', () => {
  it('turns a name into a slug the database accepts', () => {
    expect(suggestSlug('Harbour Hotels')).toBe('harbour-hotels');
    expect(suggestSlug('  Café Zürich & Bar!  ')).toBe('cafe-zurich-and-bar');
    expect(suggestSlug('Ålesund — Fjord Lodge')).toBe('alesund-fjord-lodge');
    expect(suggestSlug('A'.repeat(60))).toBe('a'.repeat(48));
    expect(suggestSlug(`${'a'.repeat(47)} b`)).toBe('a'.repeat(47));
    for (const name of ['Harbour Hotels', 'Café Zürich & Bar!', `${'x'.repeat(47)}-y`, 'Ålesund — Fjord Lodge']) {
      expect(suggestSlug(name), name).toMatch(SLUG_PATTERN);
    }
  });

  it('gives nothing for a name without letters or digits (the slug field then asks for one)', () => {
    expect(suggestSlug('★ ☆')).toBe('');
    expect(suggestSlug('')).toBe('');
  });
});
