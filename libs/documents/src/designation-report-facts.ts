import { Injectable } from '@nestjs/common';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { type ConcludedOnsite, type ConfirmedDecision, DesignationReads, beijingDate } from '@ff/designations';
import { getRuleSet } from '@ff/rules';
import { ReportFactsSource } from './report-facts.source';
import type { AssessmentReportInput } from './report-input';

/** `按申报层级认定（省级智能工厂）`: a decision as the results export's 认定决定 column shows it. */
export const decisionInWords = (d: Pick<ConfirmedDecision, 'outcomeName' | 'tierName'>): string =>
  `${d.outcomeName}${d.tierName ? `（${d.tierName}）` : ''}`;

/** The report's decision part: outcome, tier and reasons in words, dated the day it was confirmed (Beijing). */
export const reportDecision = (d: ConfirmedDecision): NonNullable<AssessmentReportInput['decision']> => ({
  outcome: d.outcomeName,
  tierName: d.tierName,
  reasons: d.reasonNames,
  decidedAt: beijingDate(d.confirmedAt),
});

/**
 * The report's on-site part: the conclusion (with the official's summary), the day it was concluded
 * (Beijing), and every finding with its clause's text verbatim from the batch's rule set — the
 * experts are not named.
 */
export function reportOnSite(o: ConcludedOnsite, ruleSetVersion: string): NonNullable<AssessmentReportInput['onSite']> {
  const ruleSet = getRuleSet(ruleSetVersion);
  const clauseText = (id: string) => {
    const entry = ruleSet.clauseById.get(id);
    return entry ? `${entry.clause.label ? `${entry.clause.label}）` : ''}${entry.clause.text}` : id;
  };
  const order = [...ruleSet.clauseById.keys()];
  const findings = [...o.findings].sort(
    (a, b) => order.indexOf(a.clauseId) - order.indexOf(b.clauseId) || a.at.localeCompare(b.at),
  );
  return {
    conclusion: `${o.conclusionName}${o.summary ? `。${o.summary}` : ''}`,
    date: beijingDate(o.concludedAt),
    findings: findings.map((f) => ({
      clause: clauseText(f.clauseId),
      text: `${f.met ? '符合' : '不符合'}${f.finding ? `：${f.finding}` : ''}`,
    })),
  };
}

/**
 * The assessment report's and the results export's facts from the designations context: the
 * decision in force (confirmed by a second official; a pending proposal is no decision) and the
 * concluded on-site verification.
 */
@Injectable()
export class DesignationReportFacts extends ReportFactsSource {
  constructor(
    private readonly reads: DesignationReads,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
  ) {
    super();
  }

  async decision(applicationId: string): Promise<AssessmentReportInput['decision'] | null> {
    const d = await this.reads.confirmedDecision(applicationId);
    return d ? reportDecision(d) : null;
  }

  async onSite(applicationId: string): Promise<AssessmentReportInput['onSite'] | null> {
    const o = await this.reads.concludedOnsite(applicationId);
    if (!o) return null;
    const [app] = await this.intake.byIds([applicationId]);
    const batch = await this.batches.getOrFail(app.batchId);
    return reportOnSite(o, batch.ruleSetVersion);
  }

  async decisionsOfBatch(batchId: string): Promise<Map<string, string>> {
    const decisions = await this.reads.confirmedDecisionsOfBatch(batchId);
    return new Map(decisions.map((d) => [d.applicationId, decisionInWords(d)]));
  }
}
