import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuthorizationService } from '@ff/identity';
import { BatchesService } from '@ff/batches';
import { Enterprise, EnterprisesService } from '@ff/enterprises';
import type { TierCode } from '@ff/rules';
import { isEditable } from './application.state-machine';
import { ApplicationErrors } from './applications.errors';
import { ApplicationScope, canActAsOwner, canSeeApplication } from './applications.policy';
import { Application } from './entities/application.entity';

export const APPLICATION_TARGET = (id: string) => ({ entityType: 'application', entityId: id, label: '申报' });

export interface VisibleApplication {
  app: Application;
  enterprise: Enterprise;
}

/**
 * Loads an application for an actor or refuses with the one authorization mechanism: an unknown
 * id and another party's id give the same audited 404, so a guessed id reveals nothing.
 */
@Injectable()
export class ApplicationAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authz: AuthorizationService,
    private readonly enterprises: EnterprisesService,
    private readonly batches: BatchesService,
  ) {}

  async visible(actor: Actor, meta: RequestMeta, id: string): Promise<VisibleApplication> {
    return this.load(actor, meta, id, canSeeApplication);
  }

  /** For the enterprise's own writes; other roles are stopped earlier by @Roles. */
  async owned(actor: Actor, meta: RequestMeta, id: string): Promise<VisibleApplication> {
    return this.load(actor, meta, id, canActAsOwner);
  }

  private async load(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    allowed: (actor: Actor, scope: ApplicationScope) => boolean,
  ): Promise<VisibleApplication> {
    const app = await this.dataSource.getRepository(Application).findOneBy({ id });
    if (!app) throw await this.authz.deny(actor, meta, APPLICATION_TARGET(id));
    const enterprise = await this.enterprises.getOrFail(app.enterpriseId);
    await this.authz.ensure(
      allowed(actor, {
        enterpriseId: app.enterpriseId,
        regionCode: enterprise.regionCode,
        everSubmitted: app.currentSubmissionId !== null,
        imported: app.origin === 'import',
      }),
      actor,
      meta,
      APPLICATION_TARGET(id),
    );
    return { app, enterprise };
  }

  /** Re-reads the row under a lock inside a write transaction and checks it is still editable. */
  async lockEditable(em: EntityManager, id: string): Promise<Application> {
    const app = await em.findOne(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!app) throw new Error(`application ${id} vanished`);
    if (!isEditable(app.status)) {
      throw ApplicationErrors.raise('application_not_editable', app.status);
    }
    // A draft in a batch that no longer accepts submissions could never be submitted: the hint
    // `editable` says false then, and writes are refused the same way (batch_not_open …).
    const batch = await this.batches.getOrFail(app.batchId, em);
    this.batches.assertAcceptsSubmission(batch, app.tier as TierCode);
    return app;
  }
}
