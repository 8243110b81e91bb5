import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '@ff/database';
import { Actor, Page, RequestMeta } from '@ff/core';
import { AuthorizationService } from '@ff/identity';
import { QueueService, jobId } from '@ff/queue';
import { ListNotificationsQuery, NotificationView, toNotificationView } from './dto/notification.view';
import { Notification } from './entities/notification.entity';
import { MAIL_SENDER, MailSender, notificationMessageId } from './mail-sender';

export interface NotifyInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** The same key never makes a second message (a reminder job run twice sends once). */
  dedupeKey: string;
  /** Also e-mailed when SMTP is configured and an address is known. */
  email?: string | null;
}

/**
 * The inbox and the outbox. Contexts call `notify` inside their own transaction, so a message
 * exists exactly when the change it reports committed; after the commit they call `dispatch`
 * with the ids it returned, which queues one e-mail job per message (job id = message id).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    private readonly queue: QueueService,
    private readonly authz: AuthorizationService,
  ) {}

  /** Inserts the messages not sent before; returns the ids of those that now wait for e-mail. */
  async notify(em: EntityManager, messages: NotifyInput[]): Promise<string[]> {
    const toMail: string[] = [];
    for (const m of messages) {
      const mail = this.sender.enabled && !!m.email;
      const rows: { id: string }[] = await em.query(
        `INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key, email_to, email_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          m.userId,
          m.kind,
          m.title,
          m.body,
          JSON.stringify(m.data ?? {}),
          m.dedupeKey,
          m.email ?? null,
          mail ? 'pending' : 'none',
        ],
      );
      if (rows.length && mail) toMail.push(rows[0].id);
    }
    return toMail;
  }

  /** Queues the e-mails of committed messages; a failure here leaves them `pending` for `resend`. */
  async dispatch(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        await this.queue.enqueue(
          'notification.send',
          { notificationId: id },
          { jobId: jobId('notification.send', id) },
        );
      } catch (e) {
        this.logger.warn(`e-mail of notification ${id} not queued: ${(e as Error).message}`);
      }
    }
  }

  /** Queues every e-mail still pending (after a queue outage); job ids make a repeat harmless. */
  async resendPending(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM notifications WHERE email_status = 'pending' ORDER BY created_at`,
    );
    await this.dispatch(rows.map((r) => r.id));
    return rows.length;
  }

  /**
   * Sends one e-mail. The row stays locked while the relay answers, so two deliveries of the job
   * cannot both send; a sent message is never sent again. A relay error is kept and rethrown (retry).
   */
  async deliver(id: string): Promise<'sent' | 'skipped'> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const [row]: Notification[] = await em.query(
          `SELECT id, title, body, email_to AS "emailTo" FROM notifications
           WHERE id = $1 AND email_status = 'pending' FOR UPDATE SKIP LOCKED`,
          [id],
        );
        if (!row) return 'skipped';
        await this.sender.send({
          to: row.emailTo!,
          subject: row.title,
          text: row.body,
          messageId: notificationMessageId(row.id),
        });
        await em.query(
          `UPDATE notifications SET email_status = 'sent', emailed_at = now(), email_error = NULL WHERE id = $1`,
          [id],
        );
        return 'sent';
      });
    } catch (e) {
      await this.dataSource.query(`UPDATE notifications SET email_error = $2 WHERE id = $1`, [
        id,
        String((e as Error).message).slice(0, 500),
      ]);
      throw e;
    }
  }

  async markFailed(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_status = 'failed' WHERE id = $1 AND email_status = 'pending'`,
      [id],
    );
  }

  async list(actor: Actor, q: ListNotificationsQuery): Promise<Page<NotificationView> & { unread: number }> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :me', { me: actor.userId });
    if (q.unread) qb.andWhere('n.read_at IS NULL');
    const page = await pageOf(qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC'), q, toNotificationView);
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
    return { ...page, unread: n };
  }

  /** Another user's message answers exactly like an unknown id (404, audited). */
  async markRead(actor: Actor, meta: RequestMeta, id: string): Promise<NotificationView> {
    const rows: Notification[] = await this.dataSource
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where('id = :id AND user_id = :me', { id, me: actor.userId })
      .returning('*')
      .execute()
      .then((r) => r.raw);
    if (!rows.length)
      throw await this.authz.deny(actor, meta, { entityType: 'notification', entityId: id, label: '通知' });
    const saved = await this.dataSource.getRepository(Notification).findOneByOrFail({ id });
    return toNotificationView(saved);
  }

  async markAllRead(actor: Actor): Promise<{ updated: number }> {
    const r = await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [actor.userId],
    );
    return { updated: r[1] ?? 0 };
  }
}
