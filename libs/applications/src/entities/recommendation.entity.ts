import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A county or city decision on one submission; at most one live one per level per submission. */
@Entity('recommendations')
export class Recommendation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  submissionId: string;

  @Column({ type: 'text' })
  level: 'county' | 'city';

  @Column({ type: 'text' })
  decision: 'recommend' | 'return';

  @Column({ type: 'text', default: '' })
  comment: string;

  @Column({ type: 'uuid' })
  recommenderId: string;

  @Column({ type: 'text' })
  regionCode: string;

  /** Copied from the application: the ranked list and the quota are per batch, region and tier. */
  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'text' })
  tier: string;

  /** 优先顺序 within the recommender's list (1 = first); null for a return. */
  @Column({ type: 'integer', nullable: true })
  rank: number | null;

  /** Set when the recommender withdraws it; a withdrawn recommendation no longer counts. */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
