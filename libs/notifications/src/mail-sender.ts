import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /**
   * The message's own Message-ID (RFC 5322), stable per notification: a delivery repeated after a
   * crash between the relay's acceptance and the commit reaches the mailbox as the same message.
   */
  messageId?: string;
}

/** The Message-ID of one notification's e-mail: the same on every attempt. */
export const notificationMessageId = (notificationId: string) => `<notification-${notificationId}@future-factory>`;

/** The sender port: where an outbox e-mail goes. `enabled` false = in-app inbox only. */
export abstract class MailSender {
  abstract readonly enabled: boolean;
  abstract send(mail: OutgoingMail): Promise<void>;
  async close(): Promise<void> {}
}

export const MAIL_SENDER = Symbol('MAIL_SENDER');

/** Without SMTP_URL nothing leaves the system; the inbox still holds every message. */
export class InboxOnlySender extends MailSender {
  readonly enabled = false;
  async send(): Promise<void> {
    throw new Error('SMTP is not configured');
  }
}

/** SMTP through nodemailer; the relay's answer decides success, so a refusal is retried by the job. */
export class SmtpMailSender extends MailSender {
  readonly enabled = true;
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
    });
    this.logger.debug(`mail to ${mail.to}: ${info.messageId}`);
  }

  override async close(): Promise<void> {
    this.transport.close();
  }
}
