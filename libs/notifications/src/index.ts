/**
 * Notifications: every user's in-app inbox (list, mark read) and the e-mail outbox behind one
 * sender port — SMTP via nodemailer when SMTP_URL is set, the inbox alone otherwise. Other
 * contexts write messages inside their own transaction (`notify`) and queue the e-mails after
 * the commit (`dispatch`); a dedupe key makes every message at most once.
 */
export { NotificationsModule } from './notifications.module';
export { NotificationsService, type NotifyInput } from './notifications.service';
export { NotificationView } from './dto/notification.view';
export { MailSender, MAIL_SENDER, notificationMessageId } from './mail-sender';
export { OutboxSweeper } from './outbox-sweeper';
