import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors, Actor, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { AdjustmentsService } from './adjustments.service';
import { AdjustmentDto, CreateRoundDto, ListRoundsQuery, ManualConflictDto, PublishRoundDto } from './dto/round.dto';
import { CalibrationView, ResultView } from './dto/result.view';
import { PreviewView, RoundProgressView, RoundView } from './dto/round.view';
import { ResultsService } from './results.service';
import { RoundsService } from './rounds.service';

class IdView {
  id: string;
}

@ApiTags('评审轮次')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('official')
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly adjustments: AdjustmentsService,
    private readonly results: ResultsService,
  ) {}

  @Post('review-rounds')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'createReviewRound',
    summary: '开启评审轮次',
    description:
      '对批次中全部或选定的“市级已推荐”申报开启评审；每份申报按其层级的每个能力域生成任务；随即排队计算分配预览。',
  })
  @ApiCreatedResponse({ type: RoundView })
  @ApiBadRequestResponse({ description: '日期、申报范围不合法' })
  @ApiConflictResponse({ description: '申报已在另一评审轮次中' })
  create(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: CreateRoundDto) {
    return this.rounds.create(actor, meta, dto);
  }

  @Get('review-rounds')
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'listReviewRounds',
    summary: '评审轮次列表',
  })
  @ApiOkResponse({ type: PageOf(RoundView) })
  list(@Query() q: ListRoundsQuery) {
    return this.rounds.list(q);
  }

  @Get('review-rounds/:id')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewRound',
    summary: '评审轮次详情',
  })
  @ApiOkResponse({ type: RoundView })
  @ApiNotFoundResponse()
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.rounds.get(actor, meta, id);
  }

  @Post('review-rounds/:id/assign')
  @HttpCode(202)
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'runReviewAssignment',
    summary: '重新计算分配预览（试运行）',
    description: '保留人工调整；结果见 preview。',
  })
  @ApiAcceptedResponse({ type: RoundView })
  rerun(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.rounds.rerun(actor, meta, id);
  }

  @Get('review-rounds/:id/preview')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'getReviewAssignmentPreview',
    summary: '分配预览',
    description: '每项分配的理由（能力域、主要/次要、负载、成本），未能分配的席位及原因，最大负载与其下界。',
  })
  @ApiOkResponse({ type: PreviewView })
  @ApiConflictResponse({ description: '预览尚未生成' })
  preview(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.rounds.preview(actor, meta, id);
  }

  @Post('review-rounds/:id/adjustments')
  @HttpCode(202)
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'updateReviewAssignment',
    summary: '人工调整分配（增加、移除、替换）',
    description:
      '与自动分配相同的回避与专长检查；存在回避情形或超出上限须填写强制理由（记入审计）。调整后重新计算预览。',
  })
  @ApiAcceptedResponse({ type: RoundView })
  @ApiBadRequestResponse({ description: 'assignment_override_reason_required 等' })
  @ApiConflictResponse({ description: '预览版本已变化，或轮次已发布' })
  adjust(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: AdjustmentDto,
  ) {
    return this.adjustments.adjust(actor, meta, id, dto);
  }

  @Post('review-rounds/:id/publish')
  @HttpCode(202)
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'publishReviewRound',
    summary: '发布分配',
    description: '按指定预览版本创建评审任务、申报转为“评审中”、通知专家（后台任务，仅执行一次）。',
  })
  @ApiAcceptedResponse({ type: RoundView })
  @ApiConflictResponse({ description: '预览已变化、尚有未分配席位或轮次已发布' })
  publish(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: PublishRoundDto,
  ) {
    return this.rounds.publish(actor, meta, id, dto);
  }

  @Get('review-rounds/:id/progress')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewRoundProgress',
    summary: '评审进度',
    description: '各状态任务数、逾期数、每位专家负载与完成、每份申报完成情况。',
  })
  @ApiOkResponse({ type: RoundProgressView })
  async progress(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    const round = await this.rounds.getOrFail(actor, meta, id);
    return this.results.progress(id, round.dueAt);
  }

  @Get('review-rounds/:id/results')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'listReviewResults',
    summary: '评审结果（每份申报）',
  })
  @ApiOkResponse({ type: [ResultView] })
  async listResults(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    await this.rounds.getOrFail(actor, meta, id);
    return this.results.list(id);
  }

  @Get('review-rounds/:id/calibration')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewCalibration',
    summary: '专家宽严度校准',
    description: '每位专家与专家组均值的平均偏差，及校准后与原始结果对照（仅供参考）。',
  })
  @ApiOkResponse({ type: CalibrationView })
  async calibration(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    await this.rounds.getOrFail(actor, meta, id);
    return this.results.calibration(id);
  }

  @Post('expert-conflicts')
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'createExpertConflict',
    summary: '人工登记回避',
    description: '该专家不会被分配到该企业的评审任务。',
  })
  @ApiCreatedResponse({ type: IdView })
  addConflict(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: ManualConflictDto) {
    return this.adjustments.addConflict(actor, meta, dto);
  }
}
