import { Injectable } from '@nestjs/common';
import type { AssessmentReportInput } from './report-input';

/**
 * The facts about an application that later contexts own: the designation decision and on-site
 * verification. The designations context provides its implementation in place of this one
 * (`{ provide: ReportFactsSource, useClass: … }`); until then no application has a decision, so
 * reports say “尚未作出认定决定” and only officials read them.
 */
export abstract class ReportFactsSource {
  abstract decision(applicationId: string): Promise<AssessmentReportInput['decision'] | null>;
  abstract onSite(applicationId: string): Promise<AssessmentReportInput['onSite'] | null>;
  /** Per application of a batch, its decision in words (results export); absent = 待认定. */
  abstract decisionsOfBatch(batchId: string): Promise<Map<string, string>>;
}

@Injectable()
export class NoReportFactsYet extends ReportFactsSource {
  decision(): Promise<null> {
    return Promise.resolve(null);
  }
  onSite(): Promise<null> {
    return Promise.resolve(null);
  }
  decisionsOfBatch(): Promise<Map<string, string>> {
    return Promise.resolve(new Map());
  }
}
