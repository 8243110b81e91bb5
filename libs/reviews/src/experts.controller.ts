import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { CreateExpertDto, ExpertSelfUpdateDto, ListExpertsQuery, UpdateExpertDto } from './dto/expert.dto';
import { CreatedExpertView, ExpertImportView, ExpertPage, ExpertView } from './dto/expert.view';
import { ExpertImportService } from './expert-import.service';
import { ExpertsService } from './experts.service';

@ApiTags('评审专家库')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('experts')
export class ExpertsController {
  constructor(
    private readonly experts: ExpertsService,
    private readonly importer: ExpertImportService,
  ) {}

  @Post()
  @Roles('official')
  @ApiOperation({
    operationId: 'createExpert',
    summary: '新增评审专家（省级主管部门）',
    description: '同时创建专家登录账号；返回一次性初始密码（仅此一次），首次登录须修改。',
  })
  @ApiCreatedResponse({ type: CreatedExpertView })
  @ApiErrors(400, 409)
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateExpertDto) {
    return this.experts.create(actor, meta, dto);
  }

  @Get('import-template')
  @Roles('official')
  @ApiOperation({ operationId: 'downloadExpertImportTemplate', summary: '下载专家名单导入模板（.xlsx）' })
  @ApiOkResponse({
    description: 'Excel 模板',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  async template(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('专家名单模板.xlsx')}`);
    return new StreamableFile(await this.importer.template());
  }

  @Post('import')
  @Roles('official')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    operationId: 'importExperts',
    summary: '批量导入评审专家（Excel）',
    description: '逐行校验，任何一行有错则全部不导入，错误逐条指明行与列；成功则返回每位专家的一次性初始密码。',
  })
  @ApiCreatedResponse({ type: ExpertImportView })
  @ApiErrors(400, 413, 415)
  import(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Req() req: FastifyRequest) {
    return this.importer.import(actor, meta, req);
  }

  @Get()
  @Roles('official')
  @ApiOperation({
    operationId: 'listExperts',
    summary: '专家列表',
    description: '可按能力域、启用状态、姓名或单位筛选。',
  })
  @ApiOkResponse({ type: ExpertPage })
  @ApiErrors(400)
  list(@Query() q: ListExpertsQuery) {
    return this.experts.list(q);
  }

  @Get('me')
  @Roles('expert')
  @ApiOperation({ operationId: 'getMyExpertProfile', summary: '我的专家信息（评审专家）' })
  @ApiOkResponse({ type: ExpertView })
  @ApiErrors(404)
  me(@CurrentActor() actor: Actor) {
    return this.experts.me(actor);
  }

  @Patch('me')
  @Roles('expert')
  @ApiOperation({
    operationId: 'updateMyExpertProfile',
    summary: '更新本人不可参评时段、利害关系申报、邮箱（评审专家）',
    description: '列表整表替换；利害关系按统一社会信用代码申报，带起止日期。',
  })
  @ApiOkResponse({ type: ExpertView })
  @ApiErrors(400, 404)
  updateSelf(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: ExpertSelfUpdateDto) {
    return this.experts.updateSelf(actor, meta, dto);
  }

  @Get(':id')
  @Roles('official', 'expert')
  @ApiOperation({ operationId: 'getExpert', summary: '专家详情', description: '专家仅可查看本人；其他编号答 404。' })
  @ApiOkResponse({ type: ExpertView })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.experts.get(actor, meta, id);
  }

  @Patch(':id')
  @Roles('official')
  @ApiOperation({
    operationId: 'updateExpert',
    summary: '修改专家（省级主管部门）',
    description: '擅长能力域、任务上限、启用/停用、单位与职称等。',
  })
  @ApiOkResponse({ type: ExpertView })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateExpertDto,
  ) {
    return this.experts.update(actor, meta, id, dto);
  }
}
