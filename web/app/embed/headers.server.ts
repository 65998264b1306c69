// The widget pages' security headers. The app's policy forbids framing everywhere
// (frame-ancestors 'none', X-Frame-Options: DENY); a widget page replaces it with the same policy
// whose frame-ancestors are exactly the key's allowed origins, so a page on any other origin
// gets nothing. X-Frame-Options has no "allow these" value; a browser ignores it when
// frame-ancestors is present (CSP3 §6.4.2), so the app's DENY stays as a fallback for old ones.
// Theme values reach the page as one <style> element carrying the request's nonce.

export function embedSecurityHeaders(options: {
  nonce: string;
  apiUrl: string;
  frameAncestors: readonly string[];
  development: boolean;
  /** Stripe mode: Stripe.js and its frames (the Payment Element) are allowed too. */
  stripe?: boolean;
}): Record<string, string> {
  const api = new URL(options.apiUrl);
  const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
  const policy = [
    "default-src 'self'",
    `script-src 'nonce-${options.nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${options.nonce}'${options.development ? " 'unsafe-inline'" : ''}`,
    `img-src 'self' data: ${api.origin}${options.stripe ? ' https://*.stripe.com' : ''}`,
    "font-src 'self'",
    `connect-src 'self' ${api.origin}${options.stripe ? ' https://api.stripe.com' : ''}${options.development ? ' ws: wss:' : ''}`,
    `frame-src ${options.stripe ? 'https://js.stripe.com https://hooks.stripe.com' : "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    // Nothing a guest types is stored or cached: every answer is theirs alone.
    'Cache-Control': 'no-store',
  };
}
