import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DocumentKind = 'assessment_report' | 'certificate';
export type DocumentStatus = 'rendering' | 'ready' | 'failed';

/** One rendering of one document kind for one subject from one input (see the migration). */
@Entity('documents')
export class DocumentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  /** The application (assessment report) or designation (certificate) the document is about. */
  @Column({ type: 'uuid' })
  subjectId: string;

  /** sha256 of the canonical JSON of { kind, template version, input }. */
  @Column({ type: 'text' })
  inputHash: string;

  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;

  @Column({ type: 'text', default: 'rendering' })
  status: DocumentStatus;

  /** The PDF in the content-addressed file store. */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  @Column({ type: 'integer', nullable: true })
  size: number | null;

  @Column({ type: 'text', array: true, default: '{}' })
  missingGlyphs: string[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  renderedAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
