import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A conflict of interest recorded by hand (official) or declared when declining a task. */
@Entity('expert_conflicts')
export class ExpertConflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  expertId: string;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  source: 'manual' | 'decline';

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
