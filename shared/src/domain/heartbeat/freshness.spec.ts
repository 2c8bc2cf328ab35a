import { describe, expect, it } from 'vitest';
import { formatAge, heartbeatExpectation, judgeHeartbeat, usualCadence, type HeartbeatRecord, type HeartbeatRules } from './freshness.js';

const MIN = 60_000;
const H = 60 * MIN;
const NOW = Date.parse('2026-03-03T10:00:00+01:00'); // a Tuesday morning in Brussels
const TZ = 'Europe/Brussels';
const RULES: HeartbeatRules = { expectEvery: 5 * MIN };

const received = (ago: number, extra: Partial<HeartbeatRecord> = {}): HeartbeatRecord => ({ receivedAt: NOW - ago, ...extra });

describe('judgeHeartbeat: expectEvery 5 min, downAfter left out (3×)', () => {
  it.each<[string, HeartbeatRecord | undefined, number | undefined, Partial<HeartbeatRules>, string, string | undefined]>([
    // last heartbeat, usual cadence, rule overrides, freshness, words
    ['none received yet', undefined, undefined, {}, 'stale', 'no message received yet'],
    ['just now', received(0), 5 * MIN, {}, 'fresh', undefined],
    ['exactly expectEvery old is fresh', received(5 * MIN), 5 * MIN, {}, 'fresh', undefined],
    ['1 ms older than expectEvery is late', received(5 * MIN + 1), 5 * MIN, {}, 'late', 'last message 5 min ago, usually every 5 min'],
    ['exactly 3× is still late', received(15 * MIN), 5 * MIN, {}, 'late', 'last message 15 min ago, usually every 5 min'],
    ['1 ms older than 3× is stale', received(15 * MIN + 1), 5 * MIN, {}, 'stale', 'last message 15 min ago, usually every 5 min'],
    ['the example', received(42 * MIN), 5 * MIN, {}, 'stale', 'last message 42 min ago, usually every 5 min'],
    ['no usual cadence yet: the expected one', received(6 * MIN), undefined, {}, 'late', 'last message 6 min ago, expected every 5 min'],
    ['downAfter 10 min: 10 min + 1 ms is stale', received(10 * MIN + 1), 5 * MIN, { downAfter: 10 * MIN }, 'stale', 'last message 10 min ago, usually every 5 min'],
    ['downAfter 30 min: 20 min is late', received(20 * MIN), 5 * MIN, { downAfter: 30 * MIN }, 'late', 'last message 20 min ago, usually every 5 min'],
    ['lastMessageAt counts, not the heartbeat', received(0, { lastMessageAt: NOW - 6 * MIN }), 5 * MIN, {}, 'late', 'last message 6 min ago, usually every 5 min'],
    ['a lastMessageAt after the heartbeat counts as the heartbeat', received(6 * MIN, { lastMessageAt: NOW }), 5 * MIN, {}, 'late', 'last message 6 min ago, usually every 5 min'],
    ['queue at the maximum is fine', received(0, { queueDepth: 100 }), 5 * MIN, { maxQueueDepth: 100 }, 'fresh', undefined],
    ['queue above the maximum warns', received(0, { queueDepth: 101 }), 5 * MIN, { maxQueueDepth: 100 }, 'fresh', 'queue depth 101, above 100'],
    ['queue without a maximum is only a fact', received(0, { queueDepth: 5000 }), 5 * MIN, {}, 'fresh', undefined],
    ['late and queued: both', received(6 * MIN, { queueDepth: 101 }), 5 * MIN, { maxQueueDepth: 100 }, 'late', 'last message 6 min ago, usually every 5 min; queue depth 101, above 100'],
  ])('%s', (_, last, usual, overrides, freshness, words) => {
    const judged = judgeHeartbeat({ ...RULES, ...overrides }, last, usual, NOW, TZ);
    expect(judged.freshness).toBe(freshness);
    expect(judged.freshness === 'stale' ? judged.message : judged.warning).toBe(words);
  });

  it('reports the age, the usual cadence, the queue and the expected cadence as facts', () => {
    expect(judgeHeartbeat(RULES, received(42_000, { queueDepth: 3 }), 5 * MIN, NOW, TZ).facts).toEqual({ ageMs: 42_000, usualCadenceMs: 5 * MIN, queueDepth: 3, expectEveryMs: 5 * MIN });
    expect(judgeHeartbeat(RULES, undefined, undefined, NOW, TZ).facts).toEqual({ expectEveryMs: 5 * MIN });
  });
});

