import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Actor, RequestMeta, notFound } from '@ff/core';
import { FILE_STORAGE, FileStorage, UploadIntake, plainFileName } from '@ff/storage';
import { AuditService } from '@ff/audit';
import { AuthorizationService, UsersService } from '@ff/identity';
import { NotificationsService } from '@ff/notifications';
import { ReviewIntakeService } from '@ff/applications';
import { Clock } from '@ff/reviews';
import { DesignationErrors } from './designations.errors';
import {
  ObjectionAttachmentView,
  ObjectionDto,
  ObjectionReceiptView,
  ObjectionView,
  ResolveObjectionDto,
} from './dto/designations.dto';
import { objectionProblems } from './objection';
import { PublicityEffects } from './publicity-effects.service';

const SELECT = `SELECT o.*, e.enterprise_name, e.publicity_id FROM objections o JOIN publicity_entries e ON e.id = o.entry_id`;

/** Attachments one objection may carry. */
export const MAX_OBJECTION_ATTACHMENTS = 5;
/** Attachments officials may add to one objection's investigation. */
export const MAX_OFFICIAL_ATTACHMENTS = 20;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The client's file name without path, control or reserved characters, at most 100 characters, with the sniffed extension. */
export function attachmentName(raw: string | undefined, extension: string): string {
  const base = plainFileName(raw);
  const stem = [...(base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base)].slice(0, 90).join('');
  return `${stem || '异议附件'}.${extension}`;
}

interface AttachmentRow {
  id: string;
  source: 'objector' | 'official';
  objection_id: string;
  sha256: string;
  size: string;
  media_type: string;
  original_name: string;
}

const toAttachmentView = (a: AttachmentRow): ObjectionAttachmentView => ({
  id: a.id,
  name: a.original_name,
  source: a.source,
  size: Number(a.size),
  mediaType: a.media_type,
});

