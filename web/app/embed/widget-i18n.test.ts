// The widget catalogue (decision 044): every language has every English key with the same
// placeholders and plural shape; a locale picks its language or falls back to English; the
// translator fills placeholders, picks plural forms per language and maps API codes to texts.
import { createElement, isValidElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { guestLanguage, WidgetApiError } from './api.ts';
import { CATALOGUES, widgetCatalogue, widgetLanguage } from './messages/catalogue.server.ts';
import { en, type Message, type MessageKey } from './messages/en.ts';
import { errorKey, translator } from './text.ts';

const placeholders = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')))].sort();
};

describe('widget catalogue', () => {
  const englishKeys = Object.keys(en).sort();

  it('has English and at least German, French and Spanish', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(['de', 'en', 'es', 'fr']);
    expect(englishKeys.length).toBeGreaterThan(100);
  });

  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language}: every key, non-empty, with English's placeholders and plural shape`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(englishKeys);
      for (const key of englishKeys as MessageKey[]) {
        const message = catalogue[key];
        const english = en[key];
        expect(typeof message, key).toBe(typeof english);
        const texts = typeof message === 'string' ? [message] : [message.one, message.other];
        for (const text of texts) expect(text?.trim().length, key).toBeGreaterThan(0);
        expect(placeholders(message), key).toEqual(placeholders(english));
      }
    });
  }

  it('translates, not copies: most German texts differ from the English ones', () => {
    const same = (englishKeys as MessageKey[]).filter(
      (key) => JSON.stringify(CATALOGUES.de[key]) === JSON.stringify(en[key]),
    );
    expect(same.length).toBeLessThan(englishKeys.length / 20);
  });
});

describe('language from the locale option', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['DE-ch', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['en-US', 'en'],
    ['pt-BR', 'en'],
    ['it', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['constructor', 'en'],
    ['__proto__', 'en'],
  ])('%s → %s', (locale, language) => {
    expect(widgetLanguage(locale)).toBe(language);
    expect(widgetCatalogue(locale).messages).toBe(CATALOGUES[language as keyof typeof CATALOGUES]);
  });
});

describe('translator', () => {
  const de = translator(CATALOGUES.de, 'de');
  const fr = translator(CATALOGUES.fr, 'fr');
  const english = translator(en, 'en');

  it('fills placeholders and picks plural forms by the language’s rules', () => {
    expect(de('stay.guestCount', { count: 1 })).toBe('1 Gast');
    expect(de('stay.guestCount', { count: 3 })).toBe('3 Gäste');
    expect(english('stay.nightCount', { count: 1 })).toBe('1 night');
    expect(english('stay.nightCount', { count: 0 })).toBe('0 nights');
    // French counts 0 as singular.
    expect(fr('stay.nightCount', { count: 0 })).toBe('0 nuit');
    expect(de('guest.terms', { property: 'Harbour View' })).toBe(
      'Ich akzeptiere die Buchungsbedingungen und die Stornierungsbedingungen von Harbour View.',
    );
    expect(de.language).toBe('de');
  });

  it('leaves a missing variable visible and reads an unknown key as itself', () => {
    expect(english('payment.pay')).toBe('Pay {amount}');
    expect(english('no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('puts elements into rich texts', () => {
    const node = de.rich('stay.reference', { reference: createElement('strong', null, 'R-1') });
    expect(isValidElement(node)).toBe(true);
    expect(renderToStaticMarkup(node as ReactElement)).toBe('Buchungsnummer <strong>R-1</strong>');
  });

  it('maps API codes to texts, unknown codes to a general one and no answer to the network’s', () => {
    const failure = (code: string) => new WidgetApiError(code, 'english message from the API', 400);
    expect(de(errorKey(failure('hold_expired')))).toBe(CATALOGUES.de['error.hold_expired']);
    expect(errorKey(failure('outside_service_hours'))).toBe('error.outside_service_hours');
    expect(errorKey(failure('widget_key_revoked'))).toBe('error.widget_key');
    expect(errorKey(failure('something_new'))).toBe('error.unexpected');
    expect(errorKey(new TypeError('Failed to fetch'))).toBe('error.network');
  });
});

describe('guestLanguage', () => {
  it('gives the guest profile the page locale’s language tag, or none', () => {
    expect(guestLanguage('de-DE')).toBe('de-DE');
    expect(guestLanguage('de')).toBe('de');
    expect(guestLanguage('es-419')).toBe('es');
    expect(guestLanguage('zh-Hant-TW')).toBe('zh');
    expect(guestLanguage('en-GB-u-ca-gregory')).toBe('en-GB');
    expect(guestLanguage('')).toBeUndefined();
    expect(guestLanguage('x-private')).toBeUndefined();
  });
});
