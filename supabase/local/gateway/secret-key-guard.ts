// Secret keys never work from a browser, as on hosted Supabase: its gateway matches the request's
// User-Agent and answers 401 to a browser that sends an `sb_secret_…` key (in `apikey`, the
// `apikey` query parameter or `Authorization: Bearer`). A leaked secret key pasted into a web page
// then fails loudly instead of reading everything past RLS with CORS allowed for that page.
// Only the opaque secret key is refused; the legacy service_role JWT is not (hosted does the same).
import type { IncomingMessage } from 'node:http';
import type { CallerInput } from './resolve-caller.ts';

/** Every browser's User-Agent starts with `Mozilla/` (Chromium, Firefox, Safari, Edge). */
const BROWSER_USER_AGENT = /^Mozilla\//;

export function isBrowserUserAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && BROWSER_USER_AGENT.test(userAgent.trim());
}

function carriesSecretKey(input: CallerInput, secretKey: string): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(input.authorization?.trim() ?? '')?.[1];
  return input.apikey?.trim() === secretKey || bearer === secretKey;
}

/** The gateway's 401 when a browser sends the secret key, else null. */
export function refuseSecretKeyFromBrowser(
  req: IncomingMessage,
  input: CallerInput,
  secretKey: string,
): { message: string; hint: string } | null {
  if (!carriesSecretKey(input, secretKey) || !isBrowserUserAgent(req.headers['user-agent'])) return null;
  return {
    message: 'Forbidden use of secret API key in browser',
    hint: 'Secret API keys can only be used in a protected environment (a server), never in a browser. Use the publishable key there.',
  };
}
