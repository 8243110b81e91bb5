import { Injectable } from '@nestjs/common';
import { Actor, RequestMeta } from '@ff/core';
import { type ReviewCandidate, ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { AuthorizationService } from '@ff/identity';
import { ResultsReader } from '@ff/reviews';
import { DocumentErrors } from './documents.errors';
import { assessmentReportAccess } from './documents.policy';
import { DocumentStore, documentInputHash } from './document-store.service';
import { type AssessmentReportStatusView, toReportStatusView } from './dto/document.view';
import type { DocumentRecord } from './entities/document.entity';
import { ReportFactsSource } from './report-facts.source';
import { type AssessmentReportInput, buildAssessmentReportInput } from './report-input';

const LABEL = '评估报告';

interface Loaded {
  app: ReviewCandidate;
  input: AssessmentReportInput;
  decided: boolean;
}

/**
 * An application's assessment report: assembled from the frozen submission, its pre-check report,
 * the latest panel result with the submitted sheets, and — when their contexts supply them — the
 * decision and on-site findings; stored as a document keyed by the hash of that content.
 */
@Injectable()
export class AssessmentReportService {
  constructor(
    private readonly intake: ReviewIntakeService,
    private readonly results: ResultsReader,
    private readonly batches: BatchesService,
    private readonly facts: ReportFactsSource,
    private readonly store: DocumentStore,
    private readonly authz: AuthorizationService,
  ) {}

  async status(actor: Actor, meta: RequestMeta, applicationId: string): Promise<AssessmentReportStatusView> {
    const { input, decided } = await this.load(actor, meta, applicationId);
    const row = await this.store.find('assessment_report', applicationId, input);
    return toReportStatusView(applicationId, documentInputHash('assessment_report', input), row, decided);
  }

  /** Queues the rendering for the current content (nothing new when it is rendered or rendering already). */
  async request(actor: Actor, meta: RequestMeta, applicationId: string): Promise<AssessmentReportStatusView> {
    const { input, decided } = await this.load(actor, meta, applicationId);
    const row = await this.store.request(actor, meta, 'assessment_report', applicationId, input);
    return toReportStatusView(applicationId, documentInputHash('assessment_report', input), row, decided);
  }

  /** The PDF when it is rendered for the current content; otherwise its rendering is requested and its status returned. */
  async content(
    actor: Actor,
    meta: RequestMeta,
    applicationId: string,
  ): Promise<
    { ready: DocumentRecord; stream: NodeJS.ReadableStream; fileName: string } | { pending: AssessmentReportStatusView }
  > {
    const { input, decided } = await this.load(actor, meta, applicationId);
    const found = await this.store.find('assessment_report', applicationId, input);
    // Not ready: request it — the job may have finished in between, so the answer is read again.
    const row =
      found?.status === 'ready'
        ? found
        : await this.store.request(actor, meta, 'assessment_report', applicationId, input);
    if (row.status === 'ready')
      return {
        ready: row,
        stream: await this.store.open(row),
        fileName: `评估报告-${input.application.enterpriseName}.pdf`,
      };
    return { pending: toReportStatusView(applicationId, documentInputHash('assessment_report', input), row, decided) };
  }

  /** The report's content now, after the access check (an unknown or hidden id: audited 404). */
  private async load(actor: Actor, meta: RequestMeta, applicationId: string): Promise<Loaded> {
    const [app] = await this.intake.byIds([applicationId]);
    const decision = app ? await this.facts.decision(applicationId) : null;
    const access = app ? assessmentReportAccess(actor, { ...app, decided: !!decision }) : 'hidden';
    if (access === 'hidden')
      throw await this.authz.deny(actor, meta, { entityType: 'application', entityId: applicationId, label: LABEL });
    if (access === 'not_released') throw DocumentErrors.raise('report_not_released');
    const stored = await this.results.latestForApplication(applicationId);
    const frozen = stored ? await this.intake.frozen(applicationId, app.submissionId) : null;
    if (!stored || !frozen) throw DocumentErrors.raise('report_not_available');
    const [sheets, batch, onSite] = await Promise.all([
      this.results.submittedSheets(stored.roundId, applicationId),
      this.batches.getOrFail(app.batchId),
      this.facts.onSite(applicationId),
    ]);
    const input = buildAssessmentReportInput({
      applicationId,
      submission: {
        contentHash: frozen.contentHash,
        submittedAt: frozen.submittedAt,
        content: frozen.content,
        precheckReport: frozen.precheckReport,
      },
      result: stored,
      policy: batch.scoringPolicy,
      sheets,
      decision,
      onSite,
    });
    return { app, input, decided: !!decision };
  }
}
