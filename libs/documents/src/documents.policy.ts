/**
 * Who may read and request an application's assessment report. The report carries the panel's
 * scores and the experts' (anonymised) comments, which steer a decision still being taken, so:
 *
 * - officials (the province) read and request it at any time;
 * - the applicant enterprise and the recommenders whose jurisdiction holds it read it only once a
 *   designation decision is in force (confirmed by a second official; a proposal is not one) —
 *   before that, a 409 says it is not released (they know the application exists; nothing else
 *   is told);
 * - anyone else (experts, other enterprises, recommenders elsewhere): an audited 404, as for an
 *   unknown id.
 *
 * Requesting a rendering is the officials' alone; a permitted reader who downloads a report not
 * yet rendered for the current input starts its rendering (the same idempotent job).
 */
import type { Actor } from '@ff/core';
import { canSeeApplication } from '@ff/applications';
import { canSeeEnterprise } from '@ff/enterprises';

export interface ReportScope {
  enterpriseId: string;
  /** The enterprise's county code. */
  regionCode: string;
  /** A designation decision is in force for the application (confirmed, published or designated). */
  decided: boolean;
}

export type ReportAccess = 'read' | 'not_released' | 'hidden';

export function assessmentReportAccess(actor: Actor, scope: ReportScope): ReportAccess {
  if (actor.role === 'official') return 'read';
  if (actor.role !== 'enterprise' && actor.role !== 'recommender') return 'hidden';
  // A report exists only for a reviewed application, which was submitted long before.
  if (!canSeeApplication(actor, { ...scope, everSubmitted: true, imported: false })) return 'hidden';
  return scope.decided ? 'read' : 'not_released';
}

export const canRequestAssessmentReport = (actor: Actor) => actor.role === 'official';

/** The batch results workbook: officials (the province sees every application of a batch). */
export const canExportBatchResults = (actor: Actor) => actor.role === 'official';

/** Who holds a designation, as the certificate policy reads it. */
export interface CertificateScope {
  enterpriseId: string;
  /** The enterprise's county code. */
  regionCode: string;
}

/**
 * Who may request, read the status of and download a designation's certificate: officials; the
 * designated enterprise's own accounts; recommenders whose jurisdiction covers the enterprise's
 * county. Anyone else (experts, admins, other enterprises, recommenders elsewhere) gets the
 * audited 404 of an unknown id. Rendering is idempotent and content-addressed, so a permitted
 * reader's request renders nothing twice. A revoked certificate stays readable to them: the
 * certificate states what was designated, and its QR code answers the current status.
 */
export function canReadCertificate(actor: Actor, scope: CertificateScope): boolean {
  if (actor.role === 'official') return true;
  if (actor.role !== 'enterprise' && actor.role !== 'recommender') return false;
  return canSeeEnterprise(actor, { id: scope.enterpriseId, regionCode: scope.regionCode });
}

/** The designation registry workbook: officials (they read every designation already). */
export const canExportRegistry = (actor: Actor) => actor.role === 'official';
