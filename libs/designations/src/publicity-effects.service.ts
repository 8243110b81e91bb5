import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { compareAndSet, tryCompareAndSet } from '@ff/database';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { Clock } from '@ff/reviews';
import type { TierCode } from '@ff/rules';
import { addYearsInclusive, beijingDate } from './calendar/working-days';
import { DECISION_STATE_MACHINE, DecisionStatus } from './decision.state-machine';
import { DESIGNATING_OUTCOMES, DecisionOutcome, certificateNumber } from './designation-policy';
import { DesignationErrors } from './designations.errors';
import { PoliciesService } from './policies.service';

/**
 * The next certificate serial of a batch and tier: the counter row is created or incremented in
 * the caller's transaction and stays locked until it ends, so concurrent designations take turns
 * and a rolled-back one gives its number back — serials are unique and without gaps.
 */
export async function allocateSerial(em: EntityManager, batchId: string, tier: TierCode): Promise<number> {
  const [counter] = await em.query(
    `INSERT INTO designation_counters (batch_id, tier, last) VALUES ($1, $2, 1)
     ON CONFLICT (batch_id, tier) DO UPDATE SET last = designation_counters.last + 1 RETURNING last`,
    [batchId, tier],
  );
  return counter.last;
}

/** Unambiguous characters for the short code printed on a certificate. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const verificationCode = (): string =>
  Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/**
 * What happens to 公示 entries and designations inside another step's transaction: an entry
 * becomes a designation (certificate number from the batch-and-tier counter row, incremented in
 * the same transaction, so numbers are sequential without gaps under concurrency), a revision
 * replaces a published decision, an entry's status follows its objections.
 */
@Injectable()
export class PublicityEffects {
  constructor(
    private readonly audit: AuditService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly policies: PoliciesService,
    private readonly clock: Clock,
  ) {}

