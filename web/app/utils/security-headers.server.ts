// The headers every response carries: a Content-Security-Policy whose scripts need this
// request's nonce, no framing, no MIME sniffing, no referrer to other sites. Development adds
// what Vite's hot reload needs (its websocket, injected <style> tags).
import type { WebEnv } from './env.server.ts';

export function securityHeaders(env: WebEnv, nonce: string): Record<string, string> {
  const api = new URL(env.project.SUPABASE_URL);
  const apiSocket = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`;
  const dev = env.mode === 'development';
  const policy = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `img-src 'self' data: blob: ${api.origin}`,
    "font-src 'self'",
    `connect-src 'self' ${api.origin} ${apiSocket}${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}
