import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalRow, chainAfter, ChainVerifier, GENESIS_HASH, normalizePayload, type ChainedAuditRow } from './audit-chain.js';

const at = Date.parse('2025-03-04T06:31:00.123Z');
const entries = [
  { at, kind: 'transition', subject: 'synlab-results', actor: 'system', payload: { from: 'operational', to: 'degraded', reasons: ['slow: 2100 ms'] } },
  { at: at + 1, kind: 'incident.opened', subject: 'inc-1', actor: 'system', payload: { title: 'Perimeter', members: [{ id: 'a' }] } },
  { at: at + 2, kind: 'incident.acknowledged', subject: 'inc-1', actor: 'An Peeters', payload: { note: 'on it' } },
];

describe('canonical JSON', () => {
  it.each([
    ['sorts keys at every depth', { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}'],
    ['drops undefined fields, keeps null', { a: undefined, b: null }, '{"b":null}'],
    ['writes undefined in arrays as null, like JSON', [1, undefined], '[1,null]'],
    ['escapes strings as JSON does', { 'k"': 'line\nbreak é' }, '{"k\\"":"line\\nbreak é"}'],
    ['numbers as JSON writes them', { n: 1e21, m: 0.1, z: -0 }, '{"m":0.1,"n":1e+21,"z":0}'],
  ])('%s', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('is the same whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('normalizes a payload the way jsonb will return it', () => {
    expect(normalizePayload({ a: 'nul\u0000here', b: 'lone \ud800', c: undefined, d: new Date(at) })).toEqual({ a: 'nul\uFFFDhere', b: 'lone \uFFFD', d: '2025-03-04T06:31:00.123Z' });
  });
});

describe('the chain', () => {
  const rows = chainAfter({ seq: 0, hash: GENESIS_HASH }, entries);

  it('hashes sha256(prev_hash + canonical row), starting from 64 zeros', () => {
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(canonicalRow(rows[0])).toBe(
      '{"actor":"system","at":"2025-03-04T06:31:00.123Z","kind":"transition","payload":{"from":"operational","reasons":["slow: 2100 ms"],"to":"degraded"},"seq":1,"subject":"synlab-results"}',
    );
    expect(rows[0].hash).toBe(createHash('sha256').update(GENESIS_HASH + canonicalRow(rows[0])).digest('hex'));
    expect(rows[1].prevHash).toBe(rows[0].hash);
  });

  it('continues after an existing head', () => {
    const more = chainAfter({ seq: 3, hash: rows[2].hash }, entries.slice(0, 1));
    expect(more[0]).toMatchObject({ seq: 4, prevHash: rows[2].hash });
  });

  const verify = (list: ChainedAuditRow[]) => {
    const v = new ChainVerifier();
    return list.map((r) => v.check(r)).find((b) => b);
  };

  it('verifies an intact chain', () => {
    expect(verify(rows)).toBeUndefined();
  });

  it.each<[string, (r: ChainedAuditRow[]) => ChainedAuditRow[], number, RegExp]>([
    ['a changed payload', (r) => [r[0], { ...r[1], payload: { title: 'Nothing happened' } }, r[2]], 2, /content was changed/],
    ['a changed actor', (r) => [r[0], r[1], { ...r[2], actor: 'Someone else' }], 3, /content was changed/],
    ['a changed time', (r) => [{ ...r[0], at: r[0].at + 1000 }, r[1], r[2]], 1, /content was changed/],
    ['a removed row', (r) => [r[0], r[2]], 3, /row 2 is missing/],
    ['a removed first row', (r) => [r[1], r[2]], 2, /row 1 is missing/],
    [
      'a row rewritten with a fresh hash',
      (r) => {
        const forged = chainAfter({ seq: 1, hash: r[0].hash }, [{ ...r[1], payload: { title: 'forged' } }])[0];
        return [r[0], forged, r[2]];
      },
      3,
      /does not match the hash of row 2/,
    ],
    ['a first row not starting from genesis', (r) => [{ ...r[0], prevHash: 'f'.repeat(64) }, r[1], r[2]], 1, /genesis/],
  ])('finds %s and names the row', (_name, tamper, seq, reason) => {
    const broken = verify(tamper(rows));
    expect(broken?.seq).toBe(seq);
    expect(broken?.reason).toMatch(reason);
  });
});
