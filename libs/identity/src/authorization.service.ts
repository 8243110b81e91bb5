import { Injectable } from '@nestjs/common';
import { AccessErrors, Actor, AppError, RequestMeta, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';

export interface AccessTarget {
  entityType: string;
  entityId: string;
  /** Chinese name of the thing, for the 404 message, e.g. 申报. */
  label: string;
}

/**
 * The one way a service refuses access to a resource. Contexts decide *whether* (their policy
 * functions: ownership, jurisdiction, assignment); this records the denial and chooses the answer:
 * 404 when the caller must not learn that the resource exists, 403 when it may.
 */
@Injectable()
export class AuthorizationService {
  constructor(private readonly audit: AuditService) {}

  async ensure(allowed: boolean, actor: Actor, meta: RequestMeta, target: AccessTarget, hide = true): Promise<void> {
    if (allowed) return;
    throw await this.deny(actor, meta, target, hide);
  }

  async deny(actor: Actor, meta: RequestMeta, target: AccessTarget, hide = true): Promise<AppError> {
    await this.audit.recordStandalone(actor, meta, {
      action: 'access.denied',
      entityType: target.entityType,
      entityId: target.entityId,
      after: { reason: hide ? 'not_visible' : 'not_permitted' },
    });
    return hide ? notFound(target.label) : AccessErrors.raise('forbidden');
  }
}
