import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface ClauseScore {
  score: number | null;
  comment: string | null;
}

/** One expert's scores for one sub-domain of its task; frozen while the task is `submitted`. */
@Entity('score_sheets')
export class ScoreSheet {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  @Column({ type: 'integer' })
  subdomainNo: number;

  @Column({ type: 'jsonb', default: {} })
  scores: Record<string, ClauseScore>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'integer', default: 1 })
  version: number;
}
