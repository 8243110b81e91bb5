import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ImportStatus = 'queued' | 'validating' | 'validated' | 'failed' | 'cancelled' | 'committed';

export const IMPORT_STATUS_NAMES: Record<ImportStatus, string> = {
  queued: '排队中',
  validating: '校验中',
  validated: '已校验（预览）',
  failed: '导入失败',
  cancelled: '已取消',
  committed: '已导入',
};

/**
 * One uploaded workbook of applications and what checking it found; committed at most once per
 * (batch, workbook sha256, evidence zip sha256 or none).
 */
@Entity('application_imports')
export class ApplicationImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'text' })
  fileSha256: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  fileSize: number;

  /** The evidence zip whose files the 自评 sheet names (`POST /imports/:id/evidence`), if any. */
  @Column({ type: 'text', nullable: true })
  evidenceSha256: string | null;

  @Column({ type: 'text', nullable: true })
  evidenceFileName: string | null;

  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  evidenceFileSize: number | null;

  /** The importer's jurisdiction when uploading: who may see the import, which counties its rows may name. */
  @Column({ type: 'text' })
  jurisdictionCode: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'text', default: 'queued' })
  status: ImportStatus;

  @Column({ type: 'integer', default: 0 })
  rowsDone: number;

  @Column({ type: 'integer', nullable: true })
  rowsTotal: number | null;

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  @Column({ type: 'integer', default: 0 })
  warningCount: number;

  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  report: ImportReport | null;

  @Column({ type: 'jsonb', nullable: true })
  preview: ImportPreview | null;

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}

export interface ImportIssueRecord {
  cell: string;
  code: string;
  message: string;
}

/** At most `REPORT_LIMIT` issues of each kind are kept; the counts are the full ones. */
export interface ImportReport {
  errors: ImportIssueRecord[];
  warnings: ImportIssueRecord[];
}

export interface ImportPreviewItem {
  creditCode: string;
  name: string;
  tier: string;
  enterprise: 'create' | 'update' | 'unchanged';
  application: 'create' | 'update';
  clauses: number;
}

export interface ImportPreview {
  enterprisesToCreate: number;
  enterprisesToUpdate: number;
  applicationsToCreate: number;
  applicationsToUpdate: number;
  clausesSet: number;
  evidenceAttached: number;
  items: ImportPreviewItem[];
}
