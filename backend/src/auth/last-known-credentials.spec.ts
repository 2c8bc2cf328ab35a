import { describe, expect, it } from 'vitest';
import { LastKnownCredentials } from './last-known-credentials.js';
import type { KioskPrincipal, UserPrincipal } from './principal.js';

const user = (sessionId: string, userId = 'u1', sessionExpiresAt = 10_000): UserPrincipal => ({
  kind: 'user',
  role: 'operator',
  userId,
  email: `${userId}@hospital.test`,
  displayName: userId,
  sessionId,
  sessionExpiresAt,
});
const wall = (tokenId: string): KioskPrincipal => ({ kind: 'kiosk', role: 'viewer', tokenId, name: `wall ${tokenId}` });

describe('LastKnownCredentials', () => {
  it('recalls a principal verified before, by the hash of its credential', () => {
    const c = new LastKnownCredentials<UserPrincipal | KioskPrincipal>();
    c.remember('h1', user('s1'));
    c.remember('h2', wall('k1'));
    expect(c.recall('h1', 5_000)).toMatchObject({ sessionId: 's1' });
    expect(c.recall('h2', 5_000)).toMatchObject({ tokenId: 'k1' });
    expect(c.recall('unknown', 5_000)).toBeUndefined();
  });

  it('never recalls a session past its expiry', () => {
    const c = new LastKnownCredentials<UserPrincipal>();
    c.remember('h1', user('s1', 'u1', 10_000));
    expect(c.recall('h1', 10_000)).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('forgets what the database said has ended, and what a revocation ends', () => {
    const c = new LastKnownCredentials<UserPrincipal | KioskPrincipal>();
    c.remember('a', user('s1', 'u1'));
    c.remember('b', user('s2', 'u1'));
    c.remember('c', user('s3', 'u2'));
    c.remember('d', wall('k1'));
    c.remember('e', wall('k2'));
    c.forget('c');
    expect(c.recall('c', 0)).toBeUndefined();
    c.revoked({ kind: 'user', userId: 'u1', exceptSessionId: 's2' });
    expect([c.recall('a', 0), c.recall('b', 0)?.kind]).toEqual([undefined, 'user']);
    c.revoked({ kind: 'session', sessionId: 's2' });
    expect(c.recall('b', 0)).toBeUndefined();
    c.revoked({ kind: 'kiosk', tokenId: 'k1' });
    expect([c.recall('d', 0), c.recall('e', 0)?.kind]).toEqual([undefined, 'kiosk']);
  });

  it('holds at most 10,000, dropping the least recently verified first', () => {
    const c = new LastKnownCredentials<KioskPrincipal>();
    for (let i = 0; i < 10_000; i++) c.remember(`h${i}`, wall(`k${i}`));
    c.remember('h0', wall('k0')); // verified again: now the newest
    c.remember('new', wall('new'));
    expect(c.size).toBe(10_000);
    expect(c.recall('h0', 0)).toBeDefined();
    expect(c.recall('h1', 0)).toBeUndefined();
  });

  it('resolve: the database decides while it answers; only when it cannot is the last verified principal recalled', async () => {
    const c = new LastKnownCredentials<KioskPrincipal>();
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(c.resolve('h1', down)).rejects.toThrow('ECONNREFUSED');
    expect(await c.resolve('h1', async () => wall('k1'))).toMatchObject({ tokenId: 'k1' });
    expect(await c.resolve('h1', down)).toMatchObject({ tokenId: 'k1' });
    // Revoked in the database meanwhile: denied, and not recalled afterwards.
    expect(await c.resolve('h1', async () => undefined)).toBeUndefined();
    await expect(c.resolve('h1', down)).rejects.toThrow('ECONNREFUSED');
  });
});
