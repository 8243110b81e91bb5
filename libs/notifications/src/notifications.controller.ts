import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors, Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta } from '@ff/identity';
import { ListNotificationsQuery, NotificationPage, NotificationView } from './dto/notification.view';
import { NotificationsService } from './notifications.service';

class ReadAllView {
  updated: number;
}

@ApiTags('站内通知')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'listNotifications',
    summary: '我的通知（站内信箱）',
    description: '仅本人的通知，按时间倒序；unread=true 仅未读。',
  })
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() q: ListNotificationsQuery) {
    return this.notifications.list(actor, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'markAllNotificationsRead',
    summary: '全部标为已读',
  })
  @ApiOkResponse({ type: ReadAllView })
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'markNotificationRead',
    summary: '标为已读',
    description: '他人的通知与不存在的编号同样答 404（记入审计）。',
  })
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: '通知不存在或无权访问' })
  read(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.notifications.markRead(actor, meta, id);
  }
}
