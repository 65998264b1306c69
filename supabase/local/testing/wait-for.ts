// The one bounded wait of Roost's tests (database, stack, worker and benchmark code alike): poll a
// check until it yields a value, and fail with what was awaited, never hang until the test's own
// timeout says nothing useful.

/**
 * Polls `check` (sync or async) every `intervalMs` until it returns something other than
 * undefined or false, and resolves with it; throws "timed out waiting for <what>" after
 * `timeoutMs`.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
