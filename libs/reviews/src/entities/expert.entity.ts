import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { IndustryMode } from '@ff/rules';
import type { ExpertiseLevel, RelationshipKind } from '../assignment';

export interface ExpertiseEntry {
  domain: string;
  level: ExpertiseLevel;
}
export interface UnavailablePeriod {
  from: string;
  to: string;
  reason?: string;
}
export interface DeclaredRelationship {
  creditCode: string;
  kind: RelationshipKind;
  from: string | null;
  to: string | null;
  note?: string;
}

/** An expert of the provincial pool (评审专家库); its login is a `users` row of role `expert`. */
@Entity('experts')
export class Expert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text' })
  employerName: string;

  @Column({ type: 'text', nullable: true })
  employerCreditCode: string | null;

  /** A declared group (e.g. the parent company's credit code): same group counts as same employer. */
  @Column({ type: 'text', nullable: true })
  employerGroup: string | null;

  @Column({ type: 'text' })
  regionCode: string;

  @Column({ type: 'jsonb', default: [] })
  expertise: ExpertiseEntry[];

  @Column({ type: 'text', array: true, default: [] })
  industryModes: IndustryMode[];

  @Column({ type: 'text', array: true, default: [] })
  tags: string[];

  @Column({ type: 'integer', default: 10 })
  maxTasksPerRound: number;

  @Column({ type: 'jsonb', default: [] })
  unavailable: UnavailablePeriod[];

  @Column({ type: 'jsonb', default: [] })
  relationships: DeclaredRelationship[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
