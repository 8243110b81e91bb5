import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ResultBasisDto, RoundView } from '@ff/reviews';
import { DecisionsService } from './decisions.service';
import {
  BulkConfirmDto,
  BulkProposeDto,
  CandidateView,
  CandidatesQuery,
  DecisionView,
  DesignationPolicyDto,
  DesignationPolicyView,
  ListDecisionsQuery,
  ProposeDecisionDto,
} from './dto/designations.dto';
import { PoliciesService } from './policies.service';

@ApiTags('认定意见')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('official')
@Controller()
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly policies: PoliciesService,
  ) {}

  @Get('decision-candidates')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'listDecisionCandidates',
    summary: '待认定的评审结果（可筛选）',
    description: '本批次评审完成的申报：总分、建议结论、专家评分所支持的最高层级、现有认定意见。',
  })
  @ApiOkResponse({ type: PageOf(CandidateView) })
  candidates(@Query() q: CandidatesQuery) {
    return this.decisions.candidates(q);
  }

  @Post('decisions')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'createDecision',
    summary: '提出认定意见',
    description: '须由另一名工作人员确认后生效。降级认定仅当该层级范围内的专家评分达到其通过线且无否决项。',
  })
  @ApiCreatedResponse({ type: DecisionView })
  propose(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: ProposeDecisionDto) {
    return this.decisions.propose(actor, meta, dto);
  }

  @Post('decisions/bulk-propose')
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'createDecisionsInBulk', summary: '批量提出认定意见（全部成功或全部不生效）' })
  @ApiCreatedResponse({ type: [DecisionView] })
  bulkPropose(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: BulkProposeDto) {
    return this.decisions.bulkPropose(actor, meta, dto);
  }

  @Post('decisions/bulk-confirm')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'confirmDecisionsInBulk', summary: '批量确认认定意见（全部成功或全部不生效）' })
  @ApiOkResponse({ type: [DecisionView] })
  bulkConfirm(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: BulkConfirmDto) {
    return this.decisions.bulkConfirm(actor, meta, dto.decisionIds);
  }

  @Put('review-rounds/:id/result-basis')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'changeRoundResultBasis',
    summary: '更改评审轮次结果采用的评分（原始评分 / 宽严度校准后评分）',
    description:
      '仅在尚无认定意见或复核结论依据本轮评审结果提出时可改（否则 409 round_result_basis_locked）；记入审计。',
  })
  @ApiOkResponse({ type: RoundView })
  changeResultBasis(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ResultBasisDto,
  ) {
    return this.decisions.changeResultBasis(actor, meta, id, dto.resultBasis);
  }

  @Get('decisions')
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listDecisions', summary: '认定意见列表' })
  @ApiOkResponse({ type: PageOf(DecisionView) })
  list(@Query() q: ListDecisionsQuery) {
    return this.decisions.list(q);
  }

  @Get('decisions/:id')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getDecision', summary: '认定意见详情' })
  @ApiOkResponse({ type: DecisionView })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.decisions.get(actor, meta, id);
  }

  @Post('decisions/:id/confirm')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'confirmDecision', summary: '确认认定意见（双人复核：提出人不能确认）' })
  @ApiOkResponse({ type: DecisionView })
  confirm(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.decisions.confirm(actor, meta, id);
  }

  @Get('batches/:id/designation-policy')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getDesignationPolicy', summary: '批次认定策略（公示天数、有效期、限制申报年数）' })
  @ApiOkResponse({ type: DesignationPolicyView })
  policy(@Param('id', IdPipe) id: string) {
    return this.policies.view(id);
  }

  @Put('batches/:id/designation-policy')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'updateDesignationPolicy', summary: '设置批次认定策略' })
  @ApiOkResponse({ type: DesignationPolicyView })
  setPolicy(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: DesignationPolicyDto,
  ) {
    return this.policies.set(actor, meta, id, dto);
  }
}
