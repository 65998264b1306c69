// Reads a small JSON resource of the app for a live part of a page (the bell, the dashboard's risk
// list) one request at a time. Asked while a read waits or runs, it reads once more after it, so
// the last answer is never older than the last ask; reads start at least `everyMs` apart, plus up
// to `spreadMs` at random (pages that heard the same push should not all ask at once). A failed
// read (offline, leaving the page, an error status) is dropped: the next ask reads again, and the
// part keeps what it showed. A plain fetch, not a Remix fetcher, whose failed or overtaken loads
// would reach the page's error boundary or the console.

export interface PacedJsonReader {
  /** Asks for a read: now, after the pace allows, or once more after the one under way. */
  ask(): void;
  /** Nothing more is read or handed over (the page left). */
  stop(): void;
}

export interface PacedJsonReaderOptions {
  url: string;
  /** Gets each answer of an ok response (already parsed). */
  take(body: unknown): void;
  /** Least time between the starts of two reads (ms); 0 by default. */
  everyMs?: number;
  /** Up to this much later again, at random (ms); 0 by default. */
  spreadMs?: number;
  /** The fetch to use (tests); the global one by default. */
  fetch?: typeof fetch;
  /** Random number in [0, 1) (tests); Math.random by default. */
  random?: () => number;
}

export function pacedJsonReader(options: PacedJsonReaderOptions): PacedJsonReader {
  const everyMs = options.everyMs ?? 0;
  const spreadMs = options.spreadMs ?? 0;
  const get = options.fetch ?? ((input, init) => fetch(input, init));
  const random = options.random ?? Math.random;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let owed = false;
  let stopped = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  const read = async () => {
    timer = undefined;
    reading = true;
    lastStart = Date.now();
    try {
      const response = await get(options.url, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        const body: unknown = await response.json();
        if (!stopped) options.take(body);
      }
    } catch {
      // Dropped: the next ask reads again.
    } finally {
      reading = false;
      if (owed && !stopped) {
        owed = false;
        ask();
      }
    }
  };

  const ask = () => {
    if (stopped || timer !== undefined) return;
    if (reading) {
      owed = true;
      return;
    }
    const wait = Math.max(0, lastStart + everyMs - Date.now()) + random() * spreadMs;
    timer = setTimeout(() => void read(), wait);
  };

  return {
    ask,
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
