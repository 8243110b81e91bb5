import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TierCode } from '@ff/rules';
import type { ReservedAlternate } from '../alternates';
import type { AssignmentResult, ConflictPolicy, UnfilledSlot } from '../assignment';
import type { ResultBasis } from '../calibration';

export type RoundStatus = 'draft' | 'published' | 'closed';

/**
 * What a round reviews: `initial` — city-recommended applications, which the round moves to
 * 专家评审中 and, once their result is final, to 评审完成; `re_review` — designated applications
 * near the end of their validity (复核), scored on the submission they were designated on. A
 * re-review round leaves the applications' status alone: the designations context moves the
 * designations it opened the round for.
 */
export const ROUND_KINDS = ['initial', 're_review'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_KIND_NAMES: Record<RoundKind, string> = { initial: '认定评审', re_review: '复核评审' };
export const movesApplications = (kind: RoundKind): boolean => kind === 'initial';

/** A hand edit of the preview, replayed on every re-solve (audited when made). */
export interface PreviewAdjustment {
  op: 'add' | 'remove';
  taskId: string;
  expertId: string;
  reason: string | null;
  by: string;
  at: string;
}

/** The stored dry run: the solver's result for the round's slots, with the run it belongs to. */
export interface StoredPreview {
  run: number;
  computedAt: string;
  /** Slot ids are `<applicationId>~<domain>`; the solver knows them as task ids. */
  result: AssignmentResult;
}

@Entity('review_rounds')
export class ReviewRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: 'initial' })
  kind: RoundKind;

  @Column({ type: 'text', default: 'draft' })
  status: RoundStatus;

  @Column({ type: 'uuid', array: true })
  applicationIds: string[];

  @Column({ type: 'jsonb' })
  panelSizes: Record<TierCode, number>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  /** Soft: reminders lead up to it; tasks not submitted by then are marked overdue. */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** Hard: escalation to the officials. */
  @Column({ type: 'timestamptz' })
  closesAt: Date;

  /** Reminders this many hours before `dueAt`. */
  @Column({ type: 'integer', array: true, default: [] })
  reminderHours: number[];

  /** A task not accepted within this many hours of publication is reassigned. */
  @Column({ type: 'integer' })
  acceptWithinHours: number;

  @Column({ type: 'jsonb' })
  conflictPolicy: ConflictPolicy;

  /** Which results decisions and reports read: raw (default) or severity-adjusted. */
  @Column({ type: 'text', default: 'raw' })
  resultBasis: ResultBasis;

  @Column({ type: 'jsonb', nullable: true })
  preview: StoredPreview | null;

  /** The preview run last requested; a job whose run is older stores nothing. */
  @Column({ type: 'integer', default: 0 })
  previewRun: number;

  @Column({ type: 'jsonb', default: [] })
  adjustments: PreviewAdjustment[];

  @Column({ type: 'uuid' })
  createdBy: string;

  /** Slots the round was published without (the official acknowledged them), with their reasons. */
  @Column({ type: 'jsonb', default: [] })
  unfilledSlots: UnfilledSlot[];

  /** Per task (`<applicationId>~<domain>`), the experts reserved at publication, best first. */
  @Column({ type: 'jsonb', default: {} })
  alternates: Record<string, ReservedAlternate[]>;

  /** The official's reason for publishing with unfilled slots; null when every slot was filled. */
  @Column({ type: 'text', nullable: true })
  unfilledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
