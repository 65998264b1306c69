// What every widget step reads: the key's configuration, the page's prefill and locale, the API
// client, the page's texts (text.ts) and the bridge to the host page, from the /embed layout.
import { createContext, useContext } from 'react';
import type { WidgetApi, WidgetConfig } from './api.ts';
import type { Translate } from './text.ts';

export interface Prefill {
  from?: string | undefined;
  to?: string | undefined;
  date?: string | undefined;
  guests?: number | undefined;
  party?: number | undefined;
  name?: string | undefined;
  email?: string | undefined;
  reference?: string | undefined;
}

export interface EmbedContextValue {
  config: WidgetConfig;
  prefill: Prefill;
  locale: string;
  api: WidgetApi;
  /** The page's texts in its language (decision 044); read it through useWidgetText(). */
  t: Translate;
}

export const EmbedContext = createContext<EmbedContextValue | null>(null);

export function useEmbed(): EmbedContextValue {
  const value = useContext(EmbedContext);
  if (!value) throw new Error('useEmbed outside the /embed layout');
  return value;
}
