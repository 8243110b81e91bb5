import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Actor, RequestMeta, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';
import { LoginLockout } from '../auth/login-lockout';
import { generateOneTimePassword, hashPassword } from '../auth/password';
import { ChangeRoleDto } from '../dto/user-admin.dto';
import { OneTimePasswordView, UserView } from './user.view';
import { Session } from '../entities/session.entity';
import { User, publicUser } from '../entities/user.entity';
import { IdentityErrors } from '../identity.errors';
import { jurisdictionFor } from './jurisdiction';
import { assertNotLastAdmin } from './last-admin';
import { UsersService } from './users.service';

/**
 * What an admin does to someone else's account beyond creating it: reset its password, lift a
 * lock, change its role or jurisdiction. Each is one transaction with its audit event; a reset and
 * a role change end every session of the account, so the old authority stops at once.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly lockout: LoginLockout,
  ) {}

  /**
   * A new random one-time password, shown once to the admin; the user must change it at the next
   * login. Locks are lifted too — the reset is how a locked-out owner gets back in.
   */
  async resetPassword(actor: Actor, meta: RequestMeta, id: string): Promise<OneTimePasswordView> {
    const oneTimePassword = generateOneTimePassword();
    const passwordHash = await hashPassword(oneTimePassword);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockedRow(em, id);
      await em.update(User, { id }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true });
      await this.lockout.clearAll(em, user.username, id);
      const revoked = await this.revokeSessions(em, id, 'password_reset');
      await this.audit.record(em, actor, meta, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        before: { mustChangePassword: user.mustChangePassword },
        after: { mustChangePassword: true, sessionsRevoked: revoked },
      });
      return { user: await this.view(em, id), oneTimePassword };
    });
  }

  /**
   * The CLI recovery when the only admin's password is lost (`npm run admin:reset-password --
   * <username>`): the same reset, by username, for admin accounts only — anyone else is reset by an
   * admin in the system. A deactivated admin is reactivated: the recovery must end with a way in.
   */
  async resetAdminPassword(actor: Actor, username: string): Promise<OneTimePasswordView> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) throw IdentityErrors.raise('user_not_found', username);
    if (user.role !== 'admin') throw IdentityErrors.raise('not_an_admin', user.username);
    if (!user.active) {
      await this.dataSource.transaction(async (em) => {
        await em.update(User, { id: user.id }, { active: true });
        await this.audit.record(
          em,
          actor,
          { requestId: 'cli' },
          {
            action: 'user.updated',
            entityType: 'user',
            entityId: user.id,
            before: { active: false },
            after: { active: true },
          },
        );
      });
    }
    return this.resetPassword(actor, { requestId: 'cli' }, user.id);
  }

  /** Lifts the account's lock and every per-address lock on it. Sessions are untouched. */
  async unlock(actor: Actor, meta: RequestMeta, id: string): Promise<UserView> {
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockedRow(em, id);
      const before = (await this.users.views(em, [user]))[0];
      await this.lockout.clearAll(em, user.username, id);
      await this.audit.record(em, actor, meta, {
        action: 'user.unlocked',
        entityType: 'user',
        entityId: id,
        before: { lockedUntil: before.lockedUntil, lockedAddresses: before.lockedAddresses },
        after: { lockedUntil: null, lockedAddresses: 0 },
      });
      return this.view(em, id);
    });
  }

  /**
   * A new role and/or jurisdiction, under the same rule as at creation (officials are the
   * province). Enterprise accounts stay enterprise accounts (they are bound to their enterprise),
   * an admin does not change their own authority, and the last active admin stays one.
   */
  async changeRole(actor: Actor, meta: RequestMeta, id: string, dto: ChangeRoleDto): Promise<UserView> {
    if (id === actor.userId) throw IdentityErrors.raise('cannot_change_own_role');
    const regionCode = jurisdictionFor(dto.role, dto.regionCode);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockedRow(em, id);
      if (user.role === 'enterprise' || dto.role === 'enterprise')
        throw IdentityErrors.field('role_not_assignable', 'role');
      if (user.role === 'admin' && dto.role !== 'admin') await assertNotLastAdmin(em, id);
      const before = publicUser(user);
      await em.update(User, { id }, { role: dto.role, regionCode });
      const revoked = await this.revokeSessions(em, id, 'role_changed');
      const after = await em.findOneByOrFail(User, { id });
      await this.audit.record(em, actor, meta, {
        action: 'user.role_changed',
        entityType: 'user',
        entityId: id,
        before: { role: before.role, regionCode: before.regionCode },
        after: { role: after.role, regionCode: after.regionCode, sessionsRevoked: revoked },
      });
      return (await this.users.views(em, [after]))[0];
    });
  }

  private async lockedRow(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('用户');
    return user;
  }

  private async view(em: EntityManager, id: string): Promise<UserView> {
    return (await this.users.views(em, [await em.findOneByOrFail(User, { id })]))[0];
  }

  private async revokeSessions(em: EntityManager, userId: string, reason: string): Promise<number> {
    const result = await em.update(
      Session,
      { userId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }
}
