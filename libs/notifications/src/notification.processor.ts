import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { NotificationsService } from './notifications.service';

/** Sends one outbox e-mail; after the last failed attempt the message is marked `failed` (still in the inbox). */
@Injectable()
@JobProcessor('notification.send')
export class NotificationSendProcessor implements JobHandler<'notification.send'> {
  constructor(private readonly notifications: NotificationsService) {}

  async process(job: Job<JobPayloads['notification.send']>) {
    try {
      return { outcome: await this.notifications.deliver(job.data.notificationId) };
    } catch (e) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1))
        await this.notifications.markFailed(job.data.notificationId);
      throw e;
    }
  }
}
