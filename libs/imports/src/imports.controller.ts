import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
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
import { CommitImportDto, ImportTemplateQuery, ListImportsQuery } from './dto/import.dto';
import { ImportDetailView, ImportPage, ImportView } from './dto/import.view';
import { ImportCommitService } from './import-commit.service';
import { ImportSheetsService } from './import-sheets.service';
import { ImportsService } from './imports.service';

import { XLSX_RESPONSE, sendXlsx } from './xlsx-response';

@ApiTags('申报导入')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly commits: ImportCommitService,
    private readonly sheets: ImportSheetsService,
  ) {}

  @Get('batches/:batchId/import-template')
  @Roles('official', 'recommender')
  @ApiOperation({
    operationId: 'downloadApplicationImportTemplate',
    summary: '下载本批次的申报导入模板（.xlsx）',
    description:
      '含填写说明、企业信息、自评、条款清单；下拉选项来自隐藏的选项表。可按统一社会信用代码预填每家企业的条款行。',
  })
  @ApiOkResponse({ description: 'Excel 模板', ...XLSX_RESPONSE })
  @ApiErrors(400, 404)
  async template(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Query() q: ImportTemplateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendXlsx(reply, '申报导入模板.xlsx', await this.sheets.template(actor, meta, batchId, q));
  }

  @Post('batches/:batchId/imports')
  @Roles('official', 'recommender')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    operationId: 'uploadApplicationImport',
    summary: '上传申报导入文件（校验并预览，不写入申报）',
    description: '文件按内容保存；随后由后台任务逐单元格校验，进度与结果见导入详情。推荐单位只能导入本辖区的企业。',
  })
  @ApiCreatedResponse({ type: ImportView })
  @ApiErrors(400, 404, 413, 415)
  upload(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('batchId', IdPipe) batchId: string,
    @Req() req: FastifyRequest,
  ) {
    return this.imports.upload(actor, meta, batchId, req);
  }

  @Post('imports/:id/evidence')
  @HttpCode(200)
  @Roles('official', 'recommender')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    operationId: 'uploadApplicationImportEvidence',
    summary: '上传佐证材料压缩包（.zip），按自评表中的文件名关联',
    description:
      '仅限校验完成的导入；上传后重新校验：自评表“佐证材料文件名”中的每个文件须在压缩包中（按文件名匹配，忽略目录），' +
      '并通过佐证材料的类型、大小与结构检查；提交导入时关联到申报的佐证材料与对应条款。含上级目录、绝对路径或重名文件的压缩包整体拒绝。',
  })
  @ApiOkResponse({ type: ImportView })
  @ApiErrors(400, 404, 409, 413, 415)
  attachEvidence(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Req() req: FastifyRequest,
  ) {
    return this.imports.attachEvidence(actor, meta, id, req);
  }

  @Get('imports')
  @Roles('official', 'recommender')
  @ApiOperation({ operationId: 'listApplicationImports', summary: '导入记录（本辖区）' })
  @ApiOkResponse({ type: ImportPage })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() q: ListImportsQuery) {
    return this.imports.list(actor, q);
  }

  @Get('imports/:id')
  @Roles('official', 'recommender')
  @ApiOperation({ operationId: 'getApplicationImport', summary: '导入详情：进度、错误与警告（逐单元格）、预览' })
  @ApiOkResponse({ type: ImportDetailView })
  @ApiErrors(400, 404)
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.imports.get(actor, meta, id);
  }

  @Get('imports/:id/report')
  @Roles('official', 'recommender')
  @ApiOperation({
    operationId: 'downloadApplicationImportReport',
    summary: '下载标注了问题的工作簿（.xlsx）',
    description: '上传的数据表逐行返回，末列“导入问题”写明该行问题，出错单元格标红并附批注。',
  })
  @ApiOkResponse({ description: 'Excel 工作簿', ...XLSX_RESPONSE })
  @ApiErrors(400, 404)
  async report(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return sendXlsx(reply, '导入校验结果.xlsx', await this.sheets.reportWorkbook(actor, meta, id));
  }

  @Post('imports/:id/commit')
  @HttpCode(200)
  @Roles('official', 'recommender')
  @ApiOperation({
    operationId: 'commitApplicationImport',
    summary: '提交导入：全部写入或全部不写入',
    description:
      '重新读取并校验文件后，在一个事务中创建或更新企业、申报与自评；同一文件（sha256）在同一批次重复提交不再改变任何数据。' +
      '`submit: true` 时同一事务内代为提交本次导入的全部申报（冻结提交快照），提交成功后排队形式审查。',
  })
  @ApiOkResponse({ type: ImportDetailView })
  @ApiErrors(400, 403, 404, 409)
  commit(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: CommitImportDto,
  ) {
    return this.commits.commit(actor, meta, id, { submit: dto.submit === true });
  }

  @Post('imports/:id/cancel')
  @HttpCode(200)
  @Roles('official', 'recommender')
  @ApiOperation({ operationId: 'cancelApplicationImport', summary: '取消导入（校验中或待提交）' })
  @ApiOkResponse({ type: ImportView })
  @ApiErrors(400, 404, 409)
  cancel(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.imports.cancel(actor, meta, id);
  }
}
