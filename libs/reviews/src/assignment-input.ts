import type { ReviewCandidate } from '@ff/applications';
import { getRuleSet, tierScope, type TierCode } from '@ff/rules';
import type { AssignmentExpert, AssignmentTask, ConflictPolicy } from './assignment';
import type { Expert } from './entities/expert.entity';
import type { PreviewAdjustment } from './entities/review-round.entity';

/**
 * Pure translation between the database's records and the solver's plain input: slot ids
 * (`<applicationId>~<domain>`), experts with their loads, dates as Beijing calendar days.
 */
export const slotId = (applicationId: string, domain: string) => `${applicationId}~${domain}`;
export const parseSlotId = (id: string) => {
  const [applicationId, domain] = id.split('~');
  return { applicationId, domain };
};

/** The calendar day in Beijing (UTC+8, no DST) of an instant. */
export const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function slotsOf(
  apps: ReviewCandidate[],
  ruleSetVersion: string,
  panelSizes: Record<TierCode, number>,
): AssignmentTask[] {
  const ruleSet = getRuleSet(ruleSetVersion);
  const names = new Map(ruleSet.domains.map((d) => [d.code, d.name]));
  return apps.flatMap((a) =>
    tierScope(ruleSet, a.tier).domains.map((domain) => ({
      id: slotId(a.applicationId, domain),
      applicationId: a.applicationId,
      enterpriseId: a.enterpriseId,
      domain,
      domainName: names.get(domain),
      panelSize: panelSizes[a.tier],
      applicant: {
        creditCode: a.creditCode,
        countyCode: a.regionCode,
        vendorCreditCodes: a.vendorCreditCodes,
        enterpriseName: a.enterpriseName,
      },
    })),
  );
}

export function expertInput(e: Expert, currentLoad: number, previousEnterpriseIds: string[]): AssignmentExpert {
  return {
    id: e.id,
    name: e.name,
    employer:
      e.employerCreditCode || e.employerName
        ? { creditCode: e.employerCreditCode, name: e.employerName, groupKey: e.employerGroup }
        : null,
    regionCode: e.regionCode,
    expertise: e.expertise,
    cap: e.maxTasksPerRound,
    currentLoad,
    unavailable: e.unavailable.map((p) => ({ from: p.from, to: p.to })),
    relationships: e.relationships,
    previousRoundEnterpriseIds: previousEnterpriseIds,
  };
}

/** Hand edits as the solver's fixed assignments and exclusions, the latest edit of a pair winning. */
export function adjustmentsInput(adjustments: PreviewAdjustment[]) {
  const last = new Map<string, PreviewAdjustment>();
  for (const a of adjustments) last.set(`${a.taskId}|${a.expertId}`, a);
  const fixed = [...last.values()]
    .filter((a) => a.op === 'add')
    .map((a) => ({ taskId: a.taskId, expertId: a.expertId, reason: a.reason ?? undefined }));
  const exclusions = [...last.values()]
    .filter((a) => a.op === 'remove')
    .map((a) => ({ taskId: a.taskId, expertId: a.expertId, reason: a.reason ?? '人工移除' }));
  return { fixed, exclusions };
}

/** The round's policy as stored: the solver's defaults with the official's switches applied. */
export function conflictPolicyFrom(
  base: ConflictPolicy,
  dto?: {
    sameEmployer?: boolean;
    declaredRelationship?: boolean;
    applicantVendor?: boolean;
    localAvoidance?: 'off' | 'county' | 'city';
    rotation?: boolean;
    minDistinctEmployers?: 1 | 2;
  },
): ConflictPolicy {
  if (!dto) return base;
  return {
    ...base,
    sameEmployer: { enabled: dto.sameEmployer ?? base.sameEmployer.enabled },
    declaredRelationship: {
      ...base.declaredRelationship,
      enabled: dto.declaredRelationship ?? base.declaredRelationship.enabled,
    },
    applicantVendor: { enabled: dto.applicantVendor ?? base.applicantVendor.enabled },
    localAvoidance:
      dto.localAvoidance === undefined
        ? base.localAvoidance
        : dto.localAvoidance === 'off'
          ? { ...base.localAvoidance, enabled: false }
          : { enabled: true, scope: dto.localAvoidance },
    rotation: { enabled: dto.rotation ?? base.rotation.enabled },
    minDistinctEmployers: dto.minDistinctEmployers ?? base.minDistinctEmployers,
  };
}
