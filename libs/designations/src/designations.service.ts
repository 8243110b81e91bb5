import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Page, PageQuery, RequestMeta, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { ReapplicationBansService } from '@ff/applications';
import { findRegion } from '@ff/regions';
import { Clock } from '@ff/reviews';
import { TIER_NAMES, TierCode } from '@ff/rules';
import { addYearsInclusive, beijingDate } from './calendar/working-days';
import { extendedValidUntil } from './designation.state-machine';
import { REVOCATION_REASON_NAMES, RevocationReason } from './designation-policy';
import { DesignationErrors } from './designations.errors';
import { DesignationView, ListDesignationsQuery, PublicDesignationView, RevokeDto } from './dto/designations.dto';
import { PoliciesService } from './policies.service';
import { constructionTypeName } from './publicity.service';

export type DesignationStatus = 'active' | 'under_re_review' | 'revoked' | 'expired';
export const DESIGNATION_STATUS_NAMES: Record<DesignationStatus, string> = {
  active: '有效',
  under_re_review: '复核中',
  revoked: '已撤销',
  expired: '已过期',
};

/** A `designations` row as `SELECT *` returns it. */
export interface DesignationRow {
  id: string;
  application_id: string;
  decision_id: string;
  batch_id: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  region_code: string;
  tier: TierCode;
  construction_type: string | null;
  certificate_number: string;
  verification_code: string;
  valid_from: string;
  valid_until: string;
  status: 'active' | 'under_re_review' | 'revoked';
  issued_at: Date;
  revocation_reason: RevocationReason | null;
  /** The expert round re-reviewing it (复核), while under re-review through one; kept afterwards. */
  re_review_round_id: string | null;
}

/** Expiry is computed, not stored: a designation past its last valid day (Beijing) reads as expired. */
export const effectiveStatus = (r: Pick<DesignationRow, 'status' | 'valid_until'>, today: string): DesignationStatus =>
  r.status !== 'revoked' && today > r.valid_until ? 'expired' : r.status;

/** The fields every reading of a designation row shares: its view here and the record other contexts read. */
export const designationFields = (r: DesignationRow, today: string) => {
  const status = effectiveStatus(r, today);
  return {
    id: r.id,
    applicationId: r.application_id,
    batchId: r.batch_id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    tier: r.tier,
    tierName: TIER_NAMES[r.tier],
    constructionType: r.construction_type,
    certificateNumber: r.certificate_number,
    verificationCode: r.verification_code,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    status,
    statusName: DESIGNATION_STATUS_NAMES[status],
    revocationReason: r.revocation_reason,
  };
};

/** The facts a certificate prints (for the documents context). */
export interface CertificateFacts {
  certificateNumber: string;
  verificationCode: string;
  enterpriseName: string;
  creditCode: string;
  tier: TierCode;
  constructionType: string | null;
  validFrom: string;
  validUntil: string;
  issuedAt: Date;
}

/**
 * Designations (认定): read by officials, revoked with a coded reason (creating the reapplication
 * ban the batch policy gives that reason, in the same transaction), and shown to the public as a
 * registry and a verification by certificate number plus the short code printed on it.
 */
