import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ConcludeOnsiteDto, FindingsDto, OnsiteView, ScheduleOnsiteDto } from './dto/onsite.dto';
import { OnsiteService } from './onsite.service';

@ApiTags('现场核查')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('onsite-verifications')
export class OnsiteController {
  constructor(private readonly onsite: OnsiteService) {}

  @Post()
  @Roles('official')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'createOnsiteVerification',
    summary: '安排现场核查',
    description: '针对“暂缓，待现场核查”的已确认认定意见；核查组专家按评审分配的回避规则检查。',
  })
  @ApiCreatedResponse({ type: OnsiteView })
  schedule(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: ScheduleOnsiteDto) {
    return this.onsite.schedule(actor, meta, dto);
  }

  @Get(':id')
  @Roles('official', 'expert')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getOnsiteVerification', summary: '现场核查详情（省级主管部门、核查组专家）' })
  @ApiOkResponse({ type: OnsiteView })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.onsite.get(actor, meta, id);
  }

  @Put(':id/findings')
  @Roles('expert')
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'saveOnsiteFindings', summary: '记录逐条核查发现（核查组专家）' })
  @ApiOkResponse({ type: OnsiteView })
  findings(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: FindingsDto,
  ) {
    return this.onsite.recordFindings(actor, meta, id, dto);
  }

  @Post(':id/conclude')
  @HttpCode(200)
  @Roles('official')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'completeOnsiteVerification',
    summary: '形成现场核查结论',
    description: '形成结论后可重新提出认定意见，经另一人确认后取代原“暂缓”意见。',
  })
  @ApiOkResponse({ type: OnsiteView })
  conclude(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ConcludeOnsiteDto,
  ) {
    return this.onsite.conclude(actor, meta, id, dto);
  }
}
