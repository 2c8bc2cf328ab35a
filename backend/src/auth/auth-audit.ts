import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AuditLogKind } from '@lifeline/shared';
import { AuditService } from '../audit/audit.service.js';

export type AuthAuditKind = Extract<AuditLogKind, `user.${string}` | `kiosk-token.${string}`>;

/**
 * Records sign-in administration (users, roles, kiosk tokens, setup) in the audit log, and in
 * the process log. Payloads never hold secrets: no passwords, hashes or tokens, only what
 * changed. (Maintenance windows, acknowledgements and notes reach the audit log through the
 * audit recorder, with the signed-in person as their author.)
 */
@Injectable()
export class AuthAudit implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private sink?: Pick<AuditService, 'append'>;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    try {
      this.sink = this.moduleRef.get(AuditService, { strict: false });
    } catch {
      this.logger.warn('no audit log in this app: admin actions are only logged');
    }
  }

  record(kind: AuthAuditKind, subject: string, actor: string, payload: Record<string, unknown> = {}): void {
    const details = Object.entries(payload)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    this.logger.log(`${kind} ${subject} by ${actor}${details ? ` (${details})` : ''}`);
    this.sink?.append(kind, subject, actor, payload);
  }
}
