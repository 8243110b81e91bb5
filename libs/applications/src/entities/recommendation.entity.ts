import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A county or city decision on one submission; at most one per level per submission. */
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
