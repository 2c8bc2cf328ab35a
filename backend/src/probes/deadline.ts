import type { ProbeContext } from './probe-kind.js';

/**
 * A probe's own hard deadline on top of the runner's: the returned context's signal aborts
 * at `ctx.timeoutMs` or when the caller's signal does, whichever comes first. Call
 * `dispose()` when done so no timer outlives the run.
 */
export function withDeadline(ctx: ProbeContext): { ctx: ProbeContext; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ctx.timeoutMs);
  if (ctx.signal.aborted) abort();
  else ctx.signal.addEventListener('abort', abort, { once: true });
  return {
    ctx: { ...ctx, signal: controller.signal },
    dispose() {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', abort);
    },
  };
}
