import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ApplicationHistoryService } from './application-history.service';
import { ApplicationsService } from './applications.service';
import {
  CreateApplicationDto,
  DeclarationBody,
  ListApplicationsQuery,
  RecommendationDto,
  SaveSelfAssessmentDto,
  UpdateApplicationDto,
  WithdrawDto,
} from './dto/application.dto';
import { EvidenceService } from './evidence.service';
import { RecommendationsService } from './recommendations.service';
import { SelfAssessmentService } from './self-assessment.service';
import { SubmissionsService } from './submissions.service';

/**
 * Applications over HTTP. @Roles says which roles may call a route at all; the services then
 * check ownership (enterprise) or jurisdiction (recommender) for the one application, and answer
 * another party's id exactly like an unknown one (audited 404).
 */
@ApiTags('申报')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly selfAssessment: SelfAssessmentService,
    private readonly evidence: EvidenceService,
    private readonly submissions: SubmissionsService,
    private readonly recommendations: RecommendationsService,
    private readonly historyService: ApplicationHistoryService,
  ) {}

  @Post()
  @Roles('enterprise')
  @ApiOperation({
    summary: '创建申报（企业）',
    description: '为本企业在一个开放批次中创建草稿申报；每个批次每家企业一份。',
  })
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateApplicationDto) {
    return this.applications.create(actor, meta, dto);
  }

  @Get()
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    summary: '申报列表',
    description:
      '按角色限定范围：企业仅本企业；推荐单位仅辖区内企业；省级主管部门全省。支持按批次、层级、状态、地区、企业名称/信用代码筛选，分页。',
  })
  list(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Query() q: ListApplicationsQuery) {
    return this.applications.list(actor, meta, q);
  }

  @Get(':id')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '申报详情', description: '含当前状态（中文）与最近一次退回理由。' })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.applications.get(actor, meta, id);
  }

  @Patch(':id')
  @Roles('enterprise')
  @ApiOperation({
    summary: '修改申报层级或建设类型（企业）',
    description: '仅草稿或已退回时可改；改层级会删除新层级不适用的自评条款。',
  })
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ) {
    return this.applications.update(actor, meta, id, dto);
  }

  @Get(':id/self-assessment')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '自评表', description: '所申报层级、本企业行业类型适用的全部条款及已填写的自评。' })
  getSelfAssessment(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.selfAssessment.get(actor, meta, id);
  }

  @Put(':id/self-assessment')
  @Roles('enterprise')
  @ApiOperation({
    summary: '整体保存自评（企业）',
    description: '一次提交全部条款，替换当前草稿；任一条款编号或佐证材料无效则整体不保存。',
  })
  saveSelfAssessment(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: SaveSelfAssessmentDto,
  ) {
    return this.selfAssessment.saveAll(actor, meta, id, dto);
  }

  @Put(':id/self-assessment/:clauseId')
  @Roles('enterprise')
  @ApiParam({ name: 'clauseId', description: '条款编号，如 sd01.ws.a' })
  @ApiOperation({ summary: '保存单个条款的自评（企业）' })
  saveClause(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('clauseId') clauseId: string,
    @Body() dto: DeclarationBody,
  ) {
    return this.selfAssessment.saveOne(actor, meta, id, clauseId, dto);
  }

  @Post(':id/evidence')
  @Roles('enterprise')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF、图片或 Office 文件' } },
    },
  })
  @ApiOperation({
    summary: '上传佐证材料（企业）',
    description:
      '表单字段 file；文件类型按内容识别（不看文件名），超过大小限制返回 413，不支持的类型返回 415。仅草稿或已退回时可上传。',
  })
  upload(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Req() req: FastifyRequest,
  ) {
    return this.evidence.upload(actor, meta, id, req);
  }

  @Get(':id/evidence')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '佐证材料列表' })
  listEvidence(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.evidence.list(actor, meta, id);
  }

  @Get(':id/evidence/:evidenceId/content')
  @Roles('enterprise', 'recommender', 'official')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: '下载佐证材料', description: '仅可查看该申报者可下载。' })
  async download(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('evidenceId', IdPipe) evidenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { file, stream, disposition } = await this.evidence.open(actor, meta, id, evidenceId);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(stream as NodeJS.ReadableStream as never, {
      type: file.mediaType,
      length: file.size,
      disposition,
    });
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({
    summary: '提交申报（企业）',
    description: '冻结自评快照（含哈希），进入形式审查队列；队列不可用时整体不提交（503）。',
  })
  submit(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.submissions.submit(actor, meta, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({ summary: '撤回申报（企业）', description: '市级推荐前可撤回。' })
  withdraw(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: WithdrawDto,
  ) {
    return this.submissions.withdraw(actor, meta, id, dto);
  }

  @Get(':id/precheck')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '形式审查结果', description: '当前提交的形式审查结论与问题清单（中文）。' })
  precheck(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.submissions.precheck(actor, meta, id);
  }

  @Post(':id/recommendation')
  @HttpCode(200)
  @Roles('recommender')
  @ApiOperation({
    summary: '属地推荐或退回（推荐单位）',
    description:
      '县级推荐单位办理“形式审查通过”的申报，市级推荐单位办理“县级已推荐”的申报，均限辖区内；退回须填写理由（至少5个字），企业可见。',
  })
  recommend(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: RecommendationDto,
  ) {
    return this.recommendations.recommend(actor, meta, id, dto);
  }

  @Get(':id/history')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ summary: '申报历程', description: '来自审计日志：时间、操作角色、操作（中文）、状态变化、意见。' })
  history(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.historyService.history(actor, meta, id);
  }
}
