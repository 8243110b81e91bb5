import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PrecheckStatus = 'pending' | 'passed' | 'returned';

/** A frozen submission: `content`/`content_hash` are immutable (database trigger). */
@Entity('application_submissions')
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** sha256 of the canonical JSON of `content`. */
  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'uuid' })
  submittedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ type: 'text', default: 'pending' })
  precheckStatus: PrecheckStatus;

  @Column({ type: 'jsonb', nullable: true })
  precheckReport: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  precheckedAt: Date | null;
}
