import type { CheckKind, ResolvedCheck } from '@lifeline/shared';
import { checkSchema } from '@lifeline/shared';
import type { ProbeKind, ProbeOutcome, ResolvedCheckOf } from '../../src/probes/probe-kind.js';

/** A check as the catalog would resolve it: schema defaults applied, id and timing filled in. */
export function resolvedCheck<K extends CheckKind>(kind: K, fields: Record<string, unknown>, timeoutMs = 3000): ResolvedCheckOf<K> {
  const parsed = checkSchema.parse({ kind, ...fields });
  const check = {
    ...parsed,
    id: `test-${kind}#0`,
    integrationId: `test-${kind}`,
    interval: Math.max(30_000, timeoutMs * 2),
    timeout: timeoutMs,
    failuresToDown: 1,
    successesToRecover: 1,
  } as ResolvedCheck;
  return check as unknown as ResolvedCheckOf<K>;
}

/**
 * Runs a probe directly, as the runner would: the signal aborts at `timeoutMs`. Returns the
 * outcome and how long the probe took to settle.
 */
export async function runProbe<K extends CheckKind>(
  probe: ProbeKind<K>,
  check: ResolvedCheckOf<K>,
  env: Record<string, string | undefined> = {},
): Promise<{ outcome: ProbeOutcome; ms: number }> {
  const timeoutMs = check.timeout ?? 3000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  try {
    const outcome = await probe.run(check, { signal: controller.signal, timeoutMs, env });
    return { outcome, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Collects unhandled rejections and uncaught exceptions while a test runs. */
export function watchUnhandled(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  return {
    errors,
    stop() {
      process.off('unhandledRejection', onError);
      process.off('uncaughtException', onError);
    },
  };
}
