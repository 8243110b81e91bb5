import type { AssessmentReportInput } from './report-input';

/**
 * The facts about an application that the designations context owns: the decision in force and
 * the concluded on-site verification. Implemented by `DesignationReportFacts` on the read methods
 * `@ff/designations` exports (documents imports designations, never the reverse); an abstract
 * class so tests and benches may provide their own.
 */
export abstract class ReportFactsSource {
  abstract decision(applicationId: string): Promise<AssessmentReportInput['decision'] | null>;
  abstract onSite(applicationId: string): Promise<AssessmentReportInput['onSite'] | null>;
  /** Per application of a batch, its decision in words (results export); absent = 待认定. */
  abstract decisionsOfBatch(batchId: string): Promise<Map<string, string>>;
}
