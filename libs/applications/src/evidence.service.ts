import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { FILE_STORAGE, FileStorage, StorageErrors, UploadIntake, plainFileName } from '@ff/storage';
import { ApplicationErrors } from './applications.errors';
import { ApplicationAccess } from './application-access.service';
import { Application } from './entities/application.entity';
import { EvidenceFile } from './entities/evidence-file.entity';
import { EvidenceView } from './dto/evidence.view';
import { CLAIM_DIMENSIONS, ConstructionClaims } from './construction-claims';

export const EVIDENCE_NAME_MAX = 200;

const toView = (f: EvidenceFile): EvidenceView => ({
  id: f.id,
  applicationId: f.applicationId,
  name: f.originalName,
  mediaType: f.mediaType,
  size: f.size,
  sha256: f.sha256,
  createdAt: f.createdAt,
});

const SAME_EXTENSION: Record<string, string[]> = { jpg: ['jpg', 'jpeg'], ole: ['doc', 'xls', 'ppt'] };

/**
 * The name shown and offered on download: the last path segment, normalised, no control or quote
 * characters, at most 200 characters, and ending in the extension of the *sniffed* type, so a
 * renamed file never downloads under a misleading extension.
 */
export function displayName(raw: string | undefined, extension: string): string {
  let name = plainFileName(raw);
  const dot = name.lastIndexOf('.');
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const accepted = SAME_EXTENSION[extension] ?? [extension];
  if (!accepted.includes(given)) name = `${name || '佐证材料'}.${extension}`;
  else if (dot <= 0) name = `佐证材料.${extension}`;
  const chars = [...name];
  if (chars.length > EVIDENCE_NAME_MAX) {
    const ext = name.slice(name.lastIndexOf('.'));
    name = chars.slice(0, EVIDENCE_NAME_MAX - [...ext].length).join('') + ext;
  }
  return name;
}

