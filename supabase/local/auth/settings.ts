// Auth's settings from supabase/config.toml [auth] (validated by config.ts), in the units the
// flows use: seconds, milliseconds, and the list of allowed redirect targets.
import type { ProjectConfig } from '../config.ts';

export interface AuthSettings {
  siteUrl: string;
  additionalRedirectUrls: string[];
  jwtExpiry: number;
  refreshRotation: boolean;
  refreshReuseIntervalS: number;
  signupEnabled: boolean;
  emailSignupEnabled: boolean;
  anonymousEnabled: boolean;
  autoconfirm: boolean;
  doubleConfirmChanges: boolean;
  securePasswordChange: boolean;
  maxFrequencyMs: number;
  otpLength: number;
  otpExpiryS: number;
  rateLimit: ProjectConfig['auth']['rate_limit'];
}

/** "1m0s", "60s", "1h" → milliseconds. */
export function goDurationMs(value: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match) return 0;
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

export function authSettingsOf(config: ProjectConfig): AuthSettings {
  const auth = config.auth;
  return {
    siteUrl: auth.site_url,
    additionalRedirectUrls: auth.additional_redirect_urls,
    jwtExpiry: auth.jwt_expiry,
    refreshRotation: auth.enable_refresh_token_rotation,
    refreshReuseIntervalS: auth.refresh_token_reuse_interval,
    signupEnabled: auth.enable_signup,
    emailSignupEnabled: auth.email.enable_signup,
    anonymousEnabled: auth.enable_anonymous_sign_ins,
    autoconfirm: !auth.email.enable_confirmations,
    doubleConfirmChanges: auth.email.double_confirm_changes,
    securePasswordChange: auth.email.secure_password_change,
    maxFrequencyMs: goDurationMs(auth.email.max_frequency),
    otpLength: auth.email.otp_length,
    otpExpiryS: auth.email.otp_expiry,
    rateLimit: auth.rate_limit,
  };
}

/**
 * A glob as upstream compiles it (gobwas/glob with `.` and `/` as separators): `**` is anything,
 * `*` stays within one host label or path segment. It also stops at `?`, `#`, `@` and `\`, so
 * `https://*.example.com/**` never accepts `https://evil.com?.example.com/` (host evil.com).
 */
function globRegex(pattern: string): RegExp {
  let regex = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char !== '*') regex += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    else if (pattern[i + 1] === '*') {
      regex += '.*';
      i += 1;
    } else regex += '[^./?#@\\\\]*';
  }
  return new RegExp(`^${regex}$`);
}

function matchesPattern(url: string, pattern: string): boolean {
  if (!pattern.includes('*')) return url === pattern || url.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`);
  return globRegex(pattern).test(url);
}

/**
 * Upstream's redirect check: a `redirect_to` is kept when it is on the site URL's host or matches an
 * additional redirect URL (globs allowed); anything else falls back to the site URL. So does one
 * with a control character: the URL parser drops CR/LF/tab and would let it match, but it would
 * then reach a `Location` header as sent (header injection; Node refuses it with a 500).
 */
export function safeRedirect(settings: AuthSettings, requested: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
  if (!requested || /[\u0000-\u001f\u007f]/.test(requested)) return settings.siteUrl;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return settings.siteUrl;
  }
  const site = new URL(settings.siteUrl);
  if (url.host === site.host && url.protocol === site.protocol) return requested;
  const bare = `${url.origin}${url.pathname}`;
  return settings.additionalRedirectUrls.some((p) => matchesPattern(requested, p) || matchesPattern(bare, p))
    ? requested
    : settings.siteUrl;
}
