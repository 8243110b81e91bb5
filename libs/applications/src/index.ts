/**
 * Applications (申报): one enterprise's application in one batch — the draft self-assessment and
 * its evidence, frozen submissions with their 形式审查 reports, local recommendation (属地推荐),
 * and the one state machine that governs them all. Later contexts (reviews, designations) read
 * applications through `ApplicationsService`, never the tables.
 */
export {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_NAMES,
  APPLICATION_EVENTS,
  APPLICATION_EVENT_NAMES,
  APPLICATION_STATE_MACHINE,
  APPLICATION_TRANSITIONS,
  FIRER_NAMES,
  EDITABLE_STATUSES,
  transition,
  stateMachineTable,
  type ApplicationStatus,
  type ApplicationEvent,
  type ApplicationTransition,
  type TransitionFirer,
} from './application.state-machine';
export { ApplicationsService } from './applications.service';
export { SubmissionsService } from './submissions.service';
export { Application } from './entities/application.entity';
export { ApplicationView, ApplicationDetailView, type ApplicationDetail } from './dto/application.view';
export type { HistoryEntry } from './dto/history.view';
export { ApplicationsModule } from './applications.module';
export {
  canSeeApplication,
  applicationVisibility,
  applicationVisibleSql,
  type ApplicationScope,
} from './applications.policy';
export { PrecheckProcessor, evaluationInput } from './precheck.processor';
export { type SubmissionSnapshot, snapshotHash } from './snapshot';
export { ReviewIntakeService, type ReviewCandidate, type FrozenSubmission } from './review-intake.service';
export * from './dto/precheck-report.view';
export { namedPrecheckReport } from './dto/precheck-report.names';
export { DeclarationDto, ListApplicationsQuery, MAX_DECLARATIONS, NARRATIVE_MAX } from './dto/application.dto';
export { SelfAssessmentService } from './self-assessment.service';
export { clauseProblem, assertConstructionType } from './clause-check';
export {
  ApplicationImportWriter,
  type ImportedApplication,
  type ImportedDeclarationRows,
  type ImportedEvidence,
} from './application-import.writer';
export { ConstructionClaimsDto } from './dto/construction-claims.dto';
export { claimsForRules, type ConstructionClaims } from './construction-claims';
export { ReapplicationBansService } from './reapplication-bans.service';
export { BanErrors } from './bans.errors';
export { beijingToday, isBanInForce, banInForce } from './reapplication-bans';
