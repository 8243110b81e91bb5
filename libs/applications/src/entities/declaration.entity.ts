import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One clause of the draft self-assessment; replaced wholesale or per clause until submission. */
@Entity('application_declarations')
export class Declaration {
  @PrimaryColumn({ type: 'uuid' })
  applicationId: string;

  @PrimaryColumn({ type: 'text' })
  clauseId: string;

  @Column({ type: 'text' })
  status: 'met' | 'partial' | 'not_met';

  @Column({ type: 'text', default: '' })
  narrative: string;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  evidenceIds: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
