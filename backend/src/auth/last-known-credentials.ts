import type { Revocation } from './auth-events.service.js';
import type { KioskPrincipal, UserPrincipal } from './principal.js';

const MAX_ENTRIES = 10_000;

/**
 * The principals behind credentials this process has recently verified in the database, by
 * the credential's sha256, so that while the database is out of reach a signed-in operator
 * and the wall screens keep their access (the morning an outage happens is when they need
 * it). Used only when the lookup itself fails; an ended session is never recalled, and a
 * revocation seen here drops the entry. Nothing can be revoked while the database is out.
 */
export class LastKnownCredentials<P extends UserPrincipal | KioskPrincipal> {
  private readonly byHash = new Map<string, P>();

  /**
   * Looks the credential up in the database: remembers what it confirms, forgets what it
   * denies, and, only when it cannot answer, recalls what it confirmed before.
   */
  async resolve(hash: string, lookUp: () => Promise<P | undefined>, now = Date.now()): Promise<P | undefined> {
    let principal: P | undefined;
    try {
      principal = await lookUp();
    } catch (err) {
      const known = this.recall(hash, now);
      if (known) return known;
      throw err;
    }
    if (principal) this.remember(hash, principal);
    else this.forget(hash);
    return principal;
  }

  remember(hash: string, principal: P): void {
    this.byHash.delete(hash); // re-inserted last: the oldest go first when full
    this.byHash.set(hash, principal);
    if (this.byHash.size > MAX_ENTRIES) this.byHash.delete(this.byHash.keys().next().value!);
  }

  forget(hash: string): void {
    this.byHash.delete(hash);
  }

  recall(hash: string, now: number): P | undefined {
    const p = this.byHash.get(hash);
    if (p?.kind === 'user' && p.sessionExpiresAt <= now) {
      this.byHash.delete(hash);
      return undefined;
    }
    return p;
  }

  /** Drops whatever a revocation ends. */
  revoked(r: Revocation): void {
    for (const [hash, p] of this.byHash) {
      const ends =
        (r.kind === 'session' && p.kind === 'user' && p.sessionId === r.sessionId) ||
        (r.kind === 'user' && p.kind === 'user' && p.userId === r.userId && p.sessionId !== r.exceptSessionId) ||
        (r.kind === 'kiosk' && p.kind === 'kiosk' && p.tokenId === r.tokenId);
      if (ends) this.byHash.delete(hash);
    }
  }

  get size(): number {
    return this.byHash.size;
  }
}
