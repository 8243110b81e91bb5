import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors, Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { pdfOrPending, xlsxStream } from './file-reply';
import { AssessmentReportService } from './assessment-report.service';
import { AssessmentReportStatusView } from './dto/document.view';
import { ResultsExportService } from './results-export.service';

@ApiTags('评估报告与导出')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class DocumentsController {
  constructor(
    private readonly reports: AssessmentReportService,
    private readonly exports: ResultsExportService,
  ) {}

  @Post('applications/:id/assessment-report')
  @Roles('official')
  @HttpCode(202)
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'startAssessmentReportRendering',
    summary: '生成评估报告（后台任务）',
    description: '按当前评审结果等内容排队生成 PDF；内容未变时不重复生成。',
  })
  @ApiAcceptedResponse({ type: AssessmentReportStatusView })
  @ApiConflictResponse({ description: 'report_not_available：尚无专家评审结果' })
  request(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.reports.request(actor, meta, id);
  }

  @Get('applications/:id/assessment-report')
  @Roles('official', 'enterprise', 'recommender')
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'getAssessmentReportStatus',
    summary: '评估报告生成状态',
    description:
      '省级主管部门随时可查；申报企业与辖区推荐单位在认定决定作出后可查（此前答 409 report_not_released）；其他人答 404。',
  })
  @ApiOkResponse({ type: AssessmentReportStatusView })
  @ApiNotFoundResponse()
  status(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.reports.status(actor, meta, id);
  }

  @Get('applications/:id/assessment-report/content')
  @Roles('official', 'enterprise', 'recommender')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'downloadAssessmentReport',
    summary: '下载评估报告（PDF）',
    description:
      '已按当前内容生成时返回 PDF；否则排队生成并答 202 与生成状态，稍后再取。查阅权限同“评估报告生成状态”。',
  })
  @ApiOkResponse({
    description: 'PDF 文件',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiAcceptedResponse({ type: AssessmentReportStatusView, description: '生成中' })
  async content(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return pdfOrPending(await this.reports.content(actor, meta, id), reply);
  }

  @Get('batches/:id/results-export')
  @Roles('official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'exportBatchResults',
    summary: '导出批次评审结果（Excel）',
    description:
      '概览、每个申报层级一张能力子域得分表、按市/区县/层级/建设类型的统计；认定决定作出前显示“待认定”。所有文本单元格已防公式注入。',
  })
  @ApiOkResponse({
    description: 'xlsx 文件',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  async exportResults(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { fileName, write } = await this.exports.prepare(actor, meta, id);
    return xlsxStream(fileName, write, reply);
  }
}
