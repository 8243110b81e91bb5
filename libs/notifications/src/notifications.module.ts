import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Notification } from './entities/notification.entity';
import { InboxOnlySender, MAIL_SENDER, MailSender, SmtpMailSender } from './mail-sender';
import { NotificationSendProcessor } from './notification.processor';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxSweeper } from './outbox-sweeper';

@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [
    {
      provide: MAIL_SENDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailSender =>
        config.mail.smtpUrl ? new SmtpMailSender(config.mail.smtpUrl, config.mail.from) : new InboxOnlySender(),
    },
    NotificationsService,
    NotificationSendProcessor,
    OutboxSweeper,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_SENDER) private readonly sender: MailSender) {}

  async onApplicationShutdown() {
    await this.sender.close();
  }
}