@Injectable()
export class DesignationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly bans: ReapplicationBansService,
    private readonly policies: PoliciesService,
    private readonly clock: Clock,
  ) {}

  private today = () => beijingDate(this.clock.now());

  private view(r: DesignationRow): DesignationView {
    return {
      ...designationFields(r, this.today()),
      decisionId: r.decision_id,
      issuedAt: r.issued_at,
      reReviewRoundId: r.re_review_round_id,
    };
  }

  private publicView(r: DesignationRow): PublicDesignationView {
    const status = effectiveStatus(r, this.today());
    return {
      certificateNumber: r.certificate_number,
      enterpriseName: r.enterprise_name,
      regionCode: r.region_code,
      regionName: findRegion(r.region_code)?.name ?? r.region_code,
      tier: r.tier,
      tierName: TIER_NAMES[r.tier],
      constructionType: r.construction_type,
      constructionTypeName: constructionTypeName(r.construction_type),
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      status,
      statusName: DESIGNATION_STATUS_NAMES[status],
    };
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<DesignationView> {
    const [row] = await this.dataSource.query(`SELECT * FROM designations WHERE id = $1`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 'designation', entityId: id, label: '认定' });
    return this.view(row);
  }

  async list(q: ListDesignationsQuery): Promise<Page<DesignationView>> {
    const where = `WHERE ($1::uuid IS NULL OR batch_id = $1) AND ($2::text IS NULL OR tier = $2)`;
    const params = [q.batchId ?? null, q.tier ?? null];
    const rows = await this.dataSource.query(
      `SELECT * FROM designations ${where} ORDER BY certificate_number LIMIT $3 OFFSET $4`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM designations ${where}`, params);
    return { items: rows.map((r: DesignationRow) => this.view(r)), total: n, page: q.page, pageSize: q.pageSize };
  }

  /** The public registry: designations not revoked, with their current status. */
  async registry(q: PageQuery): Promise<Page<PublicDesignationView>> {
    const rows = await this.dataSource.query(
      `SELECT * FROM designations WHERE status <> 'revoked' ORDER BY certificate_number LIMIT $1 OFFSET $2`,
      [q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM designations WHERE status <> 'revoked'`,
    );
    return { items: rows.map((r: DesignationRow) => this.publicView(r)), total: n, page: q.page, pageSize: q.pageSize };
  }

  /** Certificate number + printed code → public facts and current status; any mismatch is the same 404. */
  async verify(certificateNumber: string, code: string): Promise<PublicDesignationView> {
    const [row]: DesignationRow[] = await this.dataSource.query(
      `SELECT * FROM designations WHERE certificate_number = $1`,
      [certificateNumber.trim()],
    );
    const given = Buffer.from(code.trim().toUpperCase());
    const stored = Buffer.from(row?.verification_code ?? 'X'.repeat(given.length || 1));
    const match = given.length === stored.length && timingSafeEqual(given, stored);
    if (!row || !match) throw notFound('证书');
    return this.publicView(row);
  }

  /**
   * 复核 recorded by an official without an expert round: an active designation goes under
   * re-review (expired ones included: that is when it is due).
   */
  async startReReview(actor: Actor, meta: RequestMeta, id: string, note: string): Promise<DesignationView> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.lockOrDeny(em, actor, meta, id);
      const [moved] = await em.query(
        `UPDATE designations SET status = 'under_re_review', re_review_round_id = NULL, version = version + 1
         WHERE id = $1 AND status = 'active' RETURNING id`,
        [id],
      );
      if (!moved.length)
        throw DesignationErrors.raise('designation_not_re_reviewable', DESIGNATION_STATUS_NAMES[row.status]);
      await this.audit.record(em, actor, meta, {
        action: 'designation.re_review_started',
        entityType: 'designation',
        entityId: id,
        before: { status: 'active' },
        after: { status: 'under_re_review', note },
      });
    });
    return this.get(actor, meta, id);
  }

  /**
   * 复核 concluded by the official who recorded it: passed → active again, its validity extended
   * (`extendedValidUntil`); failed → revoked for `failed_re_review`, with the ban that reason carries.
   * A designation re-reviewed in an expert round is concluded through that round's outcome (four eyes).
   */
  async completeReReview(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    passed: boolean,
    note: string,
  ): Promise<DesignationView> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.lockOrDeny(em, actor, meta, id);
      if (row.re_review_round_id && row.status === 'under_re_review')
        throw DesignationErrors.raise('designation_re_review_in_round');
      if (passed) await this.maintainIn(em, actor, meta, id, note);
      else
        await this.revokeIn(em, actor, meta, id, {
          reason: 'failed_re_review',
          note,
          from: ['under_re_review'],
        });
    });
    return this.get(actor, meta, id);
  }

  async revoke(actor: Actor, meta: RequestMeta, id: string, dto: RevokeDto): Promise<DesignationView> {
    await this.dataSource.transaction(async (em) => {
      await this.lockOrDeny(em, actor, meta, id);
      await this.revokeIn(em, actor, meta, id, {
        reason: dto.revocationReason as RevocationReason,
        note: dto.revocationNote,
        from: ['active', 'under_re_review'],
      });
    });
    return this.get(actor, meta, id);
  }

  /**
   * Under re-review → active, valid for the batch policy's years more, in the caller's transaction
   * (compare-and-set; with `roundId`, only while the designation is re-reviewed in that round).
   */
  async maintainIn(em: EntityManager, actor: Actor, meta: RequestMeta, id: string, note: string, roundId?: string) {
    const row = await this.lockOrDeny(em, actor, meta, id);
    const years = (await this.policies.of(row.batch_id, em)).validityYears;
    const validUntil = extendedValidUntil(row.valid_until, this.today(), years);
    const [moved] = await em.query(
      `UPDATE designations SET status = 'active', valid_until = $2, version = version + 1
       WHERE id = $1 AND status = 'under_re_review' AND ($3::uuid IS NULL OR re_review_round_id = $3) RETURNING id`,
      [id, validUntil, roundId ?? null],
    );
    if (!moved.length) throw DesignationErrors.raise('designation_not_under_re_review');
    await this.audit.record(em, actor, meta, {
      action: 'designation.re_review_passed',
      entityType: 'designation',
      entityId: id,
      before: { status: 'under_re_review', validUntil: row.valid_until },
      after: { status: 'active', validUntil, note, ...(roundId ? { roundId } : {}) },
    });
  }

  /**
   * Revocation in the caller's transaction, from one of `from` (compare-and-set; with `roundId`,
   * only while re-reviewed in that round), with the reapplication ban the batch policy gives the reason.
   */
  async revokeIn(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    id: string,
    r: { reason: RevocationReason; note: string; from: DesignationRow['status'][]; roundId?: string },
  ): Promise<void> {
    const row = await this.lockOrDeny(em, actor, meta, id);
    const now = this.clock.now();
    const [moved] = await em.query(
      `UPDATE designations SET status = 'revoked', revoked_at = $2, revocation_reason = $3, revocation_note = $4,
         revoked_by = $5, version = version + 1
       WHERE id = $1 AND status = ANY($6) AND ($7::uuid IS NULL OR re_review_round_id = $7) RETURNING id`,
      [id, now, r.reason, r.note, actor.userId, r.from, r.roundId ?? null],
    );
    if (!moved.length)
      throw r.from.includes('active')
        ? DesignationErrors.raise('designation_not_revocable', DESIGNATION_STATUS_NAMES[row.status])
        : DesignationErrors.raise('designation_not_under_re_review');
    await this.audit.record(em, actor, meta, {
      action: 'designation.revoked',
      entityType: 'designation',
      entityId: id,
      before: { status: row.status },
      after: { status: 'revoked', reason: r.reason, note: r.note, ...(r.roundId ? { roundId: r.roundId } : {}) },
    });
    const years = (await this.policies.of(row.batch_id, em)).banYears[r.reason];
    if (years > 0) {
      const today = beijingDate(now);
      await this.bans.createInTransaction(em, actor, meta, {
        enterpriseId: row.enterprise_id,
        source: 'revocation',
        reason: `认定被撤销（${REVOCATION_REASON_NAMES[r.reason]}，证书编号 ${row.certificate_number}）`,
        startsOn: today,
        endsOn: addYearsInclusive(today, years),
        designationId: id,
      });
    }
  }

  /** The designations of `ids` as officials see them, in that order. */
  async views(ids: string[], em: EntityManager = this.dataSource.manager): Promise<DesignationView[]> {
    const rows: DesignationRow[] = await em.query(`SELECT * FROM designations WHERE id = ANY($1::uuid[])`, [ids]);
    return ids.map((id) => this.view(rows.find((r) => r.id === id)!));
  }

  private async lockOrDeny(em: EntityManager, actor: Actor, meta: RequestMeta, id: string): Promise<DesignationRow> {
    const [row]: DesignationRow[] = await em.query(`SELECT * FROM designations WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 'designation', entityId: id, label: '认定' });
    return row;
  }

  /** For the documents context: what the certificate of `designationId` prints; null when unknown. */
  async certificateFacts(designationId: string): Promise<CertificateFacts | null> {
    const [r]: DesignationRow[] = await this.dataSource.query(`SELECT * FROM designations WHERE id = $1`, [
      designationId,
    ]);
    if (!r) return null;
    return {
      certificateNumber: r.certificate_number,
      verificationCode: r.verification_code,
      enterpriseName: r.enterprise_name,
      creditCode: r.credit_code,
      tier: r.tier,
      constructionType: r.construction_type,
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      issuedAt: r.issued_at,
    };
  }
}
