import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Actor, RequestMeta, SYSTEM_ACTOR } from '@ff/core';
import { AuditService, canonicalJson } from '@ff/audit';
import { QueueService, jobId } from '@ff/queue';
import { FILE_STORAGE, FileStorage } from '@ff/storage';
import { renderAssessmentReport } from './assessment-report';
import { type CertificateFacts, renderCertificate } from './certificate';
import { DocumentKind, DocumentRecord } from './entities/document.entity';
import type { RenderedDocument } from './render-common';
import type { AssessmentReportInput } from './report-input';

/**
 * Template versions: bump one when its layout or wording changes, and every document of that kind
 * renders again the next time it is asked for (the version is part of the input hash).
 */
export const TEMPLATE_VERSIONS: Record<DocumentKind, number> = { assessment_report: 1, certificate: 1 };

export interface DocumentInputs {
  assessment_report: AssessmentReportInput;
  certificate: CertificateFacts;
}

const MAX_PDF_BYTES = 50 * 1024 * 1024;

export function documentInputHash<K extends DocumentKind>(kind: K, input: DocumentInputs[K]): string {
  return createHash('sha256')
    .update(canonicalJson({ kind, template: TEMPLATE_VERSIONS[kind], input }))
    .digest('hex');
}

/**
 * Stored documents, rendered once per input. `request` finds or creates the row for the hash of
 * the canonical input and queues `document.render` (job id = row id + version, so asking twice
 * queues once); the job renders from the input frozen on the row, stores the PDF content-addressed
 * and marks the row ready — a redelivered job finds it ready and does nothing. Certificates use
 * the same path: `request('certificate', designationId, facts)`.
 */
@Injectable()
export class DocumentStore {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly files: FileStorage,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
  ) {}

  find<K extends DocumentKind>(kind: K, subjectId: string, input: DocumentInputs[K]): Promise<DocumentRecord | null> {
    return this.dataSource.manager.findOne(DocumentRecord, {
      where: { kind, subjectId, inputHash: documentInputHash(kind, input) },
    });
  }

  /** The row for this input, rendering (queued now or before), ready, or failed then queued again. */
  async request<K extends DocumentKind>(
    actor: Actor,
    meta: RequestMeta,
    kind: K,
    subjectId: string,
    input: DocumentInputs[K],
  ): Promise<DocumentRecord> {
    const inputHash = documentInputHash(kind, input);
    const row = await this.dataSource.transaction(async (em) => {
      const [inserted]: DocumentRecord[] = await em.query(
        `INSERT INTO documents (kind, subject_id, input_hash, input, requested_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, subject_id, input_hash) DO NOTHING RETURNING id`,
        [kind, subjectId, inputHash, JSON.stringify(input), actor.userId],
      );
      if (inserted) {
        await this.audit.record(em, actor, meta, {
          action: 'document.requested',
          entityType: 'document',
          entityId: inserted.id,
          after: { kind, subjectId, inputHash },
        });
      } else {
        // A failed rendering is tried again: compare-and-set, so two requests retry it once.
        const [retried]: [{ id: string }[], number] = await em.query(
          `UPDATE documents SET status = 'rendering', error = NULL, version = version + 1
           WHERE kind = $1 AND subject_id = $2 AND input_hash = $3 AND status = 'failed' RETURNING id`,
          [kind, subjectId, inputHash],
        );
        if (retried.length)
          await this.audit.record(em, actor, meta, {
            action: 'document.requested',
            entityType: 'document',
            entityId: retried[0].id,
            before: { status: 'failed' },
            after: { kind, subjectId, inputHash, status: 'rendering' },
          });
      }
      return (await em.findOne(DocumentRecord, { where: { kind, subjectId, inputHash } }))!;
    });
    // Queued after the commit; a row still rendering is queued again (a duplicate id is ignored),
    // so a request made while the queue was down is picked up by the next one.
    if (row.status === 'rendering')
      await this.queue.enqueue(
        'document.render',
        { documentId: row.id },
        { jobId: jobId('document.render', row.id, String(row.version)) },
      );
    return row;
  }

  /** The `document.render` job. Idempotent: only a row still `rendering` is rendered and written. */
  async render(documentId: string, lastAttempt: boolean): Promise<{ outcome: string }> {
    const row = await this.dataSource.manager.findOne(DocumentRecord, { where: { id: documentId } });
    if (!row) return { outcome: 'missing' };
    if (row.status !== 'rendering') return { outcome: `already ${row.status}` };
    let rendered: RenderedDocument;
    try {
      rendered = await this.renderInput(row.kind, row.input);
    } catch (e) {
      this.logger.error(`render ${row.kind} ${row.id} failed: ${(e as Error).message}`);
      if (lastAttempt) await this.markFailed(row, (e as Error).message);
      throw e;
    }
    const stored = await this.files.put(Readable.from([rendered.bytes]), { maxBytes: MAX_PDF_BYTES });
    return this.dataSource.transaction(async (em) => {
      const [done]: [{ id: string }[], number] = await em.query(
        `UPDATE documents SET status = 'ready', sha256 = $2, size = $3, missing_glyphs = $4, rendered_at = now(),
           version = version + 1 WHERE id = $1 AND status = 'rendering' RETURNING id`,
        [row.id, stored.sha256, stored.size, rendered.missingGlyphs],
      );
      if (!done.length) return { outcome: 'already rendered' };
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'document.rendered',
          entityType: 'document',
          entityId: row.id,
          after: { kind: row.kind, subjectId: row.subjectId, sha256: stored.sha256, size: stored.size },
        },
      );
      return { outcome: 'rendered' };
    });
  }

  renderInput(kind: DocumentKind, input: Record<string, unknown>): Promise<RenderedDocument> {
    const issuer = this.config.documents.issuer;
    return kind === 'certificate'
      ? renderCertificate(input as unknown as CertificateFacts, issuer)
      : renderAssessmentReport(input as unknown as AssessmentReportInput, issuer);
  }

  open(row: DocumentRecord): Promise<NodeJS.ReadableStream> {
    return this.files.open(row.sha256!);
  }

  private async markFailed(row: DocumentRecord, error: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [failed]: [{ id: string }[], number] = await em.query(
        `UPDATE documents SET status = 'failed', error = $2, version = version + 1
         WHERE id = $1 AND status = 'rendering' RETURNING id`,
        [row.id, error.slice(0, 1000)],
      );
      if (failed.length)
        await this.audit.record(
          em,
          SYSTEM_ACTOR,
          {},
          {
            action: 'document.render_failed',
            entityType: 'document',
            entityId: row.id,
            after: { kind: row.kind, error: error.slice(0, 200) },
          },
        );
    });
  }
}
