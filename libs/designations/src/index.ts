/**
 * Designations (认定): officials' decisions on reviewed applications (four eyes), the working-day
 * calendar, 公示 with real-name objections, designations with certificate numbers, re-review (复核)
 * rounds through the review machinery with four-eyes outcomes, revocation (creating reapplication
 * bans in @ff/applications) and the public registry and verification.
 *
 * Read API for other contexts (e.g. documents):
 * - `DesignationsService.certificateFacts(designationId)` → what a certificate prints, or null;
 * - `DecisionsService.currentDecision(applicationId)` → the decision in force (else the pending
 *   proposal), or null;
 * - `DesignationReads`: the decision in force only, the concluded on-site verification, designations
 *   with their computed status (read-only, no access checks: the caller's policy decides).
 */
export { DesignationsModule } from './designations.module';
export { DesignationsService, type CertificateFacts, effectiveStatus } from './designations.service';
export { DecisionsService } from './decisions.service';
export {
  DesignationReads,
  type ConfirmedDecision,
  type ConcludedOnsite,
  type DesignationRecord,
} from './designation-reads.service';
export { CalendarService } from './calendar/calendar.service';
export { PublicityService } from './publicity.service';
export { DesignationErrors } from './designations.errors';
export * from './designation-policy';
export * from './decision.state-machine';
export * from './designation.state-machine';
export * from './re-review-outcome';
export * from './calendar/working-days';
export { allocateSerial } from './publicity-effects.service';
