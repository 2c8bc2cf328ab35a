import { judgeHeartbeat } from '@lifeline/shared';
import type { ProbeKind } from '../probe-kind.js';
import { failed } from '../probe-kind.js';

/**
 * Heartbeat: the other side pushes (`POST /api/heartbeats/:key`); this probe only reads the
 * last one from the store and asks the domain how fresh it is. Late is a warning (degraded),
 * stale a failure. A push key that is not configured fails the check; it never crashes.
 */
export const heartbeatProbe: ProbeKind<'heartbeat'> = {
  kind: 'heartbeat',
  async run(check, ctx) {
    const key = ctx.env[check.keyEnv];
    if (key === undefined || key === '') return failed('assert', 'internal', `push key env var ${check.keyEnv} is not set`);
    if (!ctx.heartbeats) return failed('assert', 'internal', 'no heartbeat store to read from');
    const now = ctx.now?.() ?? Date.now();
    const judged = judgeHeartbeat(check, ctx.heartbeats.last(check.id), ctx.heartbeats.usualCadenceMs(check.id), now, ctx.timeZone ?? 'UTC');
    if (judged.freshness === 'stale') return failed('response', 'stale', judged.message, judged.facts);
    return { ok: true, facts: judged.facts, ...(judged.warning !== undefined ? { warning: judged.warning } : {}) };
  },
};
