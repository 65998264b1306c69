// Wrong guesses at one emailed code, counted per user and code whatever address they come from:
// per-address rate limits alone let guesses spread over many addresses reach a six-digit code,
// so the code is spent after a few wrong ones. In memory, like the rate limits (one local process).

/** Wrong guesses a code survives; the one after that spends it. */
export const WRONG_GUESS_LIMIT = 5;

interface Seen {
  /** What identifies the code guessed at (its hash, or when it was sent): a new code starts over. */
  code: string;
  count: number;
}

export class WrongGuesses {
  readonly #seen = new Map<string, Seen>();
  readonly #limit: number;

  constructor(limit = WRONG_GUESS_LIMIT) {
    this.#limit = limit;
  }

  /** Counts a wrong guess at `code` of `key`; true when that spends it (the caller clears it). */
  count(key: string, code: string): boolean {
    const seen = this.#seen.get(key);
    const count = seen && seen.code === code ? seen.count + 1 : 1;
    if (count >= this.#limit) {
      this.#seen.delete(key);
      return true;
    }
    this.#seen.set(key, { code, count });
    return false;
  }

  /** The code was used or replaced: its count goes. */
  forget(key: string): void {
    this.#seen.delete(key);
  }
}
