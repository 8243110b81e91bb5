import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Assignment } from '../assignment';
import type { ReviewTaskStatus } from '../review-task.state-machine';

/** One expert's task: one application × one capability domain, scored per sub-domain. */
@Entity('review_tasks')
export class ReviewTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  /** The frozen submission the expert scores (the application's current one at publication). */
  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'text' })
  domainCode: string;

  @Column({ type: 'uuid' })
  expertId: string;

  @Column({ type: 'text', default: 'assigned' })
  status: ReviewTaskStatus;

  /** Why this expert: the solver's explanation (or the official's override reason). */
  @Column({ type: 'jsonb' })
  explanation: Assignment['why'] & { overrideReason?: string | null };

  @Column({ type: 'timestamptz' })
  acceptBy: Date;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ type: 'text', nullable: true })
  reopenNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  replacesTaskId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  /** Reminder hours already sent (never twice). */
  @Column({ type: 'integer', array: true, default: [] })
  remindersSent: number[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
