import type { Enterprise } from '@ff/enterprises';
import { findRegion } from '@ff/regions';
import { APPLICATION_STATUS_NAMES, ApplicationStatus } from '../application.state-machine';
import type { Application } from '../entities/application.entity';

export interface ApplicationView {
  id: string;
  batchId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  regionCode: string;
  regionName: string | null;
  tier: string;
  constructionType: string | null;
  industryMode: string;
  status: ApplicationStatus;
  statusName: string;
  currentSubmissionId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApplicationDetail extends ApplicationView {
  /** The latest reason the application went back to the enterprise (pre-check or recommender), if it is returned. */
  returnReason: { source: 'precheck' | 'county' | 'city'; comment: string; at: Date } | null;
  submissionCount: number;
}

type EnterpriseFields = Pick<Enterprise, 'name' | 'creditCode' | 'regionCode'>;
type ApplicationFields = Omit<Application, 'createdBy'>;

export function toView(app: ApplicationFields, e: EnterpriseFields): ApplicationView {
  return {
    id: app.id,
    batchId: app.batchId,
    enterpriseId: app.enterpriseId,
    enterpriseName: e.name,
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    regionName: findRegion(e.regionCode)?.name ?? null,
    tier: app.tier,
    constructionType: app.constructionType,
    industryMode: app.industryMode,
    status: app.status,
    statusName: APPLICATION_STATUS_NAMES[app.status],
    currentSubmissionId: app.currentSubmissionId,
    version: app.version,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

/** A raw row of the list query (`a.*` plus the enterprise's name, credit code and region). */
export function rowToView(r: Record<string, never>): ApplicationView {
  return toView(
    {
      id: r.id,
      batchId: r.batch_id,
      enterpriseId: r.enterprise_id,
      tier: r.tier,
      constructionType: r.construction_type,
      industryMode: r.industry_mode,
      status: r.status,
      currentSubmissionId: r.current_submission_id,
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    },
    { name: r.enterprise_name, creditCode: r.credit_code, regionCode: r.region_code },
  );
}

/** What the audit log keeps of an application (no enterprise profile: that is the enterprise's record). */
export const auditView = (app: Application) => ({
  status: app.status,
  tier: app.tier,
  constructionType: app.constructionType,
  currentSubmissionId: app.currentSubmissionId,
  version: app.version,
});
