import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { IdentityErrors } from '../identity.errors';

/**
 * The auth rate limit (AUTH_RATE_LIMIT_PER_MINUTE per client address): one bucket shared by every
 * route that carries this guard — login, refresh, register and password change — so spreading
 * guesses over the routes gains nothing. Routes a signed-in portal calls all the time (`/auth/me`,
 * logout) do not carry it. Over the limit: 429 with a standard `Retry-After` (seconds).
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  /** The library keys by controller and handler, i.e. one bucket per route; here one per client. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}-${tracker}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(seconds));
    throw IdentityErrors.raise('too_many_requests', seconds);
  }
}
