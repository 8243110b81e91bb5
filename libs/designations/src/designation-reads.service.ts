import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@ff/reviews';
import { TIER_NAMES, type TierCode } from '@ff/rules';
import { beijingDate } from './calendar/working-days';
import {
  DECISION_OUTCOME_NAMES,
  DECISION_REASONS,
  type DecisionOutcome,
  REVOCATION_REASON_NAMES,
  type RevocationReason,
} from './designation-policy';
import { type DesignationRow, type DesignationStatus, designationFields } from './designations.service';
import { ONSITE_CONCLUSION_NAMES } from './dto/onsite.dto';
import { constructionTypeName } from './publicity.service';

/** A decision in force (confirmed by a second official), in words. */
export interface ConfirmedDecision {
  decisionId: string;
  applicationId: string;
  outcome: DecisionOutcome;
  outcomeName: string;
  tier: TierCode | null;
  tierName: string | null;
  reasonCodes: string[];
  /** The reason codes in Chinese, in the same order. */
  reasonNames: string[];
  status: 'confirmed' | 'published' | 'designated';
  confirmedAt: Date;
}

/** A concluded on-site verification, its findings per clause as recorded (clause ids). */
export interface ConcludedOnsite {
  id: string;
  applicationId: string;
  scheduledOn: string;
  conclusion: string;
  conclusionName: string;
  summary: string | null;
  concludedAt: Date;
  findings: Array<{ clauseId: string; met: boolean; finding: string | null; expertId: string; at: string }>;
}

/** A designation as other contexts read it: who holds it (access), what it states, its current status. */
export interface DesignationRecord {
  id: string;
  applicationId: string;
  batchId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  regionCode: string;
  tier: TierCode;
  tierName: string;
  constructionType: string | null;
  constructionTypeName: string | null;
  certificateNumber: string;
  verificationCode: string;
  validFrom: string;
  validUntil: string;
  /** The stored status, with `expired` computed as everywhere else. */
  status: DesignationStatus;
  statusName: string;
  /** The day of designation, Beijing (`YYYY-MM-DD`). */
  issuedOn: string;
  revocationReason: RevocationReason | null;
  revocationReasonName: string | null;
}

interface DecisionRow {
  id: string;
  application_id: string;
  outcome: DecisionOutcome;
  tier: TierCode | null;
  reason_code: string;
  status: ConfirmedDecision['status'];
  confirmed_at: Date;
}

const toDecision = (r: DecisionRow): ConfirmedDecision => ({
  decisionId: r.id,
  applicationId: r.application_id,
  outcome: r.outcome,
  outcomeName: DECISION_OUTCOME_NAMES[r.outcome],
  tier: r.tier,
  tierName: r.tier ? TIER_NAMES[r.tier] : null,
  reasonCodes: [r.reason_code],
  reasonNames: [DECISION_REASONS[r.reason_code]?.name ?? r.reason_code],
  status: r.status,
  confirmedAt: r.confirmed_at,
});

const IN_FORCE = `status IN ('confirmed','published','designated')`;

/**
 * Read-only facts of this context for others (the documents: assessment reports, certificates,
 * exports). No access checks here: the caller's policy decides who sees what it builds from them.
 */
@Injectable()
export class DesignationReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The decision in force for an application (confirmed by a second official), else null; a pending proposal is not one. */
  async confirmedDecision(applicationId: string): Promise<ConfirmedDecision | null> {
    const [row]: DecisionRow[] = await this.dataSource.query(
      `SELECT * FROM decisions WHERE application_id = $1 AND ${IN_FORCE} ORDER BY confirmed_at DESC LIMIT 1`,
      [applicationId],
    );
    return row ? toDecision(row) : null;
  }

  /** The decisions in force of a batch's applications. */
  async confirmedDecisionsOfBatch(batchId: string): Promise<ConfirmedDecision[]> {
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (application_id) * FROM decisions WHERE batch_id = $1 AND ${IN_FORCE}
       ORDER BY application_id, confirmed_at DESC`,
      [batchId],
    );
    return rows.map(toDecision);
  }

  /** The latest concluded on-site verification of an application, else null (a visit still scheduled is not told). */
  async concludedOnsite(applicationId: string): Promise<ConcludedOnsite | null> {
    const [r] = await this.dataSource.query(
      `SELECT * FROM onsite_verifications WHERE application_id = $1 AND status = 'concluded'
       ORDER BY concluded_at DESC LIMIT 1`,
      [applicationId],
    );
    if (!r) return null;
    return {
      id: r.id,
      applicationId: r.application_id,
      scheduledOn: r.scheduled_on,
      conclusion: r.conclusion,
      conclusionName: ONSITE_CONCLUSION_NAMES[r.conclusion as keyof typeof ONSITE_CONCLUSION_NAMES] ?? r.conclusion,
      summary: r.summary,
      concludedAt: r.concluded_at,
      findings: r.findings,
    };
  }

  /** One designation, or null when unknown. */
  async designation(id: string): Promise<DesignationRecord | null> {
    const [r]: DesignationRow[] = await this.dataSource.query(`SELECT * FROM designations WHERE id = $1`, [id]);
    return r ? this.record(r) : null;
  }

  /** Designations in certificate-number order, optionally of one batch (revoked ones included). */
  async designations(filter: { batchId?: string | null } = {}): Promise<DesignationRecord[]> {
    const rows: DesignationRow[] = await this.dataSource.query(
      `SELECT * FROM designations WHERE ($1::uuid IS NULL OR batch_id = $1) ORDER BY certificate_number`,
      [filter.batchId ?? null],
    );
    return rows.map((r) => this.record(r));
  }

  private record(r: DesignationRow): DesignationRecord {
    return {
      ...designationFields(r, beijingDate(this.clock.now())),
      constructionTypeName: constructionTypeName(r.construction_type),
      issuedOn: beijingDate(r.issued_at),
      revocationReasonName: r.revocation_reason ? REVOCATION_REASON_NAMES[r.revocation_reason] : null,
    };
  }
}
