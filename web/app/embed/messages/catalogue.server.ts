// Picks the widget's language from the page's `locale` option (decision 044): its primary
// language subtag when Roost has a catalogue for it, else English. Server-only on purpose: the
// loader sends the one catalogue the page needs as data, so no language adds to the widget's
// JavaScript (decision 035's 100 KB budget).
import { de } from './de.ts';
import { type Catalogue, en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export const CATALOGUES = { en, de, fr, es } as const satisfies Record<string, Catalogue>;
export type WidgetLanguage = keyof typeof CATALOGUES;

/** The catalogue's language for a BCP 47 locale ("de-AT" → de, "pt-BR" → en, undefined → en). */
export function widgetLanguage(locale: string | undefined): WidgetLanguage {
  const language = (locale ?? '').split('-')[0]?.toLowerCase() ?? '';
  return Object.hasOwn(CATALOGUES, language) ? (language as WidgetLanguage) : 'en';
}

/** The texts of a locale's language, with its language code (the page's `lang`). */
export function widgetCatalogue(locale: string | undefined): { language: WidgetLanguage; messages: Catalogue } {
  const language = widgetLanguage(locale);
  return { language, messages: CATALOGUES[language] };
}
