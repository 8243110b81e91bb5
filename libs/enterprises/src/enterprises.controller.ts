import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ZHEJIANG_REGIONS } from '@ff/regions';
import { CreateEnterpriseDto, EnterpriseListQuery, UpdateEnterpriseDto } from './dto/enterprise.dto';
import { EnterpriseView, RegionView, toEnterpriseView } from './dto/enterprise.view';
import { EnterprisesService } from './enterprises.service';

const LEVEL_NAMES = { province: '省级', city: '市级', county: '区县级' } as const;

@ApiTags('企业')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post('enterprises')
  @Roles('enterprise', 'official')
  @ApiOperation({
    operationId: 'registerEnterprise',
    summary: '登记企业',
    description: '企业用户登记本企业并与账号关联（每个账号一家）；省级主管部门可代为登记。',
  })
  @ApiCreatedResponse({ type: EnterpriseView })
  @ApiErrors(400, 409)
  async register(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Body() dto: CreateEnterpriseDto,
  ): Promise<EnterpriseView> {
    return toEnterpriseView(await this.enterprises.register(actor, meta, dto));
  }

  @Get('enterprises')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'listEnterprises',
    summary: '企业列表',
    description: '企业仅见本企业；推荐单位见辖区内企业；省级主管部门见全部。regionCode 为市级代码时含其下辖区县。',
  })
  @ApiOkResponse({ type: PageOf(EnterpriseView) })
  @ApiErrors(400)
  async list(@CurrentActor() actor: Actor, @Query() query: EnterpriseListQuery) {
    const page = await this.enterprises.list(actor, query);
    return { ...page, items: page.items.map(toEnterpriseView) };
  }

  @Get('enterprises/:id')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ operationId: 'getEnterprise', summary: '企业详情' })
  @ApiOkResponse({ type: EnterpriseView })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
  ): Promise<EnterpriseView> {
    return toEnterpriseView(await this.enterprises.getVisible(actor, meta, id));
  }

  @Patch('enterprises/:id')
  @Roles('enterprise', 'official')
  @ApiOperation({
    operationId: 'updateEnterprise',
    summary: '修改企业信息',
    description: '本企业或省级主管部门；统一社会信用代码和所在区县仅省级主管部门可改。',
  })
  @ApiOkResponse({ type: EnterpriseView })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateEnterpriseDto,
  ): Promise<EnterpriseView> {
    return toEnterpriseView(await this.enterprises.update(actor, meta, id, dto));
  }

  @Get('regions')
  @ApiOperation({
    operationId: 'listRegions',
    summary: '浙江省行政区划代码（省、市、区县）',
    description: '供表单选择所在区县、管辖区域；按 parent 组成省—市—区县树。',
  })
  @ApiOkResponse({ type: [RegionView] })
  regions(): RegionView[] {
    return ZHEJIANG_REGIONS.map((r) => ({ ...r, levelName: LEVEL_NAMES[r.level] }));
  }
}
