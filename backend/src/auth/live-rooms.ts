import type { Revocation } from './auth-events.service.js';
import { seesInternals, type Principal } from './principal.js';

/** Sockets that get the full live events (operators, admins). */
export const FULL_ROOM = 'role:operator';
/** Sockets that get the viewer projection (viewers, kiosks, the demo's anonymous visitors). */
export const VIEWER_ROOM = 'role:viewer';

/** The rooms a socket joins: its audience, and what a revocation would name it by. */
export function roomsFor(p: Principal): string[] {
  const audience = seesInternals(p) ? FULL_ROOM : VIEWER_ROOM;
  switch (p.kind) {
    case 'user':
      return [audience, `user:${p.userId}`, `session:${p.sessionId}`];
    case 'kiosk':
      return [audience, `kiosk:${p.tokenId}`];
    default:
      return [audience];
  }
}

/** The sockets a revocation cuts: a room, minus the one of a session that stays. */
export function roomsToCut(r: Revocation): { room: string; except?: string } {
  switch (r.kind) {
    case 'session':
      return { room: `session:${r.sessionId}` };
    case 'kiosk':
      return { room: `kiosk:${r.tokenId}` };
    case 'user':
      return { room: `user:${r.userId}`, ...(r.exceptSessionId ? { except: `session:${r.exceptSessionId}` } : {}) };
  }
}
