import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Page, PageQuery, RequestMeta, SYSTEM_ACTOR, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { QueueService, jobId } from '@ff/queue';
import { findRegion } from '@ff/regions';
import { Clock } from '@ff/reviews';
import { TIER_NAMES, TierCode, getRuleSet } from '@ff/rules';
import { CalendarService, missingDataWarning } from './calendar/calendar.service';
import { beijingDate, endOfBeijingDay, nthWorkingDay } from './calendar/working-days';
import { DESIGNATING_OUTCOMES } from './designation-policy';
import { DesignationErrors } from './designations.errors';
import {
  ListPublicitiesQuery,
  PublicEntryView,
  PublicPublicityView,
  PublicityView,
  PublishDto,
} from './dto/designations.dto';
import { PoliciesService } from './policies.service';
import { PublicityEffects } from './publicity-effects.service';

interface PublicityRow {
  id: string;
  batch_id: string;
  working_days: number;
  starts_at: Date;
  ends_at: Date;
  start_date: string;
  end_date: string;
  years_without_data: number[];
  status: 'open' | 'closed';
  entry_count?: number;
}

const toView = (r: PublicityRow): PublicityView => ({
  id: r.id,
  batchId: r.batch_id,
  workingDays: r.working_days,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  startDate: r.start_date,
  endDate: r.end_date,
  status: r.status,
  yearsWithoutData: r.years_without_data,
  warning: missingDataWarning(r.years_without_data),
  entryCount: r.entry_count ?? 0,
});

export const constructionTypeName = (code: string | null): string | null =>
  code ? (getRuleSet().constructionTypes.find((c) => c.code === code)?.name ?? code) : null;

const SELECT = `SELECT p.*, (SELECT count(*)::int FROM publicity_entries e WHERE e.publicity_id = p.id) AS entry_count
  FROM publicities p`;

/**
 * 公示: an official publishes the batch's confirmed designating decisions (all or selected) for a
 * window of working days; the public reads the list (four facts per entry, nothing else); when the
 * window ends a delayed job turns entries without open objections into designations.
 */
