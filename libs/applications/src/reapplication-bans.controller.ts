import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { BanView, CreateBanDto, LiftBanDto, ListBansQuery } from './dto/ban.dto';
import { ReapplicationBansService } from './reapplication-bans.service';

@ApiTags('限制申报')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('official')
@Controller('reapplication-bans')
export class ReapplicationBansController {
  constructor(private readonly bans: ReapplicationBansService) {}

  @Get()
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listReapplicationBans', summary: '限制申报记录列表' })
  @ApiOkResponse({ type: PageOf(BanView) })
  list(@Query() q: ListBansQuery) {
    return this.bans.list(q);
  }

  @Post()
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'createReapplicationBan',
    summary: '录入限制申报',
    description: '自今日起至截止日期（含），该企业新建申报将被拒绝，提示截止日期。',
  })
  @ApiCreatedResponse({ type: BanView })
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateBanDto) {
    return this.bans.create(actor, meta, dto);
  }

  @Post(':id/lift')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'cancelReapplicationBan', summary: '解除限制申报' })
  @ApiOkResponse({ type: BanView })
  lift(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: LiftBanDto,
  ) {
    return this.bans.lift(actor, meta, id, dto.liftReason);
  }
}
