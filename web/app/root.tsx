import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { ErrorPage } from './components/error-page.tsx';
import stylesheet from './styles/app.css?url';
import { useNonce } from './utils/nonce.tsx';

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  { rel: 'stylesheet', href: stylesheet },
];

export const meta: MetaFunction = () => [{ title: 'Roost' }];

export function loader({ context }: LoaderFunctionArgs) {
  const claims = context.claims;
  return {
    // The browser allow-list only (shared/settings.ts browserSettings): for the browser client.
    ENV: context.browserEnv,
    user: claims?.sub ? { email: String(claims.email ?? '') } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>('root');
  // The guest widgets run in third-party frames where sessionStorage throws (third-party cookies
  // blocked); they never navigate, so they go without scroll restoration (decision 035).
  const embedded = useLocation().pathname.startsWith('/embed/');
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <script
          nonce={nonce}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON of the browser allow-list, escaped for a script.
          dangerouslySetInnerHTML={{
            __html: `window.ENV = ${JSON.stringify(data?.ENV ?? null).replace(/</g, '\\u003c')}`,
          }}
        />
        {embedded ? null : <ScrollRestoration nonce={nonce} />}
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}
