import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pacedJsonReader } from './paced-json-reader.ts';

/** A fetch whose answers the test gives one by one, in the order the reads were made. */
function controlledFetch() {
  const pending: { url: string; answer(response: Response | Error): void }[] = [];
  const fetch = ((url: string) =>
    new Promise<Response>((resolve, reject) => {
      pending.push({ url, answer: (response) => (response instanceof Error ? reject(response) : resolve(response)) });
    })) as unknown as typeof globalThis.fetch;
  return { fetch, pending };
}

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pacedJsonReader', () => {
  it('reads one at a time and once more after a read that was asked for again meanwhile', async () => {
    const { fetch, pending } = controlledFetch();
    const taken: unknown[] = [];
    const reader = pacedJsonReader({ url: '/x', fetch, take: (body) => taken.push(body) });
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    expect(pending).toHaveLength(1);
    // Three asks during the read: one more read after it, not three, and none at the same time.
    reader.ask();
    reader.ask();
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    expect(pending).toHaveLength(1);
    pending[0]?.answer(ok({ n: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([{ n: 1 }]);
    expect(pending).toHaveLength(2);
    pending[1]?.answer(ok({ n: 2 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([{ n: 1 }, { n: 2 }]);
    expect(pending).toHaveLength(2);
  });

  it('starts reads at least everyMs apart, later by up to spreadMs', async () => {
    const { fetch, pending } = controlledFetch();
    const reader = pacedJsonReader({
      url: '/x',
      fetch,
      take: () => {},
      everyMs: 15_000,
      spreadMs: 3_000,
      random: () => 0.5,
    });
    reader.ask();
    await vi.advanceTimersByTimeAsync(1_499);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(1);
    pending[0]?.answer(ok({}));
    await vi.advanceTimersByTimeAsync(0);
    // Asked right after: 15 s after the first read started, plus the spread.
    reader.ask();
    await vi.advanceTimersByTimeAsync(16_499);
    expect(pending).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(2);
  });

  it('drops failed reads and error statuses, and reads again when asked', async () => {
    const { fetch, pending } = controlledFetch();
    const taken: unknown[] = [];
    const reader = pacedJsonReader({ url: '/x', fetch, take: (body) => taken.push(body) });
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    pending[0]?.answer(new TypeError('offline'));
    await vi.advanceTimersByTimeAsync(0);
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    pending[1]?.answer(new Response('{"error":"x"}', { status: 404 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([]);
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    pending[2]?.answer(ok({ back: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([{ back: true }]);
  });

  it('hands nothing over and reads no more once stopped', async () => {
    const { fetch, pending } = controlledFetch();
    const taken: unknown[] = [];
    const reader = pacedJsonReader({ url: '/x', fetch, take: (body) => taken.push(body) });
    reader.ask();
    await vi.advanceTimersByTimeAsync(0);
    reader.ask();
    reader.stop();
    pending[0]?.answer(ok({ late: true }));
    await vi.advanceTimersByTimeAsync(1_000);
    reader.ask();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(taken).toEqual([]);
    expect(pending).toHaveLength(1);
  });
});
