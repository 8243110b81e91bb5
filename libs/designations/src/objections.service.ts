import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, RequestMeta, notFound } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { Clock } from '@ff/reviews';
import { DesignationErrors } from './designations.errors';
import { ObjectionDto, ObjectionReceiptView, ObjectionView, ResolveObjectionDto } from './dto/designations.dto';
import { objectionProblems } from './objection';
import { PublicityEffects } from './publicity-effects.service';

const SELECT = `SELECT o.*, e.enterprise_name, e.publicity_id FROM objections o JOIN publicity_entries e ON e.id = o.entry_id`;

const toView = (r: Record<string, never>): ObjectionView => ({
  id: r.id,
  entryId: r.entry_id,
  enterpriseName: r.enterprise_name,
  objectorName: r.name,
  organisation: r.organisation,
  contact: r.contact,
  statement: r.statement,
  status: r.status,
  notes: r.notes,
  resolutionReason: r.resolution_reason,
  createdAt: r.created_at,
});

/**
 * Real-name objections to 公示 entries: filed by anyone while the window is open (the identity is
 * kept for officials only), investigated with notes, and resolved — dismissed (the entry goes on)
 * or upheld (the entry waits for a revised decision, four eyes again).
 */
@Injectable()
export class ObjectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly effects: PublicityEffects,
    private readonly clock: Clock,
  ) {}

  async file(meta: RequestMeta, entryId: string, dto: ObjectionDto): Promise<ObjectionReceiptView> {
    const problems = objectionProblems(dto);
    if (problems.length) {
      const details = problems.map((p) => ({ field: p.field, code: 'objection_invalid', message: p.message }));
      throw problems.some((p) => p.anonymous)
        ? DesignationErrors.withDetails('objection_anonymous', details)
        : DesignationErrors.withDetails('objection_invalid', details, details.length);
    }
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      const [entry] = await em.query(
        `SELECT e.id, e.status, p.ends_at FROM publicity_entries e JOIN publicities p ON p.id = e.publicity_id
         WHERE e.id = $1 FOR UPDATE OF e`,
        [entryId],
      );
      if (!entry || entry.status === 'withdrawn') throw notFound('公示条目');
      if (now >= new Date(entry.ends_at)) throw DesignationErrors.raise('publicity_closed');
      const [row] = await em.query(
        `INSERT INTO objections (entry_id, name, organisation, contact, statement, client_ip, status, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,'open',$7) RETURNING id`,
        [entryId, dto.objectorName, dto.organisation, dto.contact, dto.statement, meta.ip ?? null, now],
      );
      await em.query(
        `UPDATE publicity_entries SET status = 'objected', version = version + 1 WHERE id = $1 AND status = 'listed'`,
        [entryId],
      );
      // The identity stays in the objection row (officials only), not in the audit trail.
      await this.audit.record(em, null, meta, {
        action: 'objection.filed',
        entityType: 'objection',
        entityId: row.id,
        after: { entryId },
      });
      return row.id as string;
    });
    return { id, receivedAt: now, message: '异议已收到。我们将对异议人信息保密，并在核查后依规处理。' };
  }

  async list(actor: Actor, meta: RequestMeta, publicityId: string): Promise<ObjectionView[]> {
    const [p] = await this.dataSource.query(`SELECT id FROM publicities WHERE id = $1`, [publicityId]);
    if (!p) throw await this.authz.deny(actor, meta, { entityType: 'publicity', entityId: publicityId, label: '公示' });
    const rows = await this.dataSource.query(`${SELECT} WHERE e.publicity_id = $1 ORDER BY o.created_at, o.id`, [
      publicityId,
    ]);
    return rows.map(toView);
  }

  async note(actor: Actor, meta: RequestMeta, id: string, note: string): Promise<ObjectionView> {
    await this.dataSource.transaction(async (em) => {
      const [o] = await em.query(`SELECT id FROM objections WHERE id = $1 FOR UPDATE`, [id]);
      if (!o) throw await this.authz.deny(actor, meta, { entityType: 'objection', entityId: id, label: '异议' });
      const entry = { by: actor.userId, at: this.clock.now().toISOString(), note };
      await em.query(`UPDATE objections SET notes = notes || $2::jsonb, version = version + 1 WHERE id = $1`, [
        id,
        JSON.stringify([entry]),
      ]);
      await this.audit.record(em, actor, meta, {
        action: 'objection.noted',
        entityType: 'objection',
        entityId: id,
        after: entry,
      });
    });
    return this.get(actor, meta, id);
  }

  async resolve(actor: Actor, meta: RequestMeta, id: string, dto: ResolveObjectionDto): Promise<ObjectionView> {
    await this.dataSource.transaction(async (em) => {
      const [o] = await em.query(`SELECT * FROM objections WHERE id = $1 FOR UPDATE`, [id]);
      if (!o) throw await this.authz.deny(actor, meta, { entityType: 'objection', entityId: id, label: '异议' });
      const [moved] = await em.query(
        `UPDATE objections SET status = $2, resolution_reason = $3, resolved_by = $4, resolved_at = $5,
           version = version + 1 WHERE id = $1 AND status = 'open' RETURNING id`,
        [id, dto.resolution, dto.resolutionReason, actor.userId, this.clock.now()],
      );
      if (!moved.length) throw DesignationErrors.raise('objection_not_open', o.status === 'upheld' ? '成立' : '不成立');
      await this.audit.record(em, actor, meta, {
        action: `objection.${dto.resolution}`,
        entityType: 'objection',
        entityId: id,
        before: { status: 'open' },
        after: { status: dto.resolution, reason: dto.resolutionReason },
      });
      if (dto.resolution === 'upheld')
        await em.query(
          `UPDATE publicity_entries SET status = 'revising', version = version + 1
           WHERE id = $1 AND status IN ('listed','objected')`,
          [o.entry_id],
        );
      else await this.effects.afterObjection(em, actor, meta, o.entry_id);
    });
    return this.get(actor, meta, id);
  }

  private async get(actor: Actor, meta: RequestMeta, id: string): Promise<ObjectionView> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE o.id = $1`, [id]);
    if (!row) throw await this.authz.deny(actor, meta, { entityType: 'objection', entityId: id, label: '异议' });
    return toView(row);
  }
}
