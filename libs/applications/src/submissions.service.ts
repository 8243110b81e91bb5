import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { QueueService, jobId } from '@ff/queue';
import { type Batch, BatchesService } from '@ff/batches';
import { MountainIslandService } from '@ff/enterprises';
import type { Enterprise } from '@ff/enterprises';
import type { PrecheckReport, TierCode } from '@ff/rules';
import { ApplicationAccess } from './application-access.service';
import { assertTransition, compareAndSet } from './application-transition';
import { ApplicationsService } from './applications.service';
import { assertConstructionType } from './clause-check';
import { WithdrawDto } from './dto/application.dto';
import { ApplicationDetail, auditView } from './dto/application.view';
import { Application } from './entities/application.entity';
import { Submission } from './entities/submission.entity';
import { buildSnapshot, snapshotHash } from './snapshot';
import { PrecheckReportView, PrecheckResultView } from './dto/precheck-report.view';
import { precheckSnapshot } from './precheck.processor';
import { namedPrecheckReport } from './dto/precheck-report.names';

const precheckJobId = (s: { applicationId: string; id: string }) => jobId('precheck.run', s.applicationId, s.id);

const PRECHECK_STATUS_NAMES = { pending: '形式审查中', passed: '形式审查通过', returned: '形式审查未通过' } as const;

