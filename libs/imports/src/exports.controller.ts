import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { ListApplicationsQuery } from '@ff/applications';
import { ExportsService } from './exports.service';
import { XLSX_RESPONSE, sendXlsx } from './xlsx-response';

@ApiTags('申报导入')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('applications')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('export')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'exportApplications',
    summary: '导出申报列表（.xlsx）',
    description: '与申报列表接口相同的可见范围与筛选条件（分页参数不起作用），最多 50,000 行。',
  })
  @ApiOkResponse({ description: 'Excel 工作簿', ...XLSX_RESPONSE })
  @ApiErrors(400)
  async list(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Query() q: ListApplicationsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendXlsx(reply, '申报列表.xlsx', await this.exports.applicationList(actor, meta, q));
  }

  @Get(':id/self-assessment/export')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'exportSelfAssessment',
    summary: '按导入模板格式导出自评表（.xlsx）',
    description: '导出的文件可修改后通过申报导入上传；未修改即导入不改变任何数据。',
  })
  @ApiOkResponse({ description: 'Excel 工作簿', ...XLSX_RESPONSE })
  @ApiErrors(400, 404)
  async selfAssessment(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendXlsx(reply, '自评表.xlsx', await this.exports.selfAssessment(actor, meta, id));
  }
}
