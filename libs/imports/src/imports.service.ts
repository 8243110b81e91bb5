import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { compareAndSet, pageOf } from '@ff/database';
import { Actor, Page, RequestMeta, emptyPage } from '@ff/core';
import { AuditService } from '@ff/audit';
import { AuthorizationService } from '@ff/identity';
import { BatchesService } from '@ff/batches';
import { QueueService, jobId } from '@ff/queue';
import { OLE2_MEDIA_TYPE, type StoredFile, UploadIntake } from '@ff/storage';
import { ApplicationImport, IMPORT_STATUS_NAMES } from './entities/application-import.entity';
import { ListImportsQuery } from './dto/import.dto';
import { ImportDetailView, ImportView, toImportDetailView, toImportView } from './dto/import.view';
import { ImportErrors } from './imports.errors';
import { canSeeImport, visibleJurisdictions } from './imports.policy';
import { dropStaged } from './import-staging';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The two data sheets as CSV files (`企业信息.csv`, `自评.csv`) in one zip. */
const ZIP = 'application/zip';
const LABEL = '导入';

/** A workbook (.xlsx) or the CSV zip; an old .xls, an encrypted workbook or another type is refused by name. */
function assertWorkbook(stored: StoredFile): void {
  if (stored.mediaType === OLE2_MEDIA_TYPE && stored.extension === 'xls')
    throw ImportErrors.raise('import_file_not_xlsx', '收到的是旧版 .xls 工作簿，请另存为 .xlsx 后上传');
  if (stored.mediaType === OLE2_MEDIA_TYPE)
    throw ImportErrors.raise(
      'import_file_not_xlsx',
      '收到的是加密（设置了打开密码）的工作簿或其他 OLE2 文件，请取消密码并另存为 .xlsx 后上传',
    );
  if (stored.mediaType !== XLSX && stored.mediaType !== ZIP)
    throw ImportErrors.raise('import_file_not_xlsx', `收到的是 .${stored.extension} 文件`);
}