  async isRevising(em: EntityManager, decisionId: string): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM publicity_entries WHERE decision_id = $1 AND status = 'revising'`, [
      decisionId,
    ]);
    return !!row;
  }

  /** A deferred decision's on-site verification has its conclusion. */
  async isVerified(em: EntityManager, decisionId: string): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM onsite_verifications WHERE decision_id = $1 AND status = 'concluded'`, [
      decisionId,
    ]);
    return !!row;
  }

  /**
   * The decision a confirmed revision replaces leaves force: a published one (objection upheld)
   * or a confirmed deferral (after on-site verification). Returns the status it had.
   */
  async supersede(em: EntityManager, actor: Actor, meta: RequestMeta, decisionId: string): Promise<string> {
    const [old]: { status: DecisionStatus; outcome: string; proposed_by: string }[] = await em.query(
      `SELECT status, outcome, proposed_by FROM decisions WHERE id = $1`,
      [decisionId],
    );
    const refused = () => DesignationErrors.raise('decision_not_proposed', '原认定意见已被他人处理');
    const ctx = { proposedBy: old?.proposed_by, outcome: old?.outcome, actorId: actor.userId };
    if (!old || !DECISION_STATE_MACHINE.transition(old.status, 'supersede', 'official', ctx).ok) throw refused();
    await compareAndSet(em, { table: 'decisions', id: decisionId, from: old.status, to: 'superseded', lost: refused });
    await this.audit.record(em, actor, meta, {
      action: 'decision.superseded',
      entityType: 'decision',
      entityId: decisionId,
      before: { status: old.status },
      after: { status: 'superseded' },
    });
    return old.status;
  }

  /** The confirmed revision takes the entry's place: listed again at its tier, or withdrawn from the list. */
  async applyRevision(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    oldDecisionId: string,
    revision: { id: string; outcome: DecisionOutcome; tier: TierCode | null },
  ): Promise<void> {
    const [entry] = await em.query(
      `SELECT e.*, p.status AS publicity_status, p.ends_at FROM publicity_entries e
       JOIN publicities p ON p.id = e.publicity_id WHERE e.decision_id = $1 AND e.status = 'revising' FOR UPDATE OF e`,
      [oldDecisionId],
    );
    if (!entry) throw new Error(`no revising entry for decision ${oldDecisionId}`);
    const designating = DESIGNATING_OUTCOMES.includes(revision.outcome);
    const [open] = await em.query(`SELECT count(*)::int AS n FROM objections WHERE entry_id = $1 AND status = 'open'`, [
      entry.id,
    ]);
    const status = !designating ? 'withdrawn' : open.n ? 'objected' : 'listed';
    await em.query(
      `UPDATE publicity_entries SET decision_id = $2, tier = COALESCE($3, tier), status = $4, version = version + 1
       WHERE id = $1`,
      [entry.id, revision.id, designating ? revision.tier : null, status],
    );
    if (designating)
      await tryCompareAndSet(em, { table: 'decisions', id: revision.id, from: 'confirmed', to: 'published' });
    await this.audit.record(em, actor, meta, {
      action: 'publicity_entry.revised',
      entityType: 'publicity_entry',
      entityId: entry.id,
      before: { decisionId: oldDecisionId, tier: entry.tier, status: 'revising' },
      after: { decisionId: revision.id, tier: designating ? revision.tier : entry.tier, status },
    });
    if (status === 'listed' && this.clock.now() >= new Date(entry.ends_at))
      await this.designate(em, actor, meta, entry.id);
  }

  /** An entry whose last open objection was dismissed is listed again; after the window it is designated. */
  async afterObjection(em: EntityManager, actor: Actor, meta: RequestMeta, entryId: string): Promise<void> {
    const [entry] = await em.query(
      `SELECT e.*, p.ends_at FROM publicity_entries e JOIN publicities p ON p.id = e.publicity_id WHERE e.id = $1`,
      [entryId],
    );
    const [open] = await em.query(`SELECT count(*)::int AS n FROM objections WHERE entry_id = $1 AND status = 'open'`, [
      entryId,
    ]);
    if (entry.status !== 'objected' || open.n) return;
    await em.query(
      `UPDATE publicity_entries SET status = 'listed', version = version + 1 WHERE id = $1 AND status = 'objected'`,
      [entryId],
    );
    if (this.clock.now() >= new Date(entry.ends_at)) await this.designate(em, actor, meta, entryId);
  }

  /** A listed entry becomes a designation; compare-and-set on the entry, so it happens once. */
  async designate(em: EntityManager, actor: Actor, meta: RequestMeta, entryId: string): Promise<string | null> {
    const [moved] = await em.query(
      `UPDATE publicity_entries SET status = 'designated', version = version + 1 WHERE id = $1 AND status = 'listed'
       RETURNING *`,
      [entryId],
    );
    const entry = moved[0];
    if (!entry) return null;
    const [decision] = await em.query(`SELECT * FROM decisions WHERE id = $1`, [entry.decision_id]);
    const [app] = await this.intake.byIds([entry.application_id], em);
    const batch = await this.batches.getOrFail(app.batchId, em);
    const policy = await this.policies.of(batch.id, em);
    const tier = decision.tier as TierCode;
    const counter = { last: await allocateSerial(em, batch.id, tier) };
    const now = this.clock.now();
    const validFrom = beijingDate(now);
    const number = certificateNumber(batch.code, tier, counter.last);
    const [row] = await em.query(
      `INSERT INTO designations (application_id, decision_id, batch_id, enterprise_id, enterprise_name, credit_code,
         region_code, tier, construction_type, serial, certificate_number, verification_code, valid_from, valid_until,
         status, issued_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'active',$15) RETURNING id`,
      [
        app.applicationId,
        decision.id,
        batch.id,
        app.enterpriseId,
        app.enterpriseName,
        app.creditCode,
        app.regionCode,
        tier,
        tier === 'future_factory' ? app.constructionType : null,
        counter.last,
        number,
        verificationCode(),
        validFrom,
        addYearsInclusive(validFrom, policy.validityYears),
        now,
      ],
    );
    await tryCompareAndSet(em, { table: 'decisions', id: decision.id, from: 'published', to: 'designated' });
    await this.audit.record(em, actor, meta, {
      action: 'designation.issued',
      entityType: 'designation',
      entityId: row.id,
      after: { applicationId: app.applicationId, decisionId: decision.id, tier, certificateNumber: number },
    });
    return row.id;
  }
}
