import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import {
  type EnterpriseProfile,
  type PrecheckReport,
  type TierCode,
  evaluateEligibility,
  evaluateSubmission,
  withEligibility,
} from '@ff/rules';
import type { Batch } from '@ff/batches';
import { claimsForRules } from './construction-claims';
import { factsForRules } from './eligibility-facts';
import { Application } from './entities/application.entity';
import { Submission } from './entities/submission.entity';
import { assertTransition, compareAndSet } from './application-transition';
import { SubmissionSnapshot } from './snapshot';

/** What the rules library evaluates: the frozen snapshot, never the live draft. */
export function evaluationInput(content: SubmissionSnapshot) {
  // Snapshots from before table 15 claims existed have none: the type stays to be verified, as then.
  const claims = Object.fromEntries(
    Object.entries(content.constructionClaims ?? {}).map(([d, c]) => [
      d,
      { claimed: c.claimed, evidence: c.evidence.map((e) => e.sha256) },
    ]),
  );
  const { profile, constructionEvidence } = claimsForRules(
    content.constructionType,
    claims,
    content.enterprise.profile as EnterpriseProfile,
  );
  return {
    ruleSetVersion: content.batch.ruleSetVersion,
    tier: content.tier,
    industry: content.industryMode,
    constructionType: content.constructionType ?? undefined,
    profile,
    constructionEvidence,
    declarations: content.declarations.map((d) => ({
      clauseId: d.clauseId,
      status: d.status,
      narrative: d.narrative,
      evidence: d.evidence.map((e) => e.sha256),
    })),
  };
}

/**
 * The whole 形式审查 of a snapshot: the clauses against the batch's pre-check policy, and the
 * declared facts against its eligibility policy (with the 山区海岛县 reduction as frozen), one verdict.
 */
export function precheckSnapshot(
  content: SubmissionSnapshot,
  batch: Pick<Batch, 'precheckPolicy' | 'eligibilityPolicy'>,
): PrecheckReport {
  const report = evaluateSubmission(evaluationInput(content) as never, batch.precheckPolicy);
  if (!report.tier) return report;
  const eligibility = evaluateEligibility(factsForRules(content.eligibility?.facts), batch.eligibilityPolicy, {
    tier: report.tier as TierCode,
    mountainIsland: content.eligibility?.mountainIslandCounty ?? false,
  });
  return withEligibility(report, eligibility);
}

/**
 * 形式审查 of one frozen submission. Idempotent: a submission already pre-checked is left alone,
 * so a redelivered job writes no second report and no second audit event. The report, the status
 * change and the audit event commit together.
 */
@Injectable()
@JobProcessor('precheck.run')
export class PrecheckProcessor implements JobHandler<'precheck.run'> {
  private readonly logger = new Logger('Precheck');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
  ) {}

  async handle(payload: JobPayloads['precheck.run']) {
    return this.run(payload.applicationId, payload.submissionId);
  }

  async run(applicationId: string, submissionId: string): Promise<{ outcome: string; verdict?: string }> {
    return this.dataSource.transaction(async (em) => {
      // The submit transaction holds this row lock until it commits; waiting for it here means the
      // job never reads the world from before the submission it was queued for.
      const app = await em.findOne(Application, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!app) throw new Error(`application ${applicationId} not found (submission not committed?)`);
      const sub = await em.findOne(Submission, { where: { id: submissionId, applicationId } });
      // Only possible when the submit rolled back after enqueuing; throwing lets BullMQ retry and
      // then keep the failed job for inspection, rather than silently dropping it.
      if (!sub) throw new Error(`submission ${submissionId} not found (not committed)`);
      if (sub.precheckStatus !== 'pending') return { outcome: 'already_prechecked', verdict: sub.precheckStatus };

      const batch = await this.batches.getOrFail(app.batchId, em);
      const report = precheckSnapshot(sub.content as unknown as SubmissionSnapshot, batch);
      const passed = report.verdict === 'pass';
      const now = new Date();
      const updated = await em
        .createQueryBuilder()
        .update(Submission)
        .set({
          precheckStatus: passed ? 'passed' : 'returned',
          precheckReport: () => 'CAST(:report AS jsonb)',
          precheckedAt: now,
        })
        .where('id = :id AND precheck_status = :pending', { id: sub.id, pending: 'pending' })
        .setParameter('report', JSON.stringify(report))
        .execute();
      if (!updated.affected) return { outcome: 'already_prechecked' };

      const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error').length;
      const summary = {
        submissionId: sub.id,
        seq: sub.seq,
        verdict: report.verdict,
        errors,
        findings: report.findings.length,
      };
      // Moves the application only if this is still its current submission and it is still waiting.
      if (app.currentSubmissionId === sub.id && app.status === 'submitted') {
        const event = passed ? 'precheck_pass' : 'precheck_fail';
        const to = assertTransition(app.status, event, 'system');
        const saved = await compareAndSet(em, app, to);
        await this.audit.record(
          em,
          SYSTEM_ACTOR,
          {},
          {
            action: `application.${event}`,
            entityType: 'application',
            entityId: app.id,
            before: { status: app.status, version: app.version },
            after: {
              status: saved.status,
              version: saved.version,
              ...summary,
              comment: passed ? null : `形式审查发现 ${errors} 处问题，请修改后重新提交`,
            },
          },
        );
        return { outcome: event, verdict: report.verdict };
      }
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'application.precheck_stale',
          entityType: 'application',
          entityId: app.id,
          after: { status: app.status, ...summary },
        },
      );
      this.logger.log(
        `submission ${sub.id} pre-checked after the application moved on (${app.status}); status unchanged`,
      );
      return { outcome: 'stale', verdict: report.verdict };
    });
  }
}
