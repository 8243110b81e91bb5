import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailStatus = 'none' | 'pending' | 'sent' | 'failed';

/** One message to one user: an inbox row, and an outbox entry while its e-mail is `pending`. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb', default: {} })
  data: Record<string, unknown>;

  /** What makes a message the same message: a second notify with the key writes nothing. */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ type: 'text', nullable: true })
  emailTo: string | null;

  @Column({ type: 'text', default: 'none' })
  emailStatus: EmailStatus;

  @Column({ type: 'text', nullable: true })
  emailError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
