import { Injectable, NotFoundException } from '@nestjs/common';
import type { KioskTokenView } from '@lifeline/shared';
import { AuthAudit } from './auth-audit.js';
import { AuthEventsService } from './auth-events.service.js';
import { KioskTokenRepository, type KioskTokenRow } from './kiosk-token.repository.js';
import { LastKnownCredentials } from './last-known-credentials.js';
import type { KioskPrincipal, UserPrincipal } from './principal.js';
import { newToken, sha256Hex, TOKEN_PREFIX } from './secret-token.js';


const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toView = (r: KioskTokenRow): KioskTokenView => ({
  id: r.id,
  name: r.name,
  createdBy: r.created_by_email,
  createdAt: r.created_at.toISOString(),
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
});

/** Noting every use would write on every request of every wall: once a minute is plenty. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Kiosk tokens for wall screens: always viewer, created by admins, shown once (only their
 * sha256 is kept), revocable, and revocation cuts the screens using them at once.
 */
@Injectable()
export class KioskTokensService {
  private readonly touched = new Map<string, number>();
  private readonly lastKnown = new LastKnownCredentials<KioskPrincipal>();

  constructor(
    private readonly tokens: KioskTokenRepository,
    private readonly events: AuthEventsService,
    private readonly audit: AuthAudit,
  ) {
    events.revocations.subscribe((r) => this.lastKnown.revoked(r));
  }

  async list(): Promise<KioskTokenView[]> {
    return (await this.tokens.list()).map(toView);
  }

  /** The token is in the answer this once; it cannot be read back later. */
  async create(name: string, actor: UserPrincipal): Promise<KioskTokenView & { token: string; url: string }> {
    const token = newToken(TOKEN_PREFIX.kiosk);
    const row = await this.tokens.create(name, sha256Hex(token), actor.userId);
    this.audit.record('kiosk-token.created', `kiosk-token:${row.id}`, actor.email, { name });
    return { ...toView(row), token, url: `/wall?kiosk=${token}` };
  }

  async revoke(id: string, actor: UserPrincipal): Promise<void> {
    if (!(await this.tokens.revoke(id))) throw new NotFoundException(`no active kiosk token ${id}`);
    this.events.revoke({ kind: 'kiosk', tokenId: id });
    this.audit.record('kiosk-token.revoked', `kiosk-token:${id}`, actor.email);
  }

  /** With the database out of reach, a token verified before still lets its wall in: the wall matters most then. */
  async resolve(token: string): Promise<KioskPrincipal | undefined> {
    const hash = sha256Hex(token);
    const principal = await this.lastKnown.resolve(hash, async () => {
      const row = await this.tokens.activeByHash(hash);
      return row ? { kind: 'kiosk', role: 'viewer', tokenId: row.id, name: row.name } : undefined;
    });
    const now = Date.now();
    if (principal && now - (this.touched.get(principal.tokenId) ?? 0) > TOUCH_EVERY_MS) {
      this.touched.set(principal.tokenId, now);
      void this.tokens.touch(principal.tokenId).catch(() => undefined);
    }
    return principal;
  }
}

export type { KioskTokenView };
