import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { NotificationsService } from './notifications.service';

/** Sends one outbox e-mail; after the last failed attempt the message is marked `failed` (still in the inbox). */
@Injectable()
@JobProcessor('notification.send')
export class NotificationSendProcessor implements JobHandler<'notification.send'> {
  constructor(private readonly notifications: NotificationsService) {}

  async handle(payload: JobPayloads['notification.send'], ctx: JobContext) {
    try {
      return { outcome: await this.notifications.deliver(payload.notificationId) };
    } catch (e) {
      if (ctx.isFinalAttempt) await this.notifications.markFailed(payload.notificationId);
      throw e;
    }
  }
}
