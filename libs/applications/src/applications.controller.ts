import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ApplicationHistoryService } from './application-history.service';
import { ApplicationsService } from './applications.service';
import {
  CreateApplicationDto,
  ListApplicationsQuery,
  RecommendationDto,
  RecommendationRankDto,
  UpdateApplicationDto,
  WithdrawRecommendationDto,
  WithdrawDto,
} from './dto/application.dto';
import { ApplicationDetailView, ApplicationView } from './dto/application.view';
import { HistoryEntryView } from './dto/history.view';
import { RankedListView } from './dto/recommendation.view';
import { PrecheckReportView, PrecheckResultView } from './dto/precheck-report.view';
import { RecommendationsService } from './recommendations.service';
import { SubmissionsService } from './submissions.service';

/**
 * Applications over HTTP: the application itself, its transitions, pre-check and history (the
 * self-assessment and evidence are in ApplicationContentController). @Roles says which roles may
 * call a route at all; the services then check ownership (enterprise) or jurisdiction
 * (recommender), and answer another party's id exactly like an unknown one (audited 404).
 */
@ApiTags('申报')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly submissions: SubmissionsService,
    private readonly recommendations: RecommendationsService,
    private readonly historyService: ApplicationHistoryService,
  ) {}

  @Post()
  @Roles('enterprise')
  @ApiOperation({
    operationId: 'createApplication',
    summary: '创建申报（企业）',
    description: '为本企业在一个受理中的批次创建草稿申报；每个批次每家企业一份。',
  })
  @ApiCreatedResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409)
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateApplicationDto) {
    return this.applications.create(actor, meta, dto);
  }

  @Get()
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'listApplications',
    summary: '申报列表',
    description:
      '按角色限定范围：企业仅本企业；推荐单位仅辖区内企业；省级主管部门全省。可按批次、层级、状态（多选）、地区（市级代码含下辖区县）、企业名称/信用代码筛选；waitingForMe=true 列出待本推荐单位办理的申报；sort 排序；分页。',
  })
  @ApiOkResponse({ type: PageOf(ApplicationView) })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Query() q: ListApplicationsQuery) {
    return this.applications.list(actor, meta, q);
  }

  @Get(':id')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'getApplication',
    summary: '申报详情',
    description:
      '含状态（中文）、最近一次退回理由、表15 建设类型声明，以及门户所需的提示：editable（此刻能否修改）、allowedActions（当前用户此刻可执行的操作，由状态机得出）、batchAcceptingSubmissions。',
  })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.applications.get(actor, meta, id);
  }

  @Patch(':id')
  @Roles('enterprise')
  @ApiOperation({
    operationId: 'updateApplication',
    summary: '修改申报层级、建设类型或表15 建设类型声明（企业）',
    description:
      '仅草稿或已退回、且批次受理中时可改；改层级会删除新层级不适用的自评条款；改建设类型会清空原类型的声明；constructionClaims 中给出的维度替换原值，未给出的保留。',
  })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ) {
    return this.applications.update(actor, meta, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({
    operationId: 'submitApplication',
    summary: '提交申报（企业）',
    description: '冻结自评快照（含哈希），进入形式审查队列；队列不可用时整体不提交（503）。',
  })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409, 503)
  submit(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.submissions.submit(actor, meta, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({ operationId: 'withdrawApplication', summary: '撤回申报（企业）', description: '市级推荐前可撤回。' })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409)
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
  @ApiOperation({
    operationId: 'getPrecheckResult',
    summary: '形式审查结果',
    description: '当前提交的形式审查结论与问题清单（中文）。',
  })
  @ApiOkResponse({ type: PrecheckResultView })
  @ApiErrors(400, 404)
  precheck(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.submissions.precheck(actor, meta, id);
  }

  @Post(':id/precheck/dry-run')
  @HttpCode(200)
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'dryRunPrecheck',
    summary: '形式审查试算：按当前草稿（不保存）',
    description:
      '用与提交时相同的快照（自评、佐证材料、表15 建设类型声明、企业基础要求事实）和本批次的形式审查策略评估当前草稿，不写入任何数据、不改变状态。',
  })
  @ApiOkResponse({ type: PrecheckReportView })
  @ApiErrors(400, 404)
  dryRun(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.submissions.dryRun(actor, meta, id);
  }

  @Post(':id/recommendation')
  @HttpCode(200)
  @Roles('recommender')
  @ApiOperation({
    operationId: 'recommendApplication',
    summary: '属地推荐或退回（推荐单位）',
    description:
      '县级推荐单位办理“形式审查通过”的申报，市级推荐单位办理“县级已推荐”的申报，均限辖区内；退回须填写理由（至少5个字），企业可见。推荐时可给优先顺序 rank（缺省排在末尾），意见即推荐理由；超出批次为本地区该层级设置的推荐名额时拒绝（409 quota_exceeded，说明名额与已推荐数）。',
  })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409)
  recommend(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: RecommendationDto,
  ) {
    return this.recommendations.recommend(actor, meta, id, dto);
  }

  @Put(':id/recommendation/rank')
  @Roles('recommender')
  @ApiOperation({
    operationId: 'updateRecommendationRank',
    summary: '调整推荐优先顺序（推荐单位）',
    description:
      '把本单位对该申报的有效推荐移到新的优先顺序，其余依次调整；省级开始评审前可调整；记入审计日志。返回调整后的推荐名单。',
  })
  @ApiOkResponse({ type: RankedListView })
  @ApiErrors(400, 404, 409)
  rerank(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: RecommendationRankDto,
  ) {
    return this.recommendations.rerank(actor, meta, id, dto);
  }

  @Post(':id/recommendation/withdraw')
  @HttpCode(200)
  @Roles('recommender')
  @ApiOperation({
    operationId: 'withdrawRecommendation',
    summary: '撤回推荐（推荐单位）',
    description:
      '县级撤回后回到“形式审查通过”，市级撤回后回到“县级已推荐”；省级开始评审后不能撤回；须填写理由；其后的推荐依次前移；记入审计日志。',
  })
  @ApiOkResponse({ type: ApplicationDetailView })
  @ApiErrors(400, 404, 409)
  withdrawRecommendation(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: WithdrawRecommendationDto,
  ) {
    return this.recommendations.withdrawRecommendation(actor, meta, id, dto);
  }

  @Get(':id/history')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'listApplicationHistory',
    summary: '申报历程',
    description: '来自审计日志：时间、操作角色、操作（中文）、状态变化、意见。',
  })
  @ApiOkResponse({ type: [HistoryEntryView] })
  @ApiErrors(400, 404)
  history(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.historyService.history(actor, meta, id);
  }
}