/** The enterprise's side of the state machine: submit (freeze + queue the pre-check) and withdraw. */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly batches: BatchesService,
    private readonly access: ApplicationAccess,
    private readonly applications: ApplicationsService,
    private readonly mountainIsland: MountainIslandService,
  ) {}

  /**
   * Freezes the self-assessment into an immutable submission and queues its pre-check, all in
   * one transaction with the status change and the audit event.
   *
   * The job is enqueued *inside* the transaction, before commit: if Redis is down the enqueue
   * throws (503 queue_unavailable) and everything rolls back, so there is never a `submitted`
   * application without a pre-check job. Enqueuing after commit could leave one stranded.
   * The price is that the job may start before the commit; the processor therefore first locks
   * the application row, which this transaction holds until it ends, so it sees the committed
   * submission — or, if the commit failed, no submission, and it throws (a retried no-op).
   */
  async submit(actor: Actor, meta: RequestMeta, id: string): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const batch = await this.batches.getOrFail(loaded.batchId);
    this.batches.assertAcceptsSubmission(batch, loaded.tier as TierCode);
    const app = await this.dataSource.transaction(async (em) => {
      const current = await em.findOneOrFail(Application, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const { saved } = await this.freeze(em, actor, meta, current, batch, enterprise, 'enterprise', (submission) =>
        // The job is queued inside the transaction; its handler waits on this row lock, so it sees
        // the committed submission (or, if this transaction rolls back, finds nothing to do).
        this.queue.enqueue(
          'precheck.run',
          { applicationId: id, submissionId: submission.id },
          { jobId: precheckJobId(submission) },
        ),
      );
      return saved;
    });
    return this.applications.detail(app, enterprise, actor);
  }

  /**
   * 代为提交: the import commit submits, in its own transaction, every application it created or
   * updated — the same frozen snapshot, submission row, compare-and-set and audit event as the
   * enterprise's own submit, fired as `importer` (draft or returned only) and audited with
   * `onBehalfOf` the enterprise and the import. `app` must be locked by the caller's transaction,
   * whose batch checks (open, window, tier) it has already made. The pre-check is not queued here:
   * the caller queues `precheckJobs` once its transaction has committed.
   */
  async submitImported(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    app: Application,
    batch: Batch,
    enterprise: Enterprise,
    importId: string,
  ): Promise<{ applicationId: string; submissionId: string }> {
    const { submission } = await this.freeze(em, actor, meta, app, batch, enterprise, 'importer', async () => {}, {
      onBehalfOf: { enterpriseId: enterprise.id, mode: '代为提交' },
      importId,
    });
    return { applicationId: app.id, submissionId: submission.id };
  }

  /** Queues the pre-checks of submissions already committed (deterministic job ids: a repeat is a no-op). */
  async queuePrechecks(items: readonly { applicationId: string; submissionId: string }[]): Promise<void> {
    for (const it of items)
      await this.queue.enqueue('precheck.run', it, { jobId: precheckJobId({ ...it, id: it.submissionId }) });
  }

  /** The submit itself, whoever fires it: freeze the content, store the submission, move the status, audit. */
  private async freeze(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    current: Application,
    batch: Batch,
    enterprise: Enterprise,
    firer: 'enterprise' | 'importer',
    beforeAudit: (submission: Submission) => Promise<unknown>,
    auditExtra: Record<string, unknown> = {},
  ): Promise<{ saved: Application; submission: Submission }> {
    const to = assertTransition(current.status, 'submit', firer);
    assertConstructionType(current.tier, current.constructionType);
    const designated = await this.mountainIsland.isDesignated(enterprise.regionCode, em);
    const content = await buildSnapshot(em, current, batch, enterprise, designated);
    const [{ next }] = await em.query(
      `SELECT coalesce(max(seq), 0) + 1 AS next FROM application_submissions WHERE application_id = $1`,
      [current.id],
    );
    const submission = await em.save(
      em.create(Submission, {
        applicationId: current.id,
        seq: Number(next),
        content: content as unknown as Record<string, unknown>,
        contentHash: snapshotHash(content),
        submittedBy: actor.userId,
        precheckStatus: 'pending' as const,
      }),
    );
    const saved = await compareAndSet(em, current, to, { currentSubmissionId: submission.id });
    await beforeAudit(submission);
    await this.audit.record(em, actor, meta, {
      action: 'application.submit',
      entityType: 'application',
      entityId: current.id,
      before: auditView(current),
      after: {
        ...auditView(saved),
        submissionId: submission.id,
        seq: submission.seq,
        contentHash: submission.contentHash,
        ...auditExtra,
      },
    });
    return { saved, submission };
  }

  async withdraw(actor: Actor, meta: RequestMeta, id: string, dto: WithdrawDto): Promise<ApplicationDetail> {
    const { app: loaded, enterprise } = await this.access.owned(actor, meta, id);
    const to = assertTransition(loaded.status, 'withdraw', 'enterprise');
    const app = await this.dataSource.transaction(async (em) => {
      const saved = await compareAndSet(em, loaded, to);
      await this.audit.record(em, actor, meta, {
        action: 'application.withdraw',
        entityType: 'application',
        entityId: id,
        before: auditView(loaded),
        after: { ...auditView(saved), comment: dto.reason?.trim() || null },
      });
      return saved;
    });
    return this.applications.detail(app, enterprise, actor);
  }

  /** The current submission's 形式审查 outcome and report. */
  async precheck(actor: Actor, meta: RequestMeta, id: string): Promise<PrecheckResultView> {
    const { app } = await this.access.visible(actor, meta, id);
    if (!app.currentSubmissionId) {
      return {
        applicationId: id,
        submissionId: null,
        seq: null,
        contentHash: null,
        submittedAt: null,
        precheckStatus: 'not_submitted',
        precheckStatusName: '尚未提交',
        precheckedAt: null,
        report: null,
      };
    }
    const sub = await this.dataSource.getRepository(Submission).findOneByOrFail({ id: app.currentSubmissionId });
    return {
      applicationId: id,
      submissionId: sub.id,
      seq: sub.seq,
      contentHash: sub.contentHash,
      submittedAt: sub.submittedAt,
      precheckStatus: sub.precheckStatus,
      precheckStatusName: PRECHECK_STATUS_NAMES[sub.precheckStatus],
      precheckedAt: sub.precheckedAt,
      report: sub.precheckReport ? namedPrecheckReport(sub.precheckReport as unknown as PrecheckReport) : null,
    };
  }

  /**
   * 形式审查 of the stored draft as it would be submitted now — the same snapshot and the batch's
   * policy — stored nowhere, changing nothing.
   */
  async dryRun(actor: Actor, meta: RequestMeta, id: string): Promise<PrecheckReportView> {
    const { app, enterprise } = await this.access.visible(actor, meta, id);
    const batch = await this.batches.getOrFail(app.batchId);
    const designated = await this.mountainIsland.isDesignated(enterprise.regionCode);
    const content = await buildSnapshot(this.dataSource.manager, app, batch, enterprise, designated);
    return namedPrecheckReport(precheckSnapshot(content, batch));
  }
}