/** `Content-Disposition` with an ASCII fallback and the real name per RFC 5987 / RFC 6266. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const mb = (n: number) =>
  n >= 1024 * 1024 ? `${Number((n / 1024 / 1024).toFixed(1))} MB` : `${Math.ceil(n / 1024)} KB`;

/** Evidence files of an application: metadata here, bytes in the content-addressed storage port. */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly access: ApplicationAccess,
    private readonly uploads: UploadIntake,
  ) {}

  /**
   * Streams the `file` part into storage (size and type checked from the content), then records
   * it (see `UploadIntake`: a refused file leaves nothing behind, and bytes stored before a failed
   * transaction are an unreferenced content-addressed blob, reused if the same file comes again).
   */
  async upload(actor: Actor, meta: RequestMeta, id: string, req: FastifyRequest): Promise<EvidenceView> {
    const { app } = await this.access.owned(actor, meta, id);
    this.assertEditable(app);
    await this.assertWithinQuota(this.dataSource.manager, id, 0);
    const saved = await this.uploads.receive(actor, meta, req, {
      tooLarge: (maxBytes) => `上传文件超过大小限制（最大 ${mb(maxBytes)}）`,
      record: async (em, { stored, filename }) => {
        const current = await this.access.lockEditable(em, id);
        // The same bytes uploaded again are the same evidence: one record (uploads serialise on the row lock).
        const same = await em.findOneBy(EvidenceFile, { applicationId: id, sha256: stored.sha256 });
        if (same) return { row: same };
        // Under the application's row lock, so two concurrent uploads cannot both squeeze under the quota.
        await this.assertWithinQuota(em, id, stored.size);
        const name = displayName(filename, stored.extension);
        const row = await em.save(
          em.create(EvidenceFile, {
            applicationId: id,
            sha256: stored.sha256,
            size: stored.size,
            mediaType: stored.mediaType,
            originalName: name,
            uploadedBy: actor.userId,
          }),
        );
        await em.update(Application, { id }, { version: current.version + 1 });
        return {
          row,
          audit: {
            action: 'application.evidence_uploaded',
            entityType: 'application',
            entityId: id,
            after: {
              status: current.status,
              evidenceId: row.id,
              sha256: row.sha256,
              size: row.size,
              mediaType: row.mediaType,
              name,
            },
          },
        };
      },
    });
    return toView(saved);
  }

  async list(actor: Actor, meta: RequestMeta, id: string): Promise<EvidenceView[]> {
    await this.access.visible(actor, meta, id);
    const rows = await this.dataSource
      .getRepository(EvidenceFile)
      .find({ where: { applicationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  /** For download: anyone who may see the application; an evidence id of another application is a 404. */
  async open(actor: Actor, meta: RequestMeta, id: string, evidenceId: string) {
    await this.access.visible(actor, meta, id);
    const file = await this.dataSource.getRepository(EvidenceFile).findOneBy({ id: evidenceId, applicationId: id });
    if (!file)
      throw await this.authz.deny(actor, meta, {
        entityType: 'evidence_file',
        entityId: evidenceId,
        label: '佐证材料',
      });
    const stream = await this.storage.open(file.sha256);
    return { file: toView(file), stream, disposition: contentDisposition(file.originalName) };
  }

  /** The per-application quota (EVIDENCE_MAX_FILES / EVIDENCE_MAX_TOTAL_BYTES), counting one more file of `adding` bytes. */
  private async assertWithinQuota(em: EntityManager, id: string, adding: number): Promise<void> {
    const { maxFiles, maxTotalBytes } = this.config.evidence;
    const [{ n, bytes }] = await em.query(
      `SELECT count(*)::int AS n, coalesce(sum(size), 0)::bigint AS bytes FROM evidence_files WHERE application_id = $1`,
      [id],
    );
    if (n + 1 > maxFiles) throw StorageErrors.raise('evidence_quota_exceeded', `最多 ${maxFiles} 个文件`);
    if (Number(bytes) + adding > maxTotalBytes)
      throw StorageErrors.raise('evidence_quota_exceeded', `文件总大小最多 ${mb(maxTotalBytes)}`);
  }

  /**
   * Removes an evidence file from the draft, and its id from every declaration and claim that
   * cited it, in one audited transaction. The stored bytes stay (content-addressed, possibly
   * shared with other records, and part of earlier frozen submissions).
   */
  async remove(actor: Actor, meta: RequestMeta, id: string, evidenceId: string): Promise<void> {
    await this.access.owned(actor, meta, id);
    await this.dataSource.transaction(async (em) => {
      const current = await this.access.lockEditable(em, id);
      const file = await em.findOneBy(EvidenceFile, { id: evidenceId, applicationId: id });
      if (!file)
        throw await this.authz.deny(actor, meta, {
          entityType: 'evidence_file',
          entityId: evidenceId,
          label: '佐证材料',
        });
      const cited = await em.query(
        `UPDATE application_declarations SET evidence_ids = array_remove(evidence_ids, $2::uuid)
           WHERE application_id = $1 AND $2::uuid = ANY(evidence_ids) RETURNING clause_id`,
        [id, evidenceId],
      );
      const claims: ConstructionClaims = { ...(current.constructionClaims ?? {}) };
      for (const d of CLAIM_DIMENSIONS) {
        const c = claims[d];
        if (c?.evidenceIds.includes(evidenceId))
          claims[d] = { ...c, evidenceIds: c.evidenceIds.filter((e) => e !== evidenceId) };
      }
      await em.delete(EvidenceFile, { id: evidenceId });
      await em.update(Application, { id }, { constructionClaims: claims, version: current.version + 1 });
      await this.audit.record(em, actor, meta, {
        action: 'application.evidence_deleted',
        entityType: 'application',
        entityId: id,
        before: { evidenceId, sha256: file.sha256, name: file.originalName },
        after: {
          status: current.status,
          removedFromClauses: ((Array.isArray(cited[0]) ? cited[0] : cited) as { clause_id: string }[]).map(
            (r) => r.clause_id,
          ),
        },
      });
    });
  }

  private assertEditable(app: Application) {
    if (app.status !== 'draft' && app.status !== 'returned') {
      throw ApplicationErrors.raise('application_not_editable', app.status, '上传佐证材料');
    }
  }
}
