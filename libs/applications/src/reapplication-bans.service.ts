import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { EnterprisesService } from '@ff/enterprises';
import { BanErrors } from './bans.errors';
import { BanView, CreateBanDto, ListBansQuery } from './dto/ban.dto';
import { BAN_SOURCE_NAMES, BanSource, banInForce, beijingToday, isBanInForce } from './reapplication-bans';

interface BanRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  source: BanSource;
  reason: string;
  designation_id: string | null;
  starts_on: string;
  ends_on: string;
  lifted_at: Date | null;
  lift_reason: string | null;
  created_at: Date;
}

const SELECT = `SELECT b.*, e.name AS enterprise_name FROM reapplication_bans b JOIN enterprises e ON e.id = b.enterprise_id`;

const toView = (r: BanRow, today: string): BanView => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  source: r.source,
  sourceName: BAN_SOURCE_NAMES[r.source],
  reason: r.reason,
  designationId: r.designation_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  inForce: isBanInForce({ startsOn: r.starts_on, endsOn: r.ends_on, liftedAt: r.lifted_at }, today),
  liftedAt: r.lifted_at,
  liftReason: r.lift_reason,
  createdAt: r.created_at,
});

/**
 * The reapplication-ban store (限制申报): bans created when a designation is revoked (by the
 * designations context, in its transaction) or entered by an official; lifted by an official.
 * `assertNotBanned` is the check application creation runs.
 */
@Injectable()
export class ReapplicationBansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly enterprises: EnterprisesService,
  ) {}

  /** Refuses (409 application_banned, naming the end date) while a ban on the enterprise is in force. */
  async assertNotBanned(enterpriseId: string, em: EntityManager = this.dataSource.manager): Promise<void> {
    const rows: BanRow[] = await em.query(`${SELECT} WHERE b.enterprise_id = $1 AND b.lifted_at IS NULL`, [
      enterpriseId,
    ]);
    const ban = banInForce(
      rows.map((r) => ({ ...r, startsOn: r.starts_on, endsOn: r.ends_on, liftedAt: r.lifted_at })),
      beijingToday(),
    );
    if (ban) throw BanErrors.raise('application_banned', ban.endsOn, ban.reason);
  }

  /** A ban written in the caller's transaction (revocation), audited there. */
  async createInTransaction(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    ban: {
      enterpriseId: string;
      source: BanSource;
      reason: string;
      startsOn: string;
      endsOn: string;
      designationId?: string;
    },
  ): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO reapplication_bans (enterprise_id, source, reason, designation_id, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [ban.enterpriseId, ban.source, ban.reason, ban.designationId ?? null, ban.startsOn, ban.endsOn, actor.userId],
    );
    await this.audit.record(em, actor, meta, {
      action: 'reapplication_ban.created',
      entityType: 'reapplication_ban',
      entityId: row.id,
      after: ban,
    });
    return row.id;
  }

  async create(actor: Actor, meta: RequestMeta, dto: CreateBanDto): Promise<BanView> {
    const today = beijingToday();
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(dto.endsOn) &&
      new Date(`${dto.endsOn}T00:00:00Z`).toISOString().startsWith(dto.endsOn);
    if (!valid || dto.endsOn <= today) throw BanErrors.field('ban_end_invalid', 'endsOn', today);
    await this.enterprises.getOrFail(dto.enterpriseId);
    const id = await this.dataSource.transaction((em) =>
      this.createInTransaction(em, actor, meta, {
        enterpriseId: dto.enterpriseId,
        source: 'official',
        reason: dto.banReason,
        startsOn: today,
        endsOn: dto.endsOn,
      }),
    );
    return this.get(actor, meta, id);
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<BanView> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE b.id = $1`, [id]);
    if (!row)
      throw await this.authz.deny(actor, meta, {
        entityType: 'reapplication_ban',
        entityId: id,
        label: '限制申报记录',
      });
    return toView(row, beijingToday());
  }

  async list(q: ListBansQuery): Promise<Page<BanView>> {
    const today = beijingToday();
    const where = `WHERE ($1::uuid IS NULL OR b.enterprise_id = $1)
      AND (NOT $2 OR (b.lifted_at IS NULL AND b.starts_on <= $3 AND b.ends_on >= $3))`;
    const params = [q.enterpriseId ?? null, q.inForce === true, today];
    const rows: BanRow[] = await this.dataSource.query(
      `${SELECT} ${where} ORDER BY b.created_at DESC, b.id LIMIT $4 OFFSET $5`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM reapplication_bans b ${where}`, params);
    return { items: rows.map((r) => toView(r, today)), total: n, page: q.page, pageSize: q.pageSize };
  }

  async lift(actor: Actor, meta: RequestMeta, id: string, liftReason: string): Promise<BanView> {
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query(`SELECT id FROM reapplication_bans WHERE id = $1`, [id]);
      if (!row)
        throw await this.authz.deny(actor, meta, {
          entityType: 'reapplication_ban',
          entityId: id,
          label: '限制申报记录',
        });
      const [updated] = await em.query(
        `UPDATE reapplication_bans SET lifted_at = now(), lifted_by = $2, lift_reason = $3, version = version + 1
         WHERE id = $1 AND lifted_at IS NULL RETURNING id`,
        [id, actor.userId, liftReason],
      );
      if (!updated) throw BanErrors.raise('ban_already_lifted');
      await this.audit.record(em, actor, meta, {
        action: 'reapplication_ban.lifted',
        entityType: 'reapplication_ban',
        entityId: id,
        before: { liftedAt: null },
        after: { liftReason },
      });
    });
    return this.get(actor, meta, id);
  }
}
