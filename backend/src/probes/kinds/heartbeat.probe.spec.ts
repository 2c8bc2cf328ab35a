import type { HeartbeatRecord, ResolvedCheck } from '@lifeline/shared';
import { describe, expect, it } from 'vitest';
import { resolvedCheck } from '../../../test/support/probe-harness.js';
import type { HeartbeatReader } from '../probe-kind.js';
import { runCheck } from '../probe-runner.js';

const MIN = 60_000;
const NOW = Date.parse('2026-03-02T10:00:00+01:00'); // a Monday morning in Brussels
const ENV = { LAB_FEED_KEY: 'k3y' };
const clock = () => NOW;

function reader(last?: HeartbeatRecord, usual?: number): HeartbeatReader {
  return { last: () => last, usualCadenceMs: () => usual };
}

function check(fields: Record<string, unknown> = {}): ResolvedCheck {
  return resolvedCheck('heartbeat', { keyEnv: 'LAB_FEED_KEY', expectEvery: '5m', ...fields }) as unknown as ResolvedCheck;
}

describe('heartbeat probe: reads the store, the domain judges', () => {
  it('is fresh with the age, the usual cadence and the queue as facts', async () => {
    const obs = await runCheck(check(), ENV, clock, { heartbeats: reader({ receivedAt: NOW - 42_000, queueDepth: 3 }, 5 * MIN) });
    expect(obs).toMatchObject({ ok: true, facts: { ageMs: 42_000, usualCadenceMs: 5 * MIN, queueDepth: 3, expectEveryMs: 5 * MIN } });
    expect(obs.warning).toBeUndefined();
  });

  it('is ok with a warning once older than expectEvery (degraded), in plain words', async () => {
    const obs = await runCheck(check(), ENV, clock, { heartbeats: reader({ receivedAt: NOW - 7 * MIN }, 5 * MIN) });
    expect(obs).toMatchObject({ ok: true, warning: 'last message 7 min ago, usually every 5 min' });
  });

  it('is a stale failure older than downAfter', async () => {
    const obs = await runCheck(check(), ENV, clock, { heartbeats: reader({ receivedAt: NOW - 42 * MIN }, 5 * MIN) });
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'stale', message: 'last message 42 min ago, usually every 5 min' } });
  });

  it('is stale when nothing was ever received', async () => {
    const obs = await runCheck(check(), ENV, clock, { heartbeats: reader() });
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'stale', message: 'no message received yet' } });
  });

  it('warns about a queue above maxQueueDepth', async () => {
    const obs = await runCheck(check({ maxQueueDepth: 10 }), ENV, clock, { heartbeats: reader({ receivedAt: NOW, queueDepth: 11 }) });
    expect(obs).toMatchObject({ ok: true, warning: 'queue depth 11, above 10' });
  });

  it('judges business hours in the site time zone it is given', async () => {
    const schedule = { businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }, expectEveryOutside: '2h' };
    // 07:30 UTC is 08:30 in Brussels (open: every 5 min) but before 08:00 in UTC (closed: every 2 h).
    const at = Date.parse('2026-03-02T07:30:00Z');
    const heartbeats = reader({ receivedAt: at - 20 * MIN });
    const brussels = await runCheck(check({ schedule }), ENV, () => at, { heartbeats, timeZone: 'Europe/Brussels' });
    const utc = await runCheck(check({ schedule }), ENV, () => at, { heartbeats, timeZone: 'UTC' });
    expect(brussels).toMatchObject({ ok: false, failure: { errorClass: 'stale' } });
    expect(utc).toMatchObject({ ok: true, facts: { expectEveryMs: 2 * 60 * MIN } });
  });

  it.each([
    ['unset', {}],
    ['empty', { LAB_FEED_KEY: '' }],
  ])('fails with a clear internal reason when the key variable is %s, whatever was received', async (_, env) => {
    const obs = await runCheck(check(), env, clock, { heartbeats: reader({ receivedAt: NOW }) });
    expect(obs).toMatchObject({ ok: false, failure: { errorClass: 'internal', message: 'push key env var LAB_FEED_KEY is not set' } });
  });

  it('never puts the key in what it reports', async () => {
    const obs = await runCheck(check(), ENV, clock, { heartbeats: reader({ receivedAt: NOW - 42 * MIN }) });
    expect(JSON.stringify(obs)).not.toContain('k3y');
  });
});
