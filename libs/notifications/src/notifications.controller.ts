import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta } from '@ff/identity';
import { ListNotificationsQuery, NotificationPage, NotificationView } from './dto/notification.view';
import { NotificationsService } from './notifications.service';

class ReadAllView {
  @ApiProperty({ type: 'integer', description: '本次标为已读的条数' })
  updated: number;
}

@ApiTags('站内通知')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listNotifications',
    summary: '我的通知（站内信箱）',
    description: '仅本人的通知，按时间倒序；unread=true 仅未读。',
  })
  @ApiOkResponse({ type: NotificationPage })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ operationId: 'markAllNotificationsRead', summary: '全部标为已读' })
  @ApiOkResponse({ type: ReadAllView })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markNotificationRead',
    summary: '标为已读',
    description: '他人的通知与不存在的编号同样答 404（记入审计）。',
  })
  @ApiOkResponse({ type: NotificationView })
  @ApiErrors(400, 404)
  read(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.notifications.markRead(actor, meta, id);
  }
}