const toView = (r: Record<string, never>, attachments: AttachmentRow[] = []): ObjectionView => ({
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
  attachments: attachments.filter((a) => a.objection_id === r.id).map(toAttachmentView),
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
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly intake: ReviewIntakeService,
    private readonly uploads: UploadIntake,
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
    const attachmentToken = randomBytes(24).toString('hex');
    const id = await this.dataSource.transaction(async (em) => {
      const [entry] = await em.query(
        `SELECT e.id, e.status, p.ends_at FROM publicity_entries e JOIN publicities p ON p.id = e.publicity_id
         WHERE e.id = $1 FOR UPDATE OF e`,
        [entryId],
      );
      if (!entry || entry.status === 'withdrawn') throw notFound('公示条目');
      if (now >= new Date(entry.ends_at)) throw DesignationErrors.raise('publicity_closed');
      const [row] = await em.query(
        `INSERT INTO objections (entry_id, name, organisation, contact, statement, client_ip, status, created_at,
           attachment_token_hash) VALUES ($1,$2,$3,$4,$5,$6,'open',$7,$8) RETURNING id`,
        [
          entryId,
          dto.objectorName,
          dto.organisation,
          dto.contact,
          dto.statement,
          meta.ip ?? null,
          now,
          sha256(attachmentToken),
        ],
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
    return {
      id,
      receivedAt: now,
      message: '异议已收到。我们将对异议人信息保密，并在核查后依规处理。',
      attachmentToken,
    };
  }

  /**
   * An attachment to one's own objection, with the receipt's token, while the window is open (at
   * most MAX_OBJECTION_ATTACHMENTS). A wrong token is the same 404 as an unknown objection.
   */
  async attach(
    meta: RequestMeta,
    id: string,
    token: string | undefined,
    req: FastifyRequest,
  ): Promise<ObjectionAttachmentView> {
    const [o] = await this.dataSource.query(
      `SELECT o.id, o.attachment_token_hash, p.ends_at FROM objections o JOIN publicity_entries e ON e.id = o.entry_id
       JOIN publicities p ON p.id = e.publicity_id WHERE o.id = $1`,
      [id],
    );
    const given = Buffer.from(sha256(token ?? ''));
    const stored = Buffer.from(o?.attachment_token_hash ?? sha256('-'));
    if (!o || !token || !timingSafeEqual(given, stored)) throw notFound('异议');
    if (this.clock.now() >= new Date(o.ends_at)) throw DesignationErrors.raise('publicity_closed');
    return this.store(null, meta, id, req, 'objector');
  }

  /** An official's own attachment to the investigation (site photos, the enterprise's material), any time. */
  async attachAsOfficial(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    req: FastifyRequest,
  ): Promise<ObjectionAttachmentView> {
    const [o] = await this.dataSource.query(`SELECT id FROM objections WHERE id = $1`, [id]);
    if (!o) throw await this.authz.deny(actor, meta, { entityType: 'objection', entityId: id, label: '异议' });
    return this.store(actor, meta, id, req, 'official');
  }

  private async store(
    actor: Actor | null,
    meta: RequestMeta,
    id: string,
    req: FastifyRequest,
    source: 'objector' | 'official',
  ): Promise<ObjectionAttachmentView> {
    await this.assertRoom(this.dataSource.manager, id, source);
    const row = await this.uploads.receive(actor, meta, req, {
      tooLarge: (maxBytes) => `附件超过大小限制（最大 ${Math.round(maxBytes / 1024 / 1024)} MB）`,
      record: async (em, { stored: file, filename }) => {
        await em.query(`SELECT id FROM objections WHERE id = $1 FOR UPDATE`, [id]);
        const [same] = await em.query(
          `SELECT * FROM objection_attachments WHERE objection_id = $1 AND source = $2 AND sha256 = $3`,
          [id, source, file.sha256],
        );
        if (same) return { row: same as AttachmentRow };
        await this.assertRoom(em, id, source);
        const [saved] = await em.query(
          `INSERT INTO objection_attachments (objection_id, sha256, size, media_type, original_name, source, added_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
          [
            id,
            file.sha256,
            file.size,
            file.mediaType,
            attachmentName(filename, file.extension),
            source,
            actor?.userId ?? null,
          ],
        );
        return {
          row: saved as AttachmentRow,
          audit: {
            action: 'objection.attachment_added',
            entityType: 'objection',
            entityId: id,
            after: { attachmentId: saved.id, source, sha256: file.sha256, size: file.size, mediaType: file.mediaType },
          },
        };
      },
    });
    return toAttachmentView(row);
  }

  /** For officials: an attachment's bytes; one of another objection is a 404. */
  async openAttachment(actor: Actor, meta: RequestMeta, id: string, attachmentId: string) {
    const [a]: AttachmentRow[] = await this.dataSource.query(
      `SELECT * FROM objection_attachments WHERE id = $1 AND objection_id = $2`,
      [attachmentId, id],
    );
    if (!a)
      throw await this.authz.deny(actor, meta, {
        entityType: 'objection_attachment',
        entityId: attachmentId,
        label: '异议附件',
      });
    return { file: toAttachmentView(a), stream: await this.storage.open(a.sha256) };
  }

  private async assertRoom(em: { query: DataSource['query'] }, id: string, source: string): Promise<void> {
    const max = source === 'official' ? MAX_OFFICIAL_ATTACHMENTS : MAX_OBJECTION_ATTACHMENTS;
    const [{ n }] = await em.query(
      `SELECT count(*)::int AS n FROM objection_attachments WHERE objection_id = $1 AND source = $2`,
      [id, source],
    );
    if (n >= max) throw DesignationErrors.raise('objection_attachments_full', max);
  }

  async list(actor: Actor, meta: RequestMeta, publicityId: string): Promise<ObjectionView[]> {
    const [p] = await this.dataSource.query(`SELECT id FROM publicities WHERE id = $1`, [publicityId]);
    if (!p) throw await this.authz.deny(actor, meta, { entityType: 'publicity', entityId: publicityId, label: '公示' });
    const rows = await this.dataSource.query(`${SELECT} WHERE e.publicity_id = $1 ORDER BY o.created_at, o.id`, [
      publicityId,
    ]);
    const attachments = await this.attachmentsOf(rows.map((r: { id: string }) => r.id));
    return rows.map((r: Record<string, never>) => toView(r, attachments));
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

  /**
   * A request for material from the enterprise behind the entry: an in-app message (and e-mail where
   * configured) to its active accounts, recorded as a note. The objector is never named to it.
   */
  async requestMaterial(actor: Actor, meta: RequestMeta, id: string, message: string): Promise<ObjectionView> {
    const mail = await this.dataSource.transaction(async (em) => {
      const [o] = await em.query(
        `SELECT o.id, o.status, o.notes, e.application_id, e.enterprise_name FROM objections o
         JOIN publicity_entries e ON e.id = o.entry_id WHERE o.id = $1 FOR UPDATE OF o`,
        [id],
      );
      if (!o) throw await this.authz.deny(actor, meta, { entityType: 'objection', entityId: id, label: '异议' });
      if (o.status !== 'open')
        throw DesignationErrors.raise('objection_not_open', o.status === 'upheld' ? '成立' : '不成立');
      const [app] = await this.intake.byIds([o.application_id], em);
      const recipients = await this.users.activeIdsOfEnterprise(app.enterpriseId, em);
      const n = (o.notes as unknown[]).length + 1;
      const note = {
        by: actor.userId,
        at: this.clock.now().toISOString(),
        note: message,
        kind: 'material_request',
        recipients: recipients.length,
      };
      await em.query(`UPDATE objections SET notes = notes || $2::jsonb, version = version + 1 WHERE id = $1`, [
        id,
        JSON.stringify([note]),
      ]);
      await this.audit.record(em, actor, meta, {
        action: 'objection.material_requested',
        entityType: 'objection',
        entityId: id,
        after: note,
      });
      return this.notifications.notify(
        em,
        recipients.map((userId) => ({
          userId,
          kind: 'objection_material_request',
          title: '公示异议核查：请补充材料',
          body: `贵单位（${o.enterprise_name}）在公示期内收到异议，省级主管部门正在核查，请按以下要求补充材料：${message}`,
          data: { applicationId: o.application_id },
          dedupeKey: `objection-material__${id}__${n}__${userId}`,
        })),
      );
    });
    await this.notifications.dispatch(mail);
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
    return toView(row, await this.attachmentsOf([id]));
  }

  private attachmentsOf(ids: string[]): Promise<AttachmentRow[]> {
    return this.dataSource.query(
      `SELECT * FROM objection_attachments WHERE objection_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [ids],
    );
  }
}
