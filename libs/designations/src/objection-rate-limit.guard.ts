import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OBJECTIONS_PER_HOUR } from './designation-policy';
import { DesignationErrors } from './designations.errors';

const HOUR_MS = 3600_000;

/**
 * Objections per client address: at most OBJECTIONS_PER_HOUR an hour, counted in the same
 * throttler storage as the auth rate limit (Redis, shared by every api instance; memory without
 * Redis), in its own bucket. Over the limit: 429 with Retry-After.
 */
@Injectable()
export class ObjectionRateLimitGuard implements CanActivate {
  constructor(@Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const hit = await this.storage.increment(`objection-${req.ip}`, HOUR_MS, OBJECTIONS_PER_HOUR, HOUR_MS, 'objection');
    if (hit.isBlocked || hit.totalHits > OBJECTIONS_PER_HOUR) {
      const seconds = Math.max(1, hit.timeToBlockExpire || Math.ceil(hit.timeToExpire));
      void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(seconds));
      throw DesignationErrors.raise('objection_rate_limited', seconds);
    }
    return true;
  }
}