@Injectable()
export class PublicityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly calendar: CalendarService,
    private readonly policies: PoliciesService,
    private readonly effects: PublicityEffects,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async publish(actor: Actor, meta: RequestMeta, dto: PublishDto): Promise<PublicityView> {
    const batch = await this.batches.getOrFail(dto.batchId);
    const policy = await this.policies.of(batch.id);
    const days = dto.workingDays ?? policy.publicityWorkingDays;
    const now = this.clock.now();
    const startDate = beijingDate(now);
    const window = nthWorkingDay(startDate, days, await this.calendar.data());
    const endsAt = endOfBeijingDay(window.date);
    const id = await this.dataSource.transaction(async (em) => {
      const decisions: { id: string; application_id: string; tier: TierCode; outcome: string }[] = await em.query(
        `SELECT id, application_id, tier, outcome FROM decisions WHERE batch_id = $1 AND status = 'confirmed'
           AND outcome = ANY($2) AND ($3::uuid[] IS NULL OR id = ANY($3)) ORDER BY proposed_at, id FOR UPDATE`,
        [batch.id, DESIGNATING_OUTCOMES, dto.decisionIds ?? null],
      );
      if (dto.decisionIds) {
        const found = new Set(decisions.map((d) => d.id));
        const details = dto.decisionIds
          .map((d, i) => ({ d, i }))
          .filter(({ d }) => !found.has(d))
          .map(({ i }) => ({
            field: `decisionIds[${i}]`,
            code: 'publicity_nothing_to_publish',
            message: '不是本批次已确认的认定类意见',
          }));
        if (details.length) throw DesignationErrors.withDetails('publicity_nothing_to_publish', details);
      }
      if (!decisions.length) throw DesignationErrors.raise('publicity_nothing_to_publish');
      const [p] = await em.query(
        `INSERT INTO publicities (batch_id, working_days, starts_at, ends_at, start_date, end_date, years_without_data,
           status, published_by) VALUES ($1,$2,$3,$4,$5,$6,$7,'open',$8) RETURNING id`,
        [batch.id, days, now, endsAt, startDate, window.date, window.yearsWithoutData, actor.userId],
      );
      const apps = await this.intake.byIds(
        decisions.map((d) => d.application_id),
        em,
      );
      for (const d of decisions) {
        const app = apps.find((a) => a.applicationId === d.application_id)!;
        await em.query(
          `INSERT INTO publicity_entries (publicity_id, decision_id, application_id, enterprise_name, region_code, tier,
             construction_type, status) VALUES ($1,$2,$3,$4,$5,$6,$7,'listed')`,
          [
            p.id,
            d.id,
            d.application_id,
            app.enterpriseName,
            app.regionCode,
            d.tier,
            d.tier === 'future_factory' ? app.constructionType : null,
          ],
        );
      }
      const [moved] = await em.query(
        `UPDATE decisions SET status = 'published', version = version + 1 WHERE id = ANY($1::uuid[]) AND status = 'confirmed'
         RETURNING id`,
        [decisions.map((d) => d.id)],
      );
      if (moved.length !== decisions.length) throw DesignationErrors.raise('decision_not_proposed', '已被他人处理');
      await this.audit.record(em, actor, meta, {
        action: 'publicity.published',
        entityType: 'publicity',
        entityId: p.id,
        after: { batchId: batch.id, workingDays: days, endsAt, decisions: decisions.map((d) => d.id) },
      });
      return p.id as string;
    });
    await this.schedule(id, endsAt);
    return this.get(actor, meta, id);
  }

  /** The window-end job: deterministic id, so scheduling twice queues one job. */
  schedule(publicityId: string, endsAt: Date): Promise<string> {
    return this.queue.enqueue(
      'publicity.close',
      { publicityId },
      {
        jobId: jobId('publicity.close', publicityId),
        delay: Math.max(0, endsAt.getTime() - this.clock.now().getTime()),
      },
    );
  }

  /**
   * Window end, idempotent: listed entries (no open objection) become designations; entries with
   * open objections or awaiting revision wait for their resolution. Early (clock before the end): nothing.
   */
  async close(publicityId: string): Promise<{ outcome: string; designated: number }> {
    return this.dataSource.transaction(async (em) => {
      const [p] = await em.query(`SELECT * FROM publicities WHERE id = $1 FOR UPDATE`, [publicityId]);
      if (!p) return { outcome: 'missing', designated: 0 };
      if (this.clock.now() < new Date(p.ends_at)) return { outcome: 'not_yet', designated: 0 };
      const entries: { id: string }[] = await em.query(
        `SELECT id FROM publicity_entries WHERE publicity_id = $1 AND status = 'listed' ORDER BY id`,
        [publicityId],
      );
      let designated = 0;
      for (const e of entries) if (await this.effects.designate(em, SYSTEM_ACTOR, {}, e.id)) designated++;
      if (p.status === 'open') {
        await em.query(
          `UPDATE publicities SET status = 'closed', closed_at = $2, version = version + 1 WHERE id = $1`,
          [publicityId, this.clock.now()],
        );
        await this.audit.record(
          em,
          SYSTEM_ACTOR,
          {},
          {
            action: 'publicity.closed',
            entityType: 'publicity',
            entityId: publicityId,
            before: { status: 'open' },
            after: { status: 'closed', designated },
          },
        );
      }
      return { outcome: 'closed', designated };
    });
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<PublicityView> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 'publicity', entityId: id, label: '公示' });
    return toView(row);
  }

  async list(q: ListPublicitiesQuery): Promise<Page<PublicityView>> {
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ($1::uuid IS NULL OR p.batch_id = $1) ORDER BY p.starts_at DESC, p.id LIMIT $2 OFFSET $3`,
      [q.batchId ?? null, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM publicities WHERE ($1::uuid IS NULL OR batch_id = $1)`,
      [q.batchId ?? null],
    );
    return { items: rows.map(toView), total: n, page: q.page, pageSize: q.pageSize };
  }

  async publicList(q: PageQuery): Promise<Page<PublicPublicityView>> {
    const rows = await this.dataSource.query(
      `SELECT id, start_date, end_date, ends_at FROM publicities ORDER BY starts_at DESC, id LIMIT $1 OFFSET $2`,
      [q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM publicities`);
    const now = this.clock.now();
    return {
      items: rows.map((r: PublicityRow) => ({
        id: r.id,
        startDate: r.start_date,
        endDate: r.end_date,
        endsAt: r.ends_at,
        open: now < new Date(r.ends_at),
      })),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The public list: enterprise name, region, tier, construction type — entries withdrawn by a revision are gone. */
  async publicEntries(id: string, q: PageQuery): Promise<Page<PublicEntryView>> {
    const [p] = await this.dataSource.query(`SELECT id FROM publicities WHERE id = $1`, [id]);
    if (!p) throw notFound('公示');
    const where = `WHERE publicity_id = $1 AND status <> 'withdrawn'`;
    const rows = await this.dataSource.query(
      `SELECT id, enterprise_name, region_code, tier, construction_type FROM publicity_entries ${where}
       ORDER BY region_code, enterprise_name, id LIMIT $2 OFFSET $3`,
      [id, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM publicity_entries ${where}`, [id]);
    return {
      items: rows.map(
        (r: {
          id: string;
          enterprise_name: string;
          region_code: string;
          tier: TierCode;
          construction_type: string | null;
        }) => ({
          id: r.id,
          enterpriseName: r.enterprise_name,
          regionCode: r.region_code,
          regionName: findRegion(r.region_code)?.name ?? r.region_code,
          tier: r.tier,
          tierName: TIER_NAMES[r.tier],
          constructionType: r.construction_type,
          constructionTypeName: constructionTypeName(r.construction_type),
        }),
      ),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}
