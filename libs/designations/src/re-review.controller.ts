import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import {
  OpenReReviewRoundDto,
  ProposeReReviewOutcomeDto,
  ReReviewItemView,
  ReReviewOutcomeView,
  ReReviewRoundView,
} from './dto/re-review.dto';
import { ReReviewService } from './re-review.service';

@ApiTags('认定复核')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('official')
@Controller()
export class ReReviewController {
  constructor(private readonly reReview: ReReviewService) {}

  @Post('re-review-rounds')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'openReReviewRound',
    summary: '开启复核评审轮次',
    description:
      '对批次中有效期在复核窗口内届满的有效认定（全部或选定）开启复核评审：认定转为“复核中”，按其认定时冻结的申报材料生成评审任务，随即排队计算分配预览；分配、发布、评分、结果沿用评审轮次的接口。',
  })
  @ApiCreatedResponse({ type: ReReviewRoundView })
  open(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: OpenReReviewRoundDto) {
    return this.reReview.open(actor, meta, dto);
  }

  @Get('re-review-rounds/:id/designations')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'listReReviewDesignations',
    summary: '复核轮次中的认定',
    description: '每项认定、本轮已定稿的评审结果（是否支持维持认定层级）及复核结论。',
  })
  @ApiOkResponse({ type: [ReReviewItemView] })
  items(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.reReview.items(actor, meta, id);
  }

  @Post('re-review-outcomes')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'createReReviewOutcome',
    summary: '提出复核结论',
    description:
      '依据本轮已定稿的评审结果：维持认定（仅当评分在认定层级范围内达到通过线且无否决项）或复核未通过；须由另一名工作人员确认后生效。',
  })
  @ApiCreatedResponse({ type: ReReviewOutcomeView })
  propose(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: ProposeReReviewOutcomeDto) {
    return this.reReview.propose(actor, meta, dto);
  }

  @Get('re-review-outcomes/:id')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getReReviewOutcome', summary: '复核结论详情' })
  @ApiOkResponse({ type: ReReviewOutcomeView })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.reReview.get(actor, meta, id);
  }

  @Post('re-review-outcomes/:id/confirm')
  @HttpCode(200)
  @ApiErrors(400, 403, 404, 409)
  @ApiOperation({
    operationId: 'confirmReReviewOutcome',
    summary: '确认复核结论（双人复核：提出人不能确认）',
    description:
      '维持认定：恢复“有效”，有效期自原届满日次日起按批次策略延长；复核未通过：以“复核未通过”撤销认定并按策略限制申报。',
  })
  @ApiOkResponse({ type: ReReviewOutcomeView })
  confirm(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.reReview.confirm(actor, meta, id);
  }
}
