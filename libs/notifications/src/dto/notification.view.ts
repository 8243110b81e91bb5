import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '@ff/core';
import type { Notification } from '../entities/notification.entity';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '仅未读' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ description: '类别，如 review.task_assigned' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() read: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({
    enum: ['none', 'pending', 'sent', 'failed'],
    description: '邮件：none 未发送（仅站内） / pending / sent / failed',
  })
  emailStatus: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: '未读条数' }) unread: number;
}

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  data: n.data,
  read: n.readAt !== null,
  readAt: n.readAt,
  emailStatus: n.emailStatus,
  createdAt: n.createdAt,
});
