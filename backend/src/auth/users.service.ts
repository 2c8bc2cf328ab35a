import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ValidationFailed } from '../common/http-exception.filter.js';
import { AuthAudit } from './auth-audit.js';
import { hashPassword, verifyPassword } from './password.js';
import type { UserPrincipal } from './principal.js';
import type { Role } from './roles.js';
import { SessionsService } from './sessions.service.js';
import { UserRepository, type UserChanges } from './user.repository.js';
import { toUserView, type UserView } from './user-view.js';

export interface CreateUser {
  email: string;
  displayName: string;
  role: Role;
  /** Unset: the person signs in through the directory (OIDC) only. */
  password?: string;
}

export interface UpdateUser {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  /** An admin setting a new password (the person is signed out everywhere). */
  password?: string;
}

/**
 * People and their roles. A change to role, status or password ends the person's sessions
 * and cuts their live connections at once. One enabled admin always remains.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuthAudit,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  async create(input: CreateUser, actor: UserPrincipal): Promise<UserView> {
    const row = await this.users.insert({
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    });
    if (!row) throw new ConflictException(`a user with e-mail ${input.email.toLowerCase()} exists already`);
    this.audit.record('user.created', row.email, actor.email, { role: row.role, password: !!input.password });
    return toUserView(row);
  }

  async update(id: string, input: UpdateUser, actor: UserPrincipal): Promise<UserView> {
    const before = await this.users.byId(id);
    if (!before) throw new NotFoundException(`no user ${id}`);
    const losesAdmin = before.role === 'admin' && !before.disabled && ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin && (await this.users.countEnabledAdmins(id)) === 0) {
      throw new ConflictException('this is the last enabled admin: make someone else admin first');
    }
    const changes: UserChanges = {};
    if (input.displayName !== undefined && input.displayName !== before.display_name) changes.displayName = input.displayName;
    if (input.role !== undefined && input.role !== before.role) changes.role = input.role;
    if (input.disabled !== undefined && input.disabled !== before.disabled) changes.disabled = input.disabled;
    if (input.password !== undefined) changes.passwordHash = await hashPassword(input.password);
    const cut = changes.role !== undefined || changes.disabled !== undefined || changes.passwordHash !== undefined;
    const after = (await this.users.update(id, changes, cut))!;
    if (cut) await this.sessions.cutUser(id);
    const { passwordHash, ...shown } = changes;
    if (Object.keys(changes).length) this.audit.record('user.updated', after.email, actor.email, { ...shown, ...(passwordHash ? { password: 'reset' } : {}) });
    return toUserView(after);
  }

  /** Changes one's own password: the other sessions end, this one stays. */
  async changeOwnPassword(p: UserPrincipal, current: string, next: string): Promise<void> {
    const user = await this.users.byId(p.userId);
    if (!user) throw new ForbiddenException('no such user');
    if (!user.password_hash) throw new ForbiddenException('you sign in through your organisation (OIDC): change your password there');
    if (!(await verifyPassword(user.password_hash, current))) throw new ValidationFailed([{ path: 'currentPassword', message: 'does not match your current password' }]);
    if (current === next) throw new ValidationFailed([{ path: 'newPassword', message: 'must differ from the current password' }]);
    await this.users.update(p.userId, { passwordHash: await hashPassword(next) }, true);
    await this.sessions.cutUser(p.userId, p.sessionId);
    this.audit.record('user.password-changed', user.email, user.email);
  }
}