describe('judgeHeartbeat with a schedule: every 5 min mon-fri 08:00-18:00, every 2 h outside (3× to down)', () => {
  const rules: HeartbeatRules = {
    expectEvery: 5 * MIN,
    schedule: { businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }, expectEveryOutside: 2 * H },
  };
  const judge = (now: string, last: string) => judgeHeartbeat(rules, { receivedAt: Date.parse(last) }, undefined, Date.parse(now), TZ);

  it.each<[string, string, string, string]>([
    // now, last message, freshness
    ['night, 1 h quiet: fresh', '2026-03-03T03:00:00+01:00', '2026-03-03T02:00:00+01:00', 'fresh'],
    ['night, 3 h quiet: late', '2026-03-03T03:00:00+01:00', '2026-03-03T00:00:00+01:00', 'late'],
    ['night, 7 h quiet: stale', '2026-03-03T07:00:00+01:00', '2026-03-03T00:00:00+01:00', 'stale'],
    ['Monday 08:03 after a quiet weekend: the morning allowance', '2026-03-02T08:03:00+01:00', '2026-02-27T20:00:00+01:00', 'fresh'],
    ['Monday 08:05 exactly: still in it', '2026-03-02T08:05:00+01:00', '2026-02-27T20:00:00+01:00', 'fresh'],
    ['Monday 08:06, nothing yet: late', '2026-03-02T08:06:00+01:00', '2026-02-27T20:00:00+01:00', 'late'],
    ['Monday 08:16, nothing yet: stale', '2026-03-02T08:16:00+01:00', '2026-02-27T20:00:00+01:00', 'stale'],
    ['a message at 08:01 counts from then', '2026-03-02T08:10:00+01:00', '2026-03-02T08:01:00+01:00', 'late'],
    ['evening, 40 min after the last: the night cadence applies', '2026-03-02T18:30:00+01:00', '2026-03-02T17:50:00+01:00', 'fresh'],
    ['evening, quiet since 10:00: no grace going to the night cadence', '2026-03-02T18:30:00+01:00', '2026-03-02T10:00:00+01:00', 'stale'],
    ['Saturday noon, 90 min quiet: fresh', '2026-03-07T12:00:00+01:00', '2026-03-07T10:30:00+01:00', 'fresh'],
  ])('%s', (_, now, last, freshness) => expect(judge(now, last).freshness).toBe(freshness));

  it('says the real age, not the allowance', () => {
    const judged = judge('2026-03-02T08:06:00+01:00', '2026-03-02T06:06:00+01:00');
    expect(judged).toMatchObject({ freshness: 'late', warning: 'last message 2 h ago, expected every 5 min' });
  });

  it('keeps a configured downAfter as the same multiple outside business hours', () => {
    const withDown = { ...rules, downAfter: 20 * MIN };
    expect(heartbeatExpectation(withDown, Date.parse('2026-03-03T10:00:00+01:00'), TZ)).toMatchObject({ expectEveryMs: 5 * MIN, downAfterMs: 20 * MIN });
    expect(heartbeatExpectation(withDown, Date.parse('2026-03-03T22:00:00+01:00'), TZ)).toEqual({ expectEveryMs: 2 * H, downAfterMs: 8 * H });
  });
});

describe('usualCadence: the median interval', () => {
  it.each<[string, number[], number | undefined]>([
    ['none', [], undefined],
    ['one heartbeat', [0], undefined],
    ['two', [0, 5 * MIN], 5 * MIN],
    ['one long gap among short ones', [0, 5 * MIN, 10 * MIN, 15 * MIN, 75 * MIN], 5 * MIN],
    ['even count: the mean of the middle two', [0, 1 * MIN, 4 * MIN, 9 * MIN, 16 * MIN], 4 * MIN],
    ['out of order and repeated', [10 * MIN, 0, 5 * MIN, 5 * MIN], 5 * MIN],
  ])('%s', (_, times, expected) => expect(usualCadence(times)).toBe(expected));
});

describe('formatAge', () => {
  it.each([
    [400, '400 ms'],
    [1_000, '1 s'],
    [89_000, '89 s'],
    [90_000, '2 min'],
    [42 * MIN, '42 min'],
    [89 * MIN, '89 min'],
    [90 * MIN, '2 h'],
    [47 * H, '47 h'],
    [72 * H, '3 days'],
  ])('%d ms: %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});
