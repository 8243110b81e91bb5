import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compareAndSet } from '@ff/database';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { Clock, OnsiteTeamService } from '@ff/reviews';
import { clausesFor, getRuleSet } from '@ff/rules';
import { DesignationErrors } from './designations.errors';
import { ConcludeOnsiteDto, FindingsDto, OnsiteView, ScheduleOnsiteDto } from './dto/onsite.dto';

interface Row {
  id: string;
  application_id: string;
  decision_id: string;
  scheduled_on: string;
  expert_ids: string[];
  status: 'scheduled' | 'concluded';
  findings: { clauseId: string; met: boolean; finding: string | null; expertId: string; at: string }[];
  conclusion: string | null;
  summary: string | null;
}

const toView = (r: Row): OnsiteView => ({
  id: r.id,
  applicationId: r.application_id,
  decisionId: r.decision_id,
  scheduledOn: r.scheduled_on,
  expertIds: r.expert_ids,
  status: r.status,
  findings: r.findings,
  conclusion: r.conclusion,
  summary: r.summary,
});

const LABEL = '现场核查';

/**
 * On-site verification (现场核查) for a decision deferred for it: an official schedules a team from
 * the expert pool (conflict rules of review assignment), the team records findings per clause of
 * the applied tier, an official concludes; the decision is then proposed again (it supersedes the
 * deferral when confirmed).
 */
@Injectable()
export class OnsiteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly team: OnsiteTeamService,
    private readonly clock: Clock,
  ) {}

  async schedule(actor: Actor, meta: RequestMeta, dto: ScheduleOnsiteDto): Promise<OnsiteView> {
    const [app] = await this.intake.byIds([dto.applicationId]);
    if (!app)
      throw await this.authz.deny(actor, meta, {
        entityType: 'application',
        entityId: dto.applicationId,
        label: '申报',
      });
    const [deferred] = await this.dataSource.query(
      `SELECT id FROM decisions WHERE application_id = $1 AND status = 'confirmed' AND outcome = 'defer_onsite'`,
      [app.applicationId],
    );
    if (!deferred) throw DesignationErrors.raise('onsite_not_deferred');
    const ids = [...new Set(dto.expertIds)];
    const checks = await this.team.check(ids, app, dto.scheduledOn);
    const details = ids.flatMap((id, i) => {
      const c = checks.find((x) => x.expertId === id);
      const problem = !c ? '专家不存在' : !c.active ? '专家已停用' : c.conflicts.length ? c.conflicts.join('；') : null;
      return problem ? [{ field: `expertIds[${i}]`, code: 'onsite_team_conflict', message: problem }] : [];
    });
    if (details.length) throw DesignationErrors.withDetails('onsite_team_conflict', details, details.length);
    const id = await this.dataSource.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO onsite_verifications (application_id, decision_id, scheduled_on, expert_ids, status, scheduled_by)
         VALUES ($1,$2,$3,$4,'scheduled',$5) ON CONFLICT (decision_id) DO NOTHING RETURNING id`,
        [app.applicationId, deferred.id, dto.scheduledOn, ids, actor.userId],
      );
      if (!row) throw DesignationErrors.raise('onsite_exists');
      await this.audit.record(em, actor, meta, {
        action: 'onsite.scheduled',
        entityType: 'onsite_verification',
        entityId: row.id,
        after: { applicationId: app.applicationId, scheduledOn: dto.scheduledOn, expertIds: ids },
      });
      return row.id as string;
    });
    return this.get(actor, meta, id);
  }

  /** Officials, and the team's experts; anyone else (a guessed id included) gets the audited 404. */
  async get(actor: Actor, meta: RequestMeta, id: string): Promise<OnsiteView> {
    return toView(await this.visible(actor, meta, id));
  }

  async recordFindings(actor: Actor, meta: RequestMeta, id: string, dto: FindingsDto): Promise<OnsiteView> {
    const row = await this.visible(actor, meta, id);
    const expertId = await this.team.expertIdOf(actor.userId);
    if (!expertId || !row.expert_ids.includes(expertId)) throw DesignationErrors.raise('onsite_not_team');
    if (row.status !== 'scheduled') throw DesignationErrors.raise('onsite_concluded');
    const [app] = await this.intake.byIds([row.application_id]);
    const batch = await this.batches.getOrFail(app.batchId);
    const known = new Set(
      clausesFor(getRuleSet(batch.ruleSetVersion), app.tier, app.industryMode).map((c) => c.clause.id),
    );
    const unknown = dto.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => !known.has(f.clauseId))
      .map(({ f, i }) => ({
        field: `findings[${i}].clauseId`,
        code: 'onsite_clause_unknown',
        message: `条款“${f.clauseId}”不属于该申报层级的评价条款`,
      }));
    if (unknown.length) throw DesignationErrors.withDetails('onsite_clause_unknown', unknown, unknown.length);
    const at = this.clock.now().toISOString();
    await this.dataSource.transaction(async (em) => {
      const [locked]: Row[] = await em.query(`SELECT * FROM onsite_verifications WHERE id = $1 FOR UPDATE`, [id]);
      if (locked.status !== 'scheduled') throw DesignationErrors.raise('onsite_concluded');
      // One finding per clause and expert: a later one replaces the earlier.
      const incoming = dto.findings.map((f) => ({
        clauseId: f.clauseId,
        met: f.met,
        finding: f.finding || null,
        expertId,
        at,
      }));
      const kept = locked.findings.filter(
        (f) => !incoming.some((n) => n.clauseId === f.clauseId && n.expertId === f.expertId),
      );
      await em.query(`UPDATE onsite_verifications SET findings = $2, version = version + 1 WHERE id = $1`, [
        id,
        JSON.stringify([...kept, ...incoming]),
      ]);
      await this.audit.record(em, actor, meta, {
        action: 'onsite.findings_recorded',
        entityType: 'onsite_verification',
        entityId: id,
        after: { findings: incoming },
      });
    });
    return this.get(actor, meta, id);
  }

  async conclude(actor: Actor, meta: RequestMeta, id: string, dto: ConcludeOnsiteDto): Promise<OnsiteView> {
    await this.visible(actor, meta, id);
    await this.dataSource.transaction(async (em) => {
      await compareAndSet(em, {
        table: 'onsite_verifications',
        id,
        from: 'scheduled',
        to: 'concluded',
        patch: {
          conclusion: dto.conclusion,
          summary: dto.summary,
          concluded_by: actor.userId,
          concluded_at: this.clock.now(),
        },
        lost: () => DesignationErrors.raise('onsite_concluded'),
      });
      await this.audit.record(em, actor, meta, {
        action: 'onsite.concluded',
        entityType: 'onsite_verification',
        entityId: id,
        before: { status: 'scheduled' },
        after: { status: 'concluded', conclusion: dto.conclusion, summary: dto.summary },
      });
    });
    return this.get(actor, meta, id);
  }

  private async visible(actor: Actor, meta: RequestMeta, id: string): Promise<Row> {
    const [row]: Row[] = await this.dataSource.query(`SELECT * FROM onsite_verifications WHERE id = $1`, [id]);
    let allowed = !!row && actor.role === 'official';
    if (row && actor.role === 'expert') {
      const expertId = await this.team.expertIdOf(actor.userId);
      allowed = !!expertId && row.expert_ids.includes(expertId);
    }
    if (!allowed)
      throw await this.authz.deny(actor, meta, { entityType: 'onsite_verification', entityId: id, label: LABEL });
    return row;
  }
}
