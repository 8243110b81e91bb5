import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@ff/audit';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { AppError, RequestMeta } from '@ff/core';
import { IdentityErrors } from '../identity.errors';
import { Session } from '../entities/session.entity';
import { User } from '../entities/user.entity';

/** The lock a failed attempt reached, if any: the (name, address) pair, or the account itself. */
export type LockReached = 'client' | 'account' | null;

/** `UPDATE/INSERT … RETURNING` comes back as [rows, affectedCount] from the postgres driver. */
const firstRow = <T>(result: unknown): T =>
  Array.isArray((result as unknown[])[0]) ? (result as T[][])[0][0] : (result as T[])[0];

/**
 * Failed passwords lock in two steps, so knowing a username is not enough to lock its owner out:
 * 1. LOGIN_MAX_FAILURES (5) from one client address lock that (username, address) pair — a brute
 *    force from one place stops, while the owner elsewhere still signs in. The pair is keyed by the
 *    name as typed, so unknown names lock exactly like real ones.
 * 2. LOGIN_ACCOUNT_MAX_FAILURES (50) consecutive failures from anywhere lock the account — the
 *    bound on a brute force spread over many addresses; reaching it takes ten addresses or more.
 * A success resets its pair and the account count. A count older than the lock period starts over.
 * Every failure is audited in the transaction that counts it.
 */
@Injectable()
export class LoginLockout {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts a failed password — at login (`user` null for an unknown name), or a wrong current
   * password when changing it — on the (name, client address) pair and on the account, and audits
   * it (the two bars above). A lock reached through a password change (someone
   * holding a session guesses the password) also ends every session.
   */
  async recordFailure(
    user: User | null,
    username: string,
    meta: RequestMeta,
    during: 'login' | 'password_change' = 'login',
  ): Promise<LockReached> {
    return this.dataSource.transaction(async (em) => {
      const counted = await this.count(em, username, meta.ip, user?.id ?? null);
      const reason = !user
        ? 'unknown_user'
        : !user.active
          ? 'inactive'
          : during === 'login'
            ? 'bad_password'
            : 'bad_current_password';
      await this.audit.record(em, null, meta, {
        action: counted.reached
          ? 'auth.locked'
          : during === 'login'
            ? 'auth.login_failed'
            : 'auth.password_change_failed',
        entityType: 'user',
        entityId: user?.id,
        after: {
          ...(user ? {} : { username }),
          reason,
          ...(counted.reached ? { scope: counted.reached } : {}),
          clientFailures: counted.clientFailures,
          ...(counted.accountFailures === null ? {} : { failedLogins: counted.accountFailures }),
        },
      });
      if (counted.reached && during === 'password_change' && user) {
        await em.update(
          Session,
          { userId: user.id, revokedAt: IsNull() },
          { revokedAt: new Date(), revokedReason: 'locked' },
        );
      }
      return counted.reached;
    });
  }

  /** The pair's lock end, when locked now. */
  async clientLockedUntil(em: EntityManager, username: string, clientIp: string | undefined): Promise<Date | null> {
    const rows: { locked_until: Date }[] = await em.query(
      `SELECT locked_until FROM login_failures WHERE username = $1 AND client_ip = $2 AND locked_until > now()`,
      [username.toLowerCase(), clientIp ?? ''],
    );
    return rows[0]?.locked_until ?? null;
  }

  /** Counts one failure for the pair and, for a real account, for the account; says which lock it reached. */
  private async count(
    em: EntityManager,
    username: string,
    clientIp: string | undefined,
    userId: string | null,
  ): Promise<{ reached: LockReached; clientFailures: number; accountFailures: number | null }> {
    const { maxFailures, accountMaxFailures, lockSeconds } = this.config.auth;
    const pair = firstRow<{ failures: number }>(
      await em.query(
        `INSERT INTO login_failures AS f (username, client_ip, failures) VALUES ($1, $2, 1)
         ON CONFLICT (username, client_ip) DO UPDATE SET
           failures = CASE WHEN f.locked_until <= now() OR f.last_failure_at < now() - make_interval(secs => $3)
                      THEN 1 ELSE f.failures + 1 END,
           locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until END,
           last_failure_at = now()
         RETURNING failures`,
        [username.toLowerCase(), clientIp ?? '', lockSeconds],
      ),
    );
    let reached: LockReached = null;
    if (pair.failures >= maxFailures) {
      reached = 'client';
      await em.query(
        `UPDATE login_failures SET locked_until = now() + make_interval(secs => $3) WHERE username = $1 AND client_ip = $2`,
        [username.toLowerCase(), clientIp ?? '', lockSeconds],
      );
    }
    // Rows of names and addresses that stopped failing long ago: a bounded sweep on each failure.
    await em.query(
      `DELETE FROM login_failures WHERE ctid IN (SELECT ctid FROM login_failures
         WHERE last_failure_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now()) LIMIT 100)`,
      [Math.max(lockSeconds, 86_400)],
    );
    if (!userId) return { reached, clientFailures: pair.failures, accountFailures: null };
    const account = firstRow<{ failed_logins: number }>(
      await em.query(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END
         WHERE id = $1 RETURNING failed_logins`,
        [userId, accountMaxFailures, lockSeconds],
      ),
    );
    if (account.failed_logins >= accountMaxFailures) {
      reached = 'account';
      await em.query(`UPDATE users SET failed_logins = 0 WHERE id = $1`, [userId]);
    }
    return { reached, clientFailures: pair.failures, accountFailures: account.failed_logins };
  }

  /** After a correct password: this address's count and the account's count start over. */
  async recordSuccess(em: EntityManager, username: string, clientIp: string | undefined, userId: string) {
    await em.query(`DELETE FROM login_failures WHERE username = $1 AND client_ip = $2`, [
      username.toLowerCase(),
      clientIp ?? '',
    ]);
    await em.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
  }

  /** The admin's unlock: the account and every address locked out of it. */
  async clearAll(em: EntityManager, username: string, userId: string): Promise<void> {
    await em.query(`DELETE FROM login_failures WHERE username = $1`, [username.toLowerCase()]);
    await em.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
  }

  lockedError(until: Date, scope: Exclude<LockReached, null>): AppError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
    return IdentityErrors.raise('account_locked', minutes, scope);
  }

  lockEnd(): Date {
    return new Date(Date.now() + this.config.auth.lockSeconds * 1000);
  }
}
