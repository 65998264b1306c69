// The widget pages' frame (/embed/stay, /embed/table, /embed/order, /embed/manage): no app chrome,
// loaded in an iframe by embed.js on a tenant's website. The loader reads the key's configuration
// from the public widget API and answers with `frame-ancestors` = the key's allowed origins (any
// other site gets a refused frame); the page then talks to the API with the key from the browser
// (no cookie, no storage) and posts its events and height to the host origin only when that
// origin is on the key's list (decision 035).
import {
  data,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Outlet, useLoaderData, useLocation } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { widgetApi } from '../../embed/api.ts';
import { BridgeContext, createBridge, useAutoHeight } from '../../embed/bridge.ts';
import { readWidgetConfig } from '../../embed/config.server.ts';
import { EmbedContext } from '../../embed/context.tsx';
import { embedSecurityHeaders } from '../../embed/headers.server.ts';
import { widgetCatalogue } from '../../embed/messages/catalogue.server.ts';
import { hostOrigin, readEmbedParams, safeLocale } from '../../embed/params.server.ts';
import { translator } from '../../embed/text.ts';
import { themeCss } from '../../embed/theme.ts';
import embedStyles from '../../styles/embed.css?url';
import { useNonce } from '../../utils/nonce.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: embedStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded && 'config' in loaded && loaded.config ? `Book · ${loaded.config.property.name}` : 'Booking' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = readEmbedParams(url.searchParams);
  // Only the page's language travels, as data (decision 044); a refusal is worded in it too.
  const { language, messages } = widgetCatalogue(params?.locale ?? url.searchParams.get('locale') ?? undefined);
  const apiUrl = context.browserEnv.SUPABASE_URL;
  const headersFor = (frameAncestors: readonly string[], stripe = false) =>
    embedSecurityHeaders({
      nonce: context.nonce,
      apiUrl,
      frameAncestors,
      development: process.env.NODE_ENV === 'development',
      stripe,
    });
  if (!params) {
    return data(
      { refusal: 'invalid_key' as string, config: null, language, messages },
      { status: 404, headers: headersFor([]) },
    );
  }
  const answer = await readWidgetConfig(apiUrl, params.key, url.origin);
  if ('refusal' in answer) {
    const status = answer.refusal.code === 'unavailable' ? 503 : 404;
    return data(
      { refusal: answer.refusal.code, config: null, language, messages },
      { status, headers: headersFor([]) },
    );
  }
  const { config } = answer;
  return data(
    {
      refusal: null,
      config,
      key: params.key,
      host: hostOrigin(params.origin, config.allowed_origins),
      locale: safeLocale(params.locale),
      language,
      messages,
      theme: params.theme,
      css: themeCss(params),
      prefill: {
        from: params.from,
        to: params.to,
        date: params.date,
        guests: params.guests,
        party: params.party,
        name: params.name,
        email: params.email,
        reference: params.reference,
      },
    },
    { headers: headersFor(config.allowed_origins, config.payments.mode === 'stripe') },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function EmbedFrame() {
  const loaded = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const root = useRef<HTMLDivElement>(null);
  const t = useMemo(() => translator(loaded.messages, loaded.language), [loaded.messages, loaded.language]);
  const widget = useLocation().pathname.split('/')[2] ?? 'widget';
  const host = 'host' in loaded ? loaded.host : null;
  const bridge = useMemo(() => {
    if (typeof window === 'undefined') return createBridge(null, null, widget);
    // Where the browser says the parent is (Chromium, Safari): it must be the origin claimed too.
    const ancestors = window.location.ancestorOrigins;
    const parent = ancestors && ancestors.length > 0 ? ancestors[0] : host;
    return createBridge(window.parent, parent === host ? host : null, widget);
  }, [host, widget]);
  const postHeight = useCallback((pixels: number) => bridge.height(pixels), [bridge]);
  useAutoHeight(root, postHeight);
  const config = loaded.config;
  const key = 'key' in loaded ? loaded.key : '';
  const api = useMemo(
    () => widgetApi(typeof window === 'undefined' ? '' : (window.ENV?.SUPABASE_URL ?? ''), key ?? ''),
    [key],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') bridge.close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge]);
  const announced = useRef(false);
  useEffect(() => {
    if (!config || announced.current) return;
    announced.current = true;
    bridge.emit('ready', { widget, property: config.property.name });
  }, [bridge, config, widget]);

  if (!config || !('prefill' in loaded)) {
    return (
      <div ref={root} className="roost-embed" lang={loaded.language}>
        <div className="w-card w-refusal" role="alert">
          <p>{t(loaded.refusal === 'unavailable' ? 'frame.refusal.unavailable' : 'frame.refusal.invalid_key')}</p>
        </div>
      </div>
    );
  }
  return (
    <div ref={root} className="roost-embed" data-theme={loaded.theme} lang={loaded.language}>
      {loaded.css ? <style nonce={nonce}>{loaded.css}</style> : null}
      <EmbedContext.Provider value={{ config, prefill: loaded.prefill, locale: loaded.locale, api, t }}>
        <BridgeContext.Provider value={bridge}>
          <Outlet />
        </BridgeContext.Provider>
      </EmbedContext.Provider>
      <p className="w-footer">{t.rich('frame.footer', { brand: <span className="w-footer-brand">Roost</span> })}</p>
    </div>
  );
}
