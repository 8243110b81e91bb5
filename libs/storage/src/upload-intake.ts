import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Actor, AppError, RequestMeta, normalizeText, payloadTooLarge } from '@ff/core';
import { AuditEntry, AuditService } from '@ff/audit';
import { FILE_STORAGE, FileStorage, StoredFile } from './file-storage.port';
import { ReceivedFile, receiveOneFile } from './multipart-intake';

/** How one context takes an uploaded file: its own limits, refusals and the row that references the bytes. */
export interface UploadPlan<T> {
  /** Defaults to `UPLOAD_MAX_BYTES`. */
  maxBytes?: number;
  /** What the storage port accepts (see `FileStorage.put`); `evidence` by default. */
  accept?: 'evidence' | 'import';
  /** The 413's message for a file over `maxBytes`. */
  tooLarge: (maxBytes: number) => string;
  /** This context's error for content the storage port refuses as a type (otherwise the port's 415). */
  notAccepted?: () => AppError;
  /** This context's own rules on the sniffed type; throws to refuse the file before any row is written. */
  check?: (stored: StoredFile) => void;
  /**
   * Writes the row that references the stored bytes, inside the upload's transaction; returns the
   * row and the audit event recorded with it (none when the same bytes are already on record).
   */
  record: (em: EntityManager, file: ReceivedFile) => Promise<{ row: T; audit?: AuditEntry }>;
}

/**
 * The file name a client gave, as a plain name: its last path segment, without control or
 * reserved characters, normalised. Each context then bounds it and fixes its extension.
 */
export function plainFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return normalizeText(base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, ''));
}

/**
 * One upload, the same steps for every context: the multipart `file` part streamed into the
 * content-addressed storage port (size and type checked from the content), the context's own
 * checks, then its row and audit event in one transaction. A refused file leaves no row; bytes
 * stored before the transaction fails are an unreferenced blob, reused if the same file comes again.
 * Not part of `StorageModule` (which needs no database): each context module provides it.
 */
@Injectable()
export class UploadIntake {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async receive<T>(actor: Actor | null, meta: RequestMeta, req: FastifyRequest, plan: UploadPlan<T>): Promise<T> {
    const maxBytes = plan.maxBytes ?? this.config.http.uploadMaxBytes;
    let file: ReceivedFile;
    try {
      file = await receiveOneFile(req, this.storage, { field: 'file', maxBytes, accept: plan.accept });
    } catch (e) {
      if (
        (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ||
        (e instanceof AppError && e.code === 'payload_too_large')
      )
        throw payloadTooLarge(plan.tooLarge(maxBytes));
      if (plan.notAccepted && e instanceof AppError && e.code === 'unsupported_media_type') throw plan.notAccepted();
      throw e;
    }
    plan.check?.(file.stored);
    return this.dataSource.transaction(async (em) => {
      const { row, audit } = await plan.record(em, file);
      if (audit) await this.audit.record(em, actor, meta, audit);
      return row;
    });
  }
}
