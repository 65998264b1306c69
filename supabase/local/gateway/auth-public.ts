// The Auth endpoints that need no database: `GET /.well-known/jwks.json`, `/health`, `/settings`.
// Every other Auth path answers 501 until Auth itself is built; it will wrap this service.
import type { ServerResponse } from 'node:http';
import type { ProjectConfig } from '../config.ts';
import { publicJwks } from '../keys.ts';
import { sendJson } from './http.ts';
import { notImplementedBody, type Service, type ServiceContext } from './services.ts';

export const AUTH_VERSION = 'v2-roost-local';
const API_VERSION_HEADER = 'x-supabase-api-version';

const OAUTH_PROVIDERS = [
  'apple',
  'azure',
  'bitbucket',
  'discord',
  'facebook',
  'figma',
  'fly',
  'github',
  'gitlab',
  'google',
  'keycloak',
  'kakao',
  'linkedin',
  'linkedin_oidc',
  'notion',
  'spotify',
  'slack',
  'slack_oidc',
  'workos',
  'twitch',
  'twitter',
  'zoom',
] as const;

/** Upstream's `/settings` answer, from supabase/config.toml [auth]. No OAuth provider is enabled. */
export function authSettings(config: ProjectConfig) {
  const external: Record<string, boolean> = Object.fromEntries(OAUTH_PROVIDERS.map((name) => [name, false]));
  return {
    external: {
      ...external,
      anonymous_users: config.auth.enable_anonymous_sign_ins,
      email: config.auth.email.enable_signup,
      phone: false,
    },
    disable_signup: !config.auth.enable_signup,
    mailer_autoconfirm: !config.auth.email.enable_confirmations,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  };
}

/** Auth paths served without an `apikey`: browsers reach them from links and redirects. */
export const OPEN_AUTH_PATHS = ['/verify', '/callback', '/authorize', '/.well-known/jwks.json'];

function answer(
  context: ServiceContext,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const version = context.req.headers[API_VERSION_HEADER];
  if (typeof version === 'string') headers[API_VERSION_HEADER] = version;
  sendJson(res, status, body, headers);
}

const PUBLIC_PATHS = new Set(['/.well-known/jwks.json', '/health', '/settings']);

/** Whether authPublic answers this request itself (everything else is the Auth service's). */
export function isPublicAuthRequest(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && PUBLIC_PATHS.has(path);
}

export const authPublic: Service = {
  handle(context, res) {
    const { path, req } = context;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/.well-known/jwks.json') {
        return answer(context, res, 200, publicJwks(context.keys), { 'Cache-Control': 'public, max-age=600' });
      }
      if (path === '/health') {
        return answer(context, res, 200, {
          version: AUTH_VERSION,
          name: 'GoTrue',
          description: 'GoTrue is a user registration and authentication API',
        });
      }
      if (path === '/settings') return answer(context, res, 200, authSettings(context.config));
    }
    answer(context, res, 501, notImplementedBody('auth', path), { 'x-sb-error-code': 'not_implemented' });
  },
};
