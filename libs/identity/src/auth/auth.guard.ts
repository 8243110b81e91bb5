import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessErrors, Role, unauthorized } from '@ff/core';
import { IdentityErrors } from '../identity.errors';
import { AuditService } from '@ff/audit';
import { AuthService } from './auth.service';
import { AuthedRequest, IS_PUBLIC, ROLES, requestMetaOf } from './decorators';

const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/auth/password', '/api/v1/auth/logout', '/api/v1/auth/me']);

/**
 * The global guard: every route needs a valid session unless marked @Public, and a role listed in
 * @Roles when it has one. A route without @Roles is open to every logged-in role; its service
 * still scopes the data. Denials are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw unauthorized();
    const actor = await this.auth.authenticate(header.slice(7).trim());
    req.actor = actor;
    const path = req.url.split('?')[0];
    if (actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(path)) {
      throw IdentityErrors.raise('password_change_required');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      await this.audit.recordStandalone(actor, requestMetaOf(req), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${req.method} ${path}`,
        after: { reason: 'role', allowed: roles },
      });
      throw AccessErrors.raise('forbidden', 'role');
    }
    return true;
  }
}
