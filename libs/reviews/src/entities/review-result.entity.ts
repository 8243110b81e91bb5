import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ScoringResult, TierCode } from '@ff/rules';

export type ResultStatus = 'divergent' | 'reconciling' | 'final';

/** How officials settled a divergent panel: sheets reopened with a note, or accepted with a reason. */
export interface Resolution {
  action: 'reconcile' | 'accept';
  note: string;
  subdomains: number[];
  by: string;
  at: string;
}

/** The panel's aggregated scores for one application in one round (recomputed after a reconciliation). */
@Entity('review_results')
export class ReviewResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text' })
  status: ResultStatus;

  @Column({ type: 'integer', default: 1 })
  generation: number;

  @Column({ type: 'jsonb' })
  result: ScoringResult;

  /** The same aggregation over severity-adjusted scores (calibration), shown beside the raw. */
  @Column({ type: 'jsonb', nullable: true })
  adjusted: ScoringResult | null;

  @Column({ type: 'text', nullable: true })
  highestTier: TierCode | null;

  /** The highest tier the severity-adjusted scores support. */
  @Column({ type: 'text', nullable: true })
  adjustedHighestTier: TierCode | null;

  @Column({ type: 'text' })
  recommendation: 'pass' | 'fail';

  @Column({ type: 'jsonb', nullable: true })
  resolution: Resolution | null;

  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
