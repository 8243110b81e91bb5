import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EligibilityPolicy, PrecheckPolicy, ScoringPolicy, TierCode } from '@ff/rules';

export type BatchStatus = 'draft' | 'open' | 'closed';
export type PanelSizes = Record<TierCode, number>;

@Entity('batches')
export class Batch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  ruleSetVersion: string;

  @Column({ type: 'text', array: true })
  tiers: TierCode[];

  @Column({ type: 'timestamptz' })
  submissionOpensAt: Date;

  @Column({ type: 'timestamptz' })
  submissionClosesAt: Date;

  @Column({ type: 'text', default: 'draft' })
  status: BatchStatus;

  @Column({ type: 'jsonb' })
  precheckPolicy: PrecheckPolicy;

  @Column({ type: 'jsonb' })
  scoringPolicy: ScoringPolicy;

  /** The notice's eligibility thresholds per tier (申报条件); checked by the pre-check. */
  @Column({ type: 'jsonb' })
  eligibilityPolicy: EligibilityPolicy;

  @Column({ type: 'jsonb' })
  panelSizes: PanelSizes;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