/**
 * Upload, read, list and cancel application imports. An upload is stored content-addressed
 * through the storage port (size, type sniffed from the content, the Office zip checks); its dry
 * run is queued as soon as the import row is committed.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly authz: AuthorizationService,
    private readonly batches: BatchesService,
    private readonly queue: QueueService,
    private readonly uploads: UploadIntake,
  ) {}

  async upload(actor: Actor, meta: RequestMeta, batchId: string, req: FastifyRequest): Promise<ImportView> {
    // Identity gives every official and recommender a jurisdiction; a row without one imports nothing.
    if (!actor.regionCode) throw ImportErrors.raise('import_no_jurisdiction');
    const batch = await this.batches.getVisible(actor, meta, batchId);
    const imp = await this.uploads.receive(actor, meta, req, {
      accept: 'import',
      tooLarge: () => '导入文件超过大小限制',
      notAccepted: () =>
        ImportErrors.raise(
          'import_file_not_xlsx',
          '文件内容不是工作簿（CSV、文本或其他格式改名为 .xlsx 的文件不能导入）',
        ),
      check: assertWorkbook,
      record: async (em, { stored, filename }) => {
        const row = await em.save(
          em.create(ApplicationImport, {
            batchId: batch.id,
            fileSha256: stored.sha256,
            fileName: filename.slice(0, 255),
            fileSize: stored.size,
            jurisdictionCode: actor.regionCode!,
            createdBy: actor.userId,
            status: 'queued' as const,
          }),
        );
        return {
          row,
          audit: {
            action: 'import.uploaded',
            entityType: 'application_import',
            entityId: row.id,
            after: { batchId: batch.id, fileSha256: stored.sha256, fileName: row.fileName, size: stored.size },
          },
        };
      },
    });
    // Queued once the row is committed, so the job always finds it; a queue that is down leaves a
    // failed import with its reason (and a 503), never one waiting for a job that is not there.
    await this.enqueueValidation(imp);
    return toImportView(imp);
  }

  /**
   * The evidence zip whose files the 自评 sheet names, for an import whose dry run is done: stored
   * content-addressed (bounded like any zip by the storage port), then the dry run runs again with
   * it — each named file matched, checked as evidence and previewed. A later zip replaces the earlier.
   */
  async attachEvidence(actor: Actor, meta: RequestMeta, id: string, req: FastifyRequest): Promise<ImportView> {
    const imp = await this.visible(actor, meta, id);
    if (imp.status !== 'validated')
      throw ImportErrors.raise('import_evidence_not_accepted', toImportView(imp).statusName);
    const updated = await this.uploads.receive(actor, meta, req, {
      accept: 'import',
      tooLarge: () => '压缩包超过大小限制',
      notAccepted: () => ImportErrors.raise('import_evidence_not_zip', '收到的文件不是压缩包'),
      check: (stored) => {
        if (stored.mediaType !== ZIP)
          throw ImportErrors.raise('import_evidence_not_zip', `收到的是 .${stored.extension} 文件`);
      },
      record: async (em, { stored, filename }) => {
        const row = await compareAndSet(em, {
          entity: ApplicationImport,
          id,
          from: 'validated',
          to: 'queued',
          patch: {
            evidenceSha256: stored.sha256,
            evidenceFileName: filename.slice(0, 255),
            evidenceFileSize: stored.size,
            rowsDone: 0,
            errorCount: 0,
            warningCount: 0,
            report: null,
            preview: null,
          },
          lost: (current) =>
            ImportErrors.raise('import_evidence_not_accepted', current ? IMPORT_STATUS_NAMES[current] : '未知'),
        });
        return {
          row,
          audit: {
            action: 'import.evidence_uploaded',
            entityType: 'application_import',
            entityId: id,
            after: { evidenceSha256: stored.sha256, fileName: row.evidenceFileName, size: stored.size },
          },
        };
      },
    });
    // One job per round (the version moves with every change): the same zip sent again runs again.
    await this.enqueueValidation(updated, `v${updated.version}`);
    return toImportView(updated);
  }

  /** The dry run of `imp`; a queue that is down leaves a failed import with its reason (and a 503). */
  private async enqueueValidation(imp: ApplicationImport, ...round: string[]): Promise<void> {
    try {
      await this.queue.enqueue(
        'import.validate',
        { importId: imp.id },
        { jobId: jobId('import.validate', imp.id, ...round) },
      );
    } catch (e) {
      await this.dataSource
        .getRepository(ApplicationImport)
        .update({ id: imp.id, status: 'queued' }, { status: 'failed', failureReason: '任务队列暂不可用，请重新上传' });
      throw e;
    }
  }

  async visible(actor: Actor, meta: RequestMeta, id: string): Promise<ApplicationImport> {
    const imp = await this.dataSource.getRepository(ApplicationImport).findOneBy({ id });
    await this.authz.ensure(!!imp && canSeeImport(actor, imp), actor, meta, {
      entityType: 'application_import',
      entityId: id,
      label: LABEL,
    });
    return imp!;
  }

  async get(actor: Actor, meta: RequestMeta, id: string): Promise<ImportDetailView> {
    return toImportDetailView(await this.visible(actor, meta, id));
  }

  async list(actor: Actor, q: ListImportsQuery): Promise<Page<ImportView>> {
    const scope = visibleJurisdictions(actor);
    if (scope && !scope.length) return emptyPage(q);
    const qb = this.dataSource.getRepository(ApplicationImport).createQueryBuilder('i');
    if (scope) qb.andWhere('i.jurisdiction_code IN (:...scope)', { scope });
    if (q.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: q.batchId });
    return pageOf(qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'ASC'), q, toImportView);
  }

  /**
   * Stops a queued or running dry run (the job notices within a few hundred rows), or drops a
   * validated preview and the parse it kept.
   */
  async cancel(actor: Actor, meta: RequestMeta, id: string): Promise<ImportView> {
    const imp = await this.visible(actor, meta, id);
    return this.dataSource.transaction(async (em) => {
      const current = await compareAndSet(em, {
        entity: ApplicationImport,
        id,
        from: ['queued', 'validating', 'validated'],
        to: 'cancelled',
        lost: (now) => ImportErrors.raise('import_not_cancellable', now ? IMPORT_STATUS_NAMES[now] : '未知'),
      });
      // What a validated dry run kept for its commit goes with it.
      await dropStaged(em, id);
      await this.audit.record(em, actor, meta, {
        action: 'import.cancelled',
        entityType: 'application_import',
        entityId: id,
        before: { status: imp.status },
        after: { status: 'cancelled' },
      });
      return toImportView(current);
    });
  }
}
