import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QUEUE_CONSUMER } from '@ff/queue';
import { NotificationsService } from './notifications.service';

/** How often the consuming process looks for e-mails left pending. */
export const OUTBOX_SWEEP_MS = 60_000;

/**
 * E-mails are queued after their notification commits; when the queue is down at that moment the
 * message stays `pending`. In the process that consumes jobs, this sweeper queues every pending
 * e-mail at start-up and then every minute, so an outage delays mail but never loses it (the job id
 * is the notification's, so a message already queued is not queued twice, and one sent is not
 * sent again).
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxSweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly notifications: NotificationsService,
    @Inject(QUEUE_CONSUMER) private readonly consumer: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.consumer) return;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), OUTBOX_SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Queues the pending e-mails; answers how many there were. */
  async sweep(): Promise<number> {
    try {
      const n = await this.notifications.resendPending();
      if (n) this.logger.log(`queued ${n} pending e-mail(s)`);
      return n;
    } catch (e) {
      this.logger.warn(`pending e-mails not swept: ${(e as Error).message}`);
      return 0;
    }
  }
}
