/** Waits for a condition instead of sleeping: resolves with its value, or fails with the last error. */
export async function expectEventually<T>(fn: () => T | Promise<T>, { timeout = 10_000, every = 50 } = {}): Promise<Awaited<T>> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      return await fn();
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw last instanceof Error ? last : new Error(`condition not met within ${timeout} ms`);
}
