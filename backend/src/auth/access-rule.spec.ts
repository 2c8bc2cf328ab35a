import { describe, expect, it } from 'vitest';
import { permits } from './access-rule.js';
import type { Principal } from './principal.js';
import { ACCESS_LEVELS } from './roles.js';

const user = (role: 'viewer' | 'operator' | 'admin'): Principal => ({ kind: 'user', role, userId: 'u', email: 'e@x', displayName: 'E', sessionId: 's', sessionExpiresAt: 0 });
const who: Record<string, Principal | undefined> = {
  nobody: undefined,
  anonymous: { kind: 'anonymous', role: 'viewer' },
  kiosk: { kind: 'kiosk', role: 'viewer', tokenId: 't', name: 'Wall' },
  viewer: user('viewer'),
  operator: user('operator'),
  admin: user('admin'),
  metrics: { kind: 'metrics' },
};

/** Rows: access level; columns in the order of `who`. */
const TABLE: Record<(typeof ACCESS_LEVELS)[number], boolean[]> = {
  public: [true, true, true, true, true, true, true],
  'heartbeat-key': [true, true, true, true, true, true, true],
  viewer: [false, true, true, true, true, true, false],
  operator: [false, false, false, false, true, true, false],
  admin: [false, false, false, false, false, true, false],
  metrics: [false, false, false, false, false, true, true],
};

describe('permits', () => {
  for (const level of ACCESS_LEVELS) {
    it(`${level}`, () => {
      expect(Object.values(who).map((p) => permits(level, p))).toEqual(TABLE[level]);
    });
  }
});
