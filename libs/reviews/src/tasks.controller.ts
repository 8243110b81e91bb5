import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors, Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ReasonDto } from './dto/round.dto';
import { ResultView } from './dto/result.view';
import { MaterialView, PanelSheetView, SaveSheetDto, SheetView } from './dto/sheet.dto';
import { DeclineDto, ListTasksQuery, TaskPage, TaskView } from './dto/task.view';
import { ResultsService } from './results.service';
import { ReviewErrors } from './reviews.errors';
import { SheetsService } from './sheets.service';
import { TasksService } from './tasks.service';

const NoPipe = new ParseIntPipe({
  exceptionFactory: () => ReviewErrors.raise('invalid_subdomain_no'),
});

@ApiTags('评审任务')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly sheets: SheetsService,
    private readonly results: ResultsService,
  ) {}

  @Get('review-tasks')
  @Roles('expert', 'official')
  @ApiErrors(400)
  @ApiOperation({
    operationId: 'listReviewTasks',
    summary: '评审任务列表',
    description: '专家仅见本人的任务；省级主管部门可按轮次查看全部。',
  })
  @ApiOkResponse({ type: TaskPage })
  list(@CurrentActor() actor: Actor, @Query() q: ListTasksQuery) {
    return this.tasks.list(actor, q);
  }

  @Get('review-tasks/:id')
  @Roles('expert', 'official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewTask',
    summary: '评审任务详情',
    description: '他人的任务与不存在的编号同样答 404（记入审计）。',
  })
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse()
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.tasks.get(actor, meta, id);
  }

  @Post('review-tasks/:id/accept')
  @HttpCode(200)
  @Roles('expert')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'confirmReviewTask',
    summary: '接受任务（评审专家）',
  })
  @ApiOkResponse({ type: TaskView })
  @ApiConflictResponse({ description: '当前状态不能接受' })
  accept(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.tasks.accept(actor, meta, id);
  }

  @Post('review-tasks/:id/decline')
  @HttpCode(200)
  @Roles('expert')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'rejectReviewTask',
    summary: '谢绝任务（评审专家）',
    description: '须填理由；conflict=true 时记为新发现的回避。任务随即改派给剩余最合适的专家。',
  })
  @ApiOkResponse({ type: TaskView })
  decline(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: DeclineDto,
  ) {
    return this.tasks.decline(actor, meta, id, dto);
  }

  @Get('review-tasks/:id/material')
  @Roles('expert', 'official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewMaterial',
    summary: '评审材料',
    description: '冻结提交中本任务能力子域的自评（状态、说明、佐证材料）与形式审查结果；从不显示草稿。',
  })
  @ApiOkResponse({ type: MaterialView })
  material(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.sheets.material(actor, meta, id);
  }

  @Get('review-tasks/:id/evidence/:evidenceId')
  @Roles('expert', 'official')
  @ApiErrors(400, 404)
  @ApiOkResponse({
    description: '文件内容（Content-Type 为识别出的类型）',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    operationId: 'downloadReviewEvidence',
    summary: '下载评审材料中的佐证文件',
    description: '仅限冻结提交中本任务条款引用的文件；其他编号答 404（记入审计）。',
  })
  async evidence(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('evidenceId', IdPipe) evidenceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { file, stream } = await this.sheets.evidence(actor, meta, id, evidenceId);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'private, no-store');
    return new StreamableFile(stream as never, {
      type: file.mediaType,
      length: file.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  }

  @Get('review-tasks/:id/sheets')
  @Roles('expert', 'official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'listScoreSheets',
    summary: '评分表（每个能力子域一张）',
    description: '专家看本人的草稿；省级主管部门仅可看已提交的。',
  })
  @ApiOkResponse({ type: [SheetView] })
  listSheets(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.sheets.list(actor, meta, id);
  }

  @Put('review-tasks/:id/sheets/:no')
  @Roles('expert')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'saveScoreSheet',
    summary: '保存评分草稿（合并）',
    description: '可只保存一个条款或整张表；分值须在批次评分档位内。提交后不可修改，除非被退回重评。',
  })
  @ApiOkResponse({ type: SheetView })
  @ApiBadRequestResponse({ description: '条款不属于该子域、分值不在档位内' })
  saveSheet(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('no', NoPipe) no: number,
    @Body() dto: SaveSheetDto,
  ) {
    return this.sheets.save(actor, meta, id, no, dto);
  }

  @Post('review-tasks/:id/submit')
  @HttpCode(200)
  @Roles('expert')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'submitReviewTask',
    summary: '提交评分',
    description: '每个适用条款均已评分；低于最高档的须填意见。提交后冻结；全部任务提交后自动汇总。',
  })
  @ApiOkResponse({ type: TaskView })
  @ApiBadRequestResponse({ description: 'sheet_incomplete：details 逐项列出' })
  submit(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.sheets.submit(actor, meta, id);
  }

  @Get('review-tasks/:id/panel')
  @Roles('expert', 'official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewPanel',
    summary: '同组专家评分',
    description: '专家须先提交本人评分（背靠背评审），否则答 404。',
  })
  @ApiOkResponse({ type: [PanelSheetView] })
  panel(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.sheets.panel(actor, meta, id);
  }

  @Post('review-tasks/:id/reopen')
  @HttpCode(200)
  @Roles('official')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'returnReviewTask',
    summary: '退回重评（省级主管部门）',
    description: '须填理由；专家收到通知。',
  })
  @ApiOkResponse({ type: TaskView })
  reopen(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return this.tasks.reopenVisible(actor, meta, id, dto.reason);
  }

  @Get('review-results/:id')
  @Roles('official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getReviewResult',
    summary: '评审结果详情',
  })
  @ApiOkResponse({ type: ResultView })
  result(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.results.get(actor, meta, id);
  }

  @Post('review-results/:id/reconcile')
  @HttpCode(200)
  @Roles('official')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'returnReviewResultForReconciliation',
    summary: '分歧：请专家组重评',
    description: '退回分歧子域所属能力域的已提交评分，附说明。',
  })
  @ApiOkResponse({ type: ResultView })
  reconcile(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return this.results.reconcile(actor, meta, id, dto.reason);
  }

  @Post('review-results/:id/accept')
  @HttpCode(200)
  @Roles('official')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'approveReviewResult',
    summary: '分歧：接受结果',
    description: '须填理由；结果定稿，申报转为“评审完成”。',
  })
  @ApiOkResponse({ type: ResultView })
  acceptResult(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ReasonDto,
  ) {
    return this.results.accept(actor, meta, id, dto.reason);
  }
}
