import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type IndustryMode = 'discrete' | 'process';

/**
 * Table-15 基础要求 facts. Each is true, false, or absent (= not declared, reported as unknown
 * by the classifier rather than guessed).
 */
export interface EnterpriseProfileFacts {
  industryLeader?: boolean;
  clusterKeyEnterprise?: boolean;
  chainLeader?: boolean;
  serviceOrPlatformOrHq?: boolean;
}

@Entity('enterprises')
export class Enterprise {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  creditCode: string;

  @Column({ type: 'text' })
  regionCode: string;

  @Column({ type: 'text' })
  industryMode: IndustryMode;

  @Column({ type: 'jsonb', default: {} })
  profile: EnterpriseProfileFacts;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
