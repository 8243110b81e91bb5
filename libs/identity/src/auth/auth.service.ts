import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Actor, RequestMeta, unauthorized } from '@ff/core';
import { AuditService } from '@ff/audit';
import { Session } from '../entities/session.entity';
import { User } from '../entities/user.entity';
import { IdentityErrors } from '../identity.errors';
import { holdsValidJurisdiction } from '../users/jurisdiction';
import { LoginLockout } from './login-lockout';
import { assertPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from './password';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  mustChangePassword: boolean;
}

export interface AccessClaims {
  sub: string;
  sid: string;
  role: Actor['role'];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const invalidCredentials = () => IdentityErrors.raise('invalid_credentials');
/** Refresh lookups touch the idle clock at most this often. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Login, refresh, logout and password change. Access tokens are short-lived JWTs naming a session;
 * the session row is checked on every request, so logout and password change revoke at once.
 * Refresh tokens are `<sessionId>.<secret>`, rotated on every use; a stale secret presented again
 * means the token leaked, and the whole session is revoked.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lockout: LoginLockout,
  ) {}

  async login(username: string, password: string, meta: RequestMeta & { userAgent?: string }): Promise<TokenPair> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const now = new Date();
    const clientLock = await this.lockout.clientLockedUntil(this.dataSource.manager, username, meta.ip);
    const accountLock = user?.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
    if (clientLock || accountLock) {
      await this.audit.recordStandalone(null, meta, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id,
        after: { ...(user ? {} : { username }), reason: 'locked', scope: accountLock ? 'account' : 'client' },
      });
      throw accountLock
        ? this.lockout.lockedError(accountLock, 'account')
        : this.lockout.lockedError(clientLock!, 'client');
    }
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      await this.lockout.recordFailure(null, username, meta);
      throw invalidCredentials();
    }
    // The hash is verified for inactive accounts too, so the answer's timing does not tell them apart.
    const ok = (await verifyPassword(user.passwordHash, password)) && user.active;
    if (!ok) {
      await this.lockout.recordFailure(user, username, meta);
      throw invalidCredentials();
    }
    if (!holdsValidJurisdiction(user)) {
      await this.audit.recordStandalone(null, meta, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'official_misconfigured', regionCode: user.regionCode },
      });
      throw IdentityErrors.raise('official_misconfigured');
    }
    return this.dataSource.transaction(async (em) => {
      await this.lockout.recordSuccess(em, username, meta.ip, user.id);
      const pair = await this.openSession(em, user, meta);
      await this.audit.record(em, this.actorOf(user, pair.sessionId), meta, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
      return pair.tokens;
    });
  }

  private async openSession(em: EntityManager, user: User, meta: RequestMeta & { userAgent?: string }) {
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = await em.save(
      em.create(Session, {
        userId: user.id,
        refreshHash: sha256(secret),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.config.auth.refreshTtl * 1000),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      }),
    );
    return { sessionId: session.id, tokens: await this.tokens(user, session.id, secret) };
  }

  private async tokens(user: User, sessionId: string, secret: string): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, sid: sessionId, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn: this.config.auth.accessTtl }),
      refreshToken: `${sessionId}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.config.auth.accessTtl,
      mustChangePassword: user.mustChangePassword,
    };
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenPair> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!sessionId || !secret || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId))
      throw unauthorized('invalid_refresh_token', '刷新令牌无效，请重新登录');
    const outcome = await this.dataSource.transaction(async (em): Promise<TokenPair | 'reused'> => {
      const session = await em.findOne(Session, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (!session || session.revokedAt || session.expiresAt <= now || this.idle(session, now)) {
        throw unauthorized('invalid_refresh_token', '登录已失效，请重新登录');
      }
      const user = await em.findOne(User, { where: { id: session.userId } });
      if (!user?.active) throw unauthorized('invalid_refresh_token', '登录已失效，请重新登录');
      if (!sameHash(session.refreshHash, sha256(secret))) {
        await em.update(Session, { id: session.id }, { revokedAt: now, revokedReason: 'refresh_reuse' });
        await this.audit.record(em, this.actorOf(user, session.id), meta, {
          action: 'auth.refresh_reuse_detected',
          entityType: 'session',
          entityId: session.id,
        });
        // Returned, not thrown: the revocation must commit.
        return 'reused';
      }
      const next = randomBytes(32).toString('base64url');
      await em.update(Session, { id: session.id }, { refreshHash: sha256(next), lastSeenAt: now });
      return this.tokens(user, session.id, next);
    });
    if (outcome === 'reused') {
      throw unauthorized('invalid_refresh_token', '刷新令牌已被使用，出于安全考虑该登录已注销，请重新登录');
    }
    return outcome;
  }

  async logout(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.update(
        Session,
        { id: actor.sessionId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'logout' },
      );
      await this.audit.record(em, actor, meta, {
        action: 'auth.logout',
        entityType: 'session',
        entityId: actor.sessionId,
      });
    });
  }

  /** Revokes every session of the user, including the current one: all devices log in again. */
  async changePassword(actor: Actor, current: string, next: string, meta: RequestMeta): Promise<void> {
    assertPasswordPolicy(next, 'newPassword');
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOneOrFail();
    if (user.lockedUntil && user.lockedUntil > new Date()) throw this.lockout.lockedError(user.lockedUntil, 'account');
    const clientLock = await this.lockout.clientLockedUntil(this.dataSource.manager, user.username, meta.ip);
    if (clientLock) throw this.lockout.lockedError(clientLock, 'client');
    if (!(await verifyPassword(user.passwordHash, current))) {
      const reached = await this.lockout.recordFailure(user, user.username, meta, 'password_change');
      if (reached) throw this.lockout.lockedError(this.lockout.lockEnd(), reached);
      throw IdentityErrors.field('wrong_current_password', 'currentPassword');
    }
    if (current === next) throw IdentityErrors.field('password_unchanged', 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.dataSource.transaction(async (em) => {
      await em.update(
        User,
        { id: user.id },
        { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false },
      );
      await em.update(
        Session,
        { userId: user.id, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: 'password_changed' },
      );
      await this.audit.record(em, actor, meta, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /** Resolves a bearer token to the acting user, enforcing revocation and the idle timeout. */
  async authenticate(token: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw unauthorized('invalid_token', '登录已失效，请重新登录');
    }
    if (!claims?.sid || !claims.sub) throw unauthorized('invalid_token', '登录已失效，请重新登录');
    const row = await this.dataSource
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.user_id')
      .select([
        's.id AS sid',
        's.last_seen_at AS last_seen_at',
        's.revoked_at AS revoked_at',
        's.expires_at AS expires_at',
      ])
      .addSelect(['u.id AS uid', 'u.role AS role', 'u.enterprise_id AS enterprise_id', 'u.region_code AS region_code'])
      .addSelect(['u.active AS active', 'u.must_change_password AS must_change_password'])
      .where('s.id = :sid AND s.user_id = :uid', { sid: claims.sid, uid: claims.sub })
      .getRawOne();
    const now = new Date();
    if (!row || row.revoked_at || !row.active || new Date(row.expires_at) <= now) {
      throw unauthorized('session_revoked', '登录已注销或失效，请重新登录');
    }
    if (!holdsValidJurisdiction({ role: row.role, regionCode: row.region_code })) {
      throw IdentityErrors.raise('official_misconfigured');
    }
    if (this.idle({ lastSeenAt: new Date(row.last_seen_at) }, now)) {
      throw unauthorized('session_idle', '长时间未操作，登录已失效，请重新登录');
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.getRepository(Session).update({ id: row.sid }, { lastSeenAt: now });
    }
    return {
      userId: row.uid,
      role: row.role,
      enterpriseId: row.enterprise_id,
      regionCode: row.region_code,
      sessionId: row.sid,
      mustChangePassword: row.must_change_password,
    };
  }

  private idle(session: Pick<Session, 'lastSeenAt'>, now: Date): boolean {
    return now.getTime() - session.lastSeenAt.getTime() > this.config.auth.idleTimeout * 1000;
  }

  private actorOf(user: User, sessionId?: string): Actor {
    return {
      userId: user.id,
      role: user.role,
      enterpriseId: user.enterpriseId,
      regionCode: user.regionCode,
      sessionId,
    };
  }
}
