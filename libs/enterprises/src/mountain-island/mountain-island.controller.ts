import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import {
  MountainIslandCountyDto,
  MountainIslandCountyView,
  MountainIslandListQuery,
  toMountainIslandView,
} from './mountain-island.dto';
import { MountainIslandService } from './mountain-island.service';

@ApiTags('申报条件与推荐名额')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('regions/mountain-island-counties')
export class MountainIslandController {
  constructor(private readonly counties: MountainIslandService) {}

  @Get()
  @ApiOperation({
    operationId: 'listMountainIslandCounties',
    summary: '山区海岛县名单',
    description:
      '所在区县在名单内的企业适用批次申报条件中降低的投资门槛；每个区县注明认定依据。提交申报时冻结当时的结果。',
  })
  @ApiOkResponse({ type: PageOf(MountainIslandCountyView) })
  @ApiErrors(400)
  async list(@Query() q: MountainIslandListQuery) {
    const page = await this.counties.list(q);
    return { ...page, items: page.items.map(toMountainIslandView) };
  }

  @Put(':regionCode')
  @Roles('admin')
  @ApiOperation({
    operationId: 'saveMountainIslandCounty',
    summary: '加入或修改山区海岛县（管理员）',
    description: '按区县代码加入名单，或修改其认定依据；记入审计日志。',
  })
  @ApiOkResponse({ type: MountainIslandCountyView })
  @ApiErrors(400, 404)
  async put(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('regionCode') regionCode: string,
    @Body() dto: MountainIslandCountyDto,
  ) {
    return toMountainIslandView(await this.counties.put(actor, meta, regionCode, dto));
  }

  @Delete(':regionCode')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteMountainIslandCounty',
    summary: '移出山区海岛县（管理员）',
    description: '记入审计日志；已提交的申报按提交时冻结的结果审查。',
  })
  @ApiNoContentResponse({ description: '已移出' })
  @ApiErrors(400, 404)
  async remove(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('regionCode') regionCode: string) {
    await this.counties.remove(actor, meta, regionCode);
  }
}
