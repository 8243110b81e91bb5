import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ZHEJIANG_REGIONS } from '@ff/regions';
import { CreateEnterpriseDto, EnterpriseListQuery, UpdateEnterpriseDto } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('企业')
@ApiBearerAuth()
@Controller()
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Post('enterprises')
  @Roles('enterprise', 'official')
  @ApiOperation({
    summary: '登记企业',
    description: '企业用户登记本企业并与账号关联（每个账号一家）；省级主管部门可代为登记。',
  })
  register(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateEnterpriseDto) {
    return this.enterprises.register(actor, meta, dto);
  }

  @Get('enterprises')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '企业列表', description: '企业仅见本企业；推荐单位见辖区内企业；省级主管部门见全部。' })
  list(@CurrentActor() actor: Actor, @Query() query: EnterpriseListQuery) {
    return this.enterprises.list(actor, query);
  }

  @Get('enterprises/:id')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '企业详情' })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.enterprises.getVisible(actor, meta, id);
  }

  @Patch('enterprises/:id')
  @Roles('enterprise', 'official')
  @ApiOperation({
    summary: '修改企业信息',
    description: '本企业或省级主管部门；统一社会信用代码和所在区县仅省级主管部门可改。',
  })
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateEnterpriseDto,
  ) {
    return this.enterprises.update(actor, meta, id, dto);
  }

  @Get('regions')
  @ApiOperation({ summary: '浙江省行政区划代码（市、区县）', description: '供表单选择所在区县、管辖区域。' })
  regions() {
    return ZHEJIANG_REGIONS;
  }
}
