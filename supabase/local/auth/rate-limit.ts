// Upstream's rate limits, kept in memory (one local process serves Auth): fixed windows per client
// address for requests, one hourly budget for all Auth emails, and the least time between two
// emails of a kind to one address (max_frequency) read from the user's *_sent_at columns.
import type { ProjectConfig } from '../config.ts';

export type RequestBucket = 'token_refresh' | 'token_verifications' | 'sign_in_sign_ups' | 'anonymous_users';

const FIVE_MINUTES = 5 * 60_000;
const HOUR = 60 * 60_000;

const WINDOW_MS: Record<RequestBucket | 'email_sent', number> = {
  token_refresh: FIVE_MINUTES,
  token_verifications: FIVE_MINUTES,
  sign_in_sign_ups: FIVE_MINUTES,
  anonymous_users: HOUR,
  email_sent: HOUR,
};

interface Window {
  startedAt: number;
  count: number;
}

export class RateLimits {
  readonly #limits: ProjectConfig['auth']['rate_limit'];
  readonly #windows = new Map<string, Window>();
  #sweptAt = Date.now();

  constructor(limits: ProjectConfig['auth']['rate_limit']) {
    this.#limits = limits;
  }

  /** Counts one event in its window; null when the budget of the window is already spent. */
  #take(bucket: RequestBucket | 'email_sent', key: string): Window | null {
    const now = Date.now();
    this.#sweep(now);
    const id = `${bucket}\u0000${key}`;
    let window = this.#windows.get(id);
    if (!window || now - window.startedAt >= WINDOW_MS[bucket]) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(id, window);
    }
    if (window.count >= this.#limits[bucket]) return null;
    window.count += 1;
    return window;
  }

  /** A request of `bucket` from `ip`. */
  allowRequest(bucket: RequestBucket, ip: string): boolean {
    return this.#take(bucket, ip) !== null;
  }

  /**
   * One Auth email, counted against the project's hourly budget (as upstream, not per address):
   * a function giving the unit back (for a mail whose transaction rolled back), or null when spent.
   */
  allowEmail(): (() => void) | null {
    const window = this.#take('email_sent', '*');
    if (!window) return null;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      window.count = Math.max(0, window.count - 1);
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
