import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ApplicationStatus } from '../application.state-machine';
import type { ConstructionClaims } from '../construction-claims';
import type { EligibilityFacts } from '../eligibility-facts';
import type { DeclaredVendor } from '../vendors';

@Entity('applications')
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'text' })
  tier: string;

  @Column({ type: 'text', nullable: true })
  constructionType: string | null;

  /** Copied from the enterprise when the application is created; the clause set depends on it. */
  @Column({ type: 'text' })
  industryMode: string;

  /** Table 15 claims for the construction type (see ConstructionClaims); {} until the enterprise fills them. */
  @Column({ type: 'jsonb', default: {} })
  constructionClaims: ConstructionClaims;

  /** 申报条件事项 the applicant declares (see EligibilityFacts); {} until it fills them. */
  @Column({ type: 'jsonb', default: {} })
  eligibilityFacts: EligibilityFacts;

  /** Vendors / 数字化服务商 the applicant declares (see vendors.ts); [] until it declares any. */
  @Column({ type: 'jsonb', default: [] })
  vendors: DeclaredVendor[];

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  /** `import`: written by an authority from a spreadsheet on the enterprise's behalf (see applications.policy). */
  @Column({ type: 'text', default: 'enterprise' })
  origin: 'enterprise' | 'import';

  @Column({ type: 'uuid', nullable: true })
  currentSubmissionId: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped by every write; status transitions are compare-and-set on `status` itself. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
