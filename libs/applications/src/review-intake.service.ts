import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import type { IndustryMode, TierCode } from '@ff/rules';
import { APPLICATION_STATUS_NAMES, ApplicationEvent, ApplicationStatus, transition } from './application.state-machine';
import type { SubmissionSnapshot } from './snapshot';

/** What the reviews context needs of an application and its enterprise. */
export interface ReviewCandidate {
  applicationId: string;
  batchId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  /** The enterprise's county code. */
  regionCode: string;
  tier: TierCode;
  /** The table-15 construction type the application declared (未来工厂 only), else null. */
  constructionType: string | null;
  industryMode: IndustryMode;
  status: ApplicationStatus;
  submissionId: string;
  /**
   * Credit codes of the vendors / 数字化服务商 the applicant declared, as frozen in the submission
   * under review (what the recommenders saw), so a later edit cannot move a conflict.
   */
  vendorCreditCodes: string[];
}

export interface FrozenSubmission {
  submissionId: string;
  contentHash: string;
  submittedAt: Date;
  content: SubmissionSnapshot;
  precheckReport: Record<string, unknown> | null;
}

const SELECT = `SELECT a.id AS "applicationId", a.batch_id AS "batchId", a.enterprise_id AS "enterpriseId",
  e.name AS "enterpriseName", e.credit_code AS "creditCode", e.region_code AS "regionCode", a.tier,
  a.construction_type AS "constructionType", a.industry_mode AS "industryMode", a.status, a.current_submission_id AS "submissionId",
  ARRAY(SELECT v->>'creditCode' FROM jsonb_array_elements(COALESCE(s.content->'vendors', '[]'::jsonb)) v) AS "vendorCreditCodes"
  FROM applications a JOIN enterprises e ON e.id = a.enterprise_id
  LEFT JOIN application_submissions s ON s.id = a.current_submission_id`;

/**
 * The applications context's door for expert review: the city-recommended applications a round
 * may take, their frozen submissions, and the two review transitions — each a compare-and-set
 * with its audit event in the caller's transaction.
 */
@Injectable()
export class ReviewIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** City-recommended applications of the batch (all, or those of `ids` that are). */
  async eligible(batchId: string, ids?: string[]): Promise<ReviewCandidate[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE a.batch_id = $1 AND a.status = 'city_recommended' AND ($2::uuid[] IS NULL OR a.id = ANY($2))
       ORDER BY a.created_at, a.id`,
      [batchId, ids ?? null],
    );
    return rows;
  }

  /** The batch's applications whose review is complete (评审完成), for decisions. */
  async reviewed(batchId: string): Promise<ReviewCandidate[]> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE a.batch_id = $1 AND a.status = 'reviewed' ORDER BY a.created_at, a.id`,
      [batchId],
    );
    return rows;
  }

  async byIds(ids: string[], em: EntityManager = this.dataSource.manager): Promise<ReviewCandidate[]> {
    if (!ids.length) return [];
    const rows = await em.query(`${SELECT} WHERE a.id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`, [ids]);
    return rows;
  }

  async frozen(applicationId: string, submissionId: string): Promise<FrozenSubmission | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, content, content_hash, submitted_at, precheck_report FROM application_submissions
       WHERE id = $1 AND application_id = $2`,
      [submissionId, applicationId],
    );
    return row
      ? {
          submissionId: row.id,
          contentHash: row.content_hash,
          submittedAt: row.submitted_at,
          content: row.content,
          precheckReport: row.precheck_report,
        }
      : null;
  }

  /** 市级已推荐 → 评审中 for every id; throws (rolling the caller back) if one is no longer there. */
  startReview(em: EntityManager, actor: Actor, meta: RequestMeta, ids: string[], roundId: string) {
    return this.move(em, actor, meta, ids, 'review_start', { roundId });
  }

  /** 评审中 → 评审完成, when the panel's result is final. */
  finishReview(em: EntityManager, actor: Actor, meta: RequestMeta, id: string, detail: object) {
    return this.move(em, actor, meta, [id], 'review_complete', detail);
  }

  private async move(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    ids: string[],
    event: ApplicationEvent,
    detail: object,
  ): Promise<void> {
    const from = event === 'review_start' ? 'city_recommended' : 'under_review';
    const t = transition(from, event, 'province');
    if (!t.ok) throw new Error(t.message);
    const [rows]: [{ id: string; version: number }[], number] = await em.query(
      `UPDATE applications SET status = $3, version = version + 1, updated_at = now()
       WHERE id = ANY($1::uuid[]) AND status = $2 RETURNING id, version`,
      [ids, from, t.to],
    );
    if (rows.length !== ids.length) {
      const moved = new Set(rows.map((r) => r.id));
      const missing = ids.find((id) => !moved.has(id));
      throw new Error(`application ${missing} is no longer ${APPLICATION_STATUS_NAMES[from]}`);
    }
    for (const r of rows)
      await this.audit.record(em, actor, meta, {
        action: `application.${event}`,
        entityType: 'application',
        entityId: r.id,
        before: { status: from, version: r.version - 1 },
        after: { status: t.to, version: r.version, ...detail },
      });
  }
}
