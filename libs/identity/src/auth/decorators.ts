import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, RequestMeta, Role } from '@ff/core';

export const IS_PUBLIC = 'ff:public';
export const ROLES = 'ff:roles';

/** The route needs no login (login itself, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call the route at all; ownership is checked again by the service. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthedRequest = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

export function requestMetaOf(req: FastifyRequest): RequestMeta & { userAgent?: string } {
  return { requestId: String(req.id), ip: req.ip, userAgent: req.headers['user-agent'] };
}

export const ReqMeta = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  requestMetaOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
