import type { CheckKind, Observation, ResolvedCheck } from '@lifeline/shared';
import type { ProbeKind, ProbeOutcome, ProbeServices, ResolvedCheckOf } from './probe-kind.js';
import { probeRegistry } from './probe-registry.js';

/** Grace after the abort signal for a probe to wind down before the runner stops waiting. */
const ABORT_GRACE_MS = 250;

/**
 * Runs one check with a hard deadline it cannot exceed: the probe is told to abort at the
 * timeout, and the runner stops waiting shortly after whatever the probe does. Any throw
 * becomes a failure; nothing escapes as an unhandled rejection. `services` are what the app
 * offers probes beyond `env` (the site's time zone, pushed heartbeats).
 */
export async function runCheck(
  check: ResolvedCheck,
  env: Readonly<Record<string, string | undefined>>,
  clock: () => number = Date.now,
  services: ProbeServices = {},
): Promise<Observation> {
  const startedAt = clock();
  const controller = new AbortController();
  const probe = probeRegistry[check.kind] as ProbeKind<CheckKind>;
  let hardTimer: NodeJS.Timeout | undefined;
  const softTimer = setTimeout(() => controller.abort(), check.timeout);
  const deadline = new Promise<ProbeOutcome>((resolve) => {
    hardTimer = setTimeout(
      () => resolve({ ok: false, stage: 'response', errorClass: 'timeout', message: `no answer within ${check.timeout} ms` }),
      check.timeout + ABORT_GRACE_MS,
    );
  });
  let outcome: ProbeOutcome;
  try {
    const running = probe.run(check as ResolvedCheckOf<CheckKind>, { ...services, signal: controller.signal, timeoutMs: check.timeout, env, now: clock });
    running.catch(() => undefined);
    outcome = await Promise.race([running, deadline]);
  } catch (err) {
    outcome = { ok: false, stage: 'response', errorClass: 'internal', message: `probe error: ${(err as Error)?.message ?? String(err)}` };
  } finally {
    clearTimeout(softTimer);
    clearTimeout(hardTimer);
    controller.abort();
  }
  const durationMs = Math.max(0, clock() - startedAt);
  // A probe that saw the abort reports its own words; make sure the class says timeout.
  if (!outcome.ok && durationMs >= check.timeout && outcome.errorClass !== 'timeout' && controller.signal.aborted && outcome.errorClass === 'protocol') {
    outcome = { ...outcome, errorClass: 'timeout', message: `no answer within ${check.timeout} ms` };
  }
  return outcome.ok
    ? { checkId: check.id, startedAt, durationMs, ok: true, facts: outcome.facts, ...(outcome.warning !== undefined ? { warning: outcome.warning } : {}) }
    : {
        checkId: check.id,
        startedAt,
        durationMs,
        ok: false,
        failure: { stage: outcome.stage, errorClass: outcome.errorClass, message: outcome.message },
        facts: outcome.facts,
      };
}
