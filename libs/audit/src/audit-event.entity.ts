import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditHashAlgorithm } from './audit-hash';

@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  /**
   * The transaction that wrote the event (an `xid8`, set by the database; read as a string);
   * orders events that became visible together.
   */
  @Column({ type: 'bigint', nullable: true, insert: false, update: false })
  xid: string | null;

  /** Position in the chain; null until the sealer links the event. */
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  @Column({ type: 'text', nullable: true })
  prevHash: string | null;

  @Column({ type: 'text', nullable: true })
  hash: string | null;

  @Column({ type: 'text', nullable: true })
  hashAlg: AuditHashAlgorithm | null;

  @Column({ type: 'timestamptz', nullable: true })
  sealedAt: Date | null;
}
