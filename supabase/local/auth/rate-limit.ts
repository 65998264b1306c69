// Upstream's rate limits, kept in memory (one local process serves Auth): fixed windows per client
// address for requests, the hourly budget for all Auth emails, and the least time between two
// emails of a kind to one address (max_frequency) read from the user's *_sent_at columns.
// Beyond upstream, each email also spends a per-client and a per-recipient share of the hourly
// budget, so one client (or mail to one victim) cannot spend it all and lock everyone else out of
// their password resets (docs/decisions/011-local-auth.md).
import type { ProjectConfig } from '../config.ts';
import { ErrorCode } from './error-codes.ts';
import { AuthError } from './errors.ts';

export type RequestBucket = 'token_refresh' | 'token_verifications' | 'sign_in_sign_ups' | 'anonymous_users';
type EmailBucket = 'email_sent' | 'email_per_client' | 'email_per_recipient';

const FIVE_MINUTES = 5 * 60_000;
const HOUR = 60 * 60_000;

const WINDOW_MS: Record<RequestBucket | EmailBucket, number> = {
  token_refresh: FIVE_MINUTES,
  token_verifications: FIVE_MINUTES,
  sign_in_sign_ups: FIVE_MINUTES,
  anonymous_users: HOUR,
  email_sent: HOUR,
  email_per_client: HOUR,
  email_per_recipient: HOUR,
};

/** The shares of the hourly email budget one client address, or one recipient, may spend. */
export const EMAIL_SHARE = { client: 1 / 2, recipient: 1 / 6 } as const;

interface Window {
  startedAt: number;
  count: number;
}

export class RateLimits {
  readonly #budgets: Record<RequestBucket | EmailBucket, number>;
  readonly #windows = new Map<string, Window>();
  #sweptAt = Date.now();

  constructor(limits: ProjectConfig['auth']['rate_limit']) {
    const share = (fraction: number) =>
      Math.min(limits.email_sent, Math.max(1, Math.floor(limits.email_sent * fraction)));
    this.#budgets = {
      ...limits,
      email_per_client: share(EMAIL_SHARE.client),
      email_per_recipient: share(EMAIL_SHARE.recipient),
    };
  }

  /** The window of `bucket` for `key`, started afresh when the last one has run out. */
  #window(bucket: RequestBucket | EmailBucket, key: string, now: number): Window {
    const id = `${bucket}\u0000${key}`;
    let window = this.#windows.get(id);
    if (!window || now - window.startedAt >= WINDOW_MS[bucket]) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(id, window);
    }
    return window;
  }

  /** Seconds until a spent window of `bucket` opens again (at least 1). */
  static #retryAfterS(bucket: RequestBucket | EmailBucket, window: Window, now: number): number {
    return Math.max(1, Math.ceil((window.startedAt + WINDOW_MS[bucket] - now) / 1000));
  }

  /** A request of `bucket` from `ip`; upstream's 429 (with Retry-After) when the window is spent. */
  takeRequest(bucket: RequestBucket, ip: string): void {
    const now = Date.now();
    this.#sweep(now);
    const window = this.#window(bucket, ip, now);
    if (window.count >= this.#budgets[bucket]) {
      throw new AuthError(
        429,
        ErrorCode.overRequestRateLimit,
        'Request rate limit reached',
        {},
        {
          retryAfterS: RateLimits.#retryAfterS(bucket, window, now),
        },
      );
    }
    window.count += 1;
  }

  /**
   * One Auth email to `recipient` asked for by `client`, counted against the client's share, the
   * recipient's share and the project's hourly budget (all or none). Returns a function giving the
   * units back (for a mail whose transaction rolled back); throws 429 when any of them is spent.
   */
  takeEmail(recipient: string, client: string): () => void {
    const now = Date.now();
    this.#sweep(now);
    const windows: [EmailBucket, Window][] = [
      ['email_per_client', this.#window('email_per_client', client, now)],
      ['email_per_recipient', this.#window('email_per_recipient', recipient.toLowerCase(), now)],
      ['email_sent', this.#window('email_sent', '*', now)],
    ];
    const spent = windows.filter(([bucket, window]) => window.count >= this.#budgets[bucket]);
    if (spent.length > 0) {
      const retryAfterS = Math.max(...spent.map(([bucket, window]) => RateLimits.#retryAfterS(bucket, window, now)));
      throw new AuthError(429, ErrorCode.overEmailSendRateLimit, 'Email rate limit exceeded', {}, { retryAfterS });
    }
    for (const [, window] of windows) window.count += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      for (const [, window] of windows) window.count = Math.max(0, window.count - 1);
    };
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < FIVE_MINUTES) return;
    this.#sweptAt = now;
    for (const [id, window] of this.#windows) if (now - window.startedAt >= HOUR) this.#windows.delete(id);
  }
}

/** Seconds left before another email may go to the same address, or 0. */
export function secondsUntilNextEmail(sentAt: Date | null, maxFrequencyMs: number): number {
  if (!sentAt) return 0;
  const left = sentAt.getTime() + maxFrequencyMs - Date.now();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}
