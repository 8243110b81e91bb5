import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import {
  MAX_DECLARATIONS,
  MAX_EVIDENCE_PER_CLAUSE,
  NARRATIVE_MAX,
  SaveClauseDto,
  SaveSelfAssessmentDto,
} from './dto/application.dto';
import { EvidenceView } from './dto/evidence.view';
import { ClauseSaveResultView, SelfAssessmentView } from './dto/self-assessment.view';
import { EvidenceService } from './evidence.service';
import { SelfAssessmentService } from './self-assessment.service';

/**
 * The bulk save's body limit, derived from the limits of its fields so the two always agree: the
 * most clauses an application may declare, each with a full narrative (4 bytes a character at
 * worst in UTF-8) and its evidence ids, plus JSON framing.
 */
export const SELF_ASSESSMENT_BODY_LIMIT = MAX_DECLARATIONS * (NARRATIVE_MAX * 4 + MAX_EVIDENCE_PER_CLAUSE * 40 + 200);
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** An application's content over HTTP: the self-assessment form and the evidence files. */
@ApiTags('申报')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('applications')
export class ApplicationContentController {
  constructor(
    private readonly selfAssessment: SelfAssessmentService,
    private readonly evidence: EvidenceService,
  ) {}

  @Get(':id/self-assessment')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({
    operationId: 'getSelfAssessment',
    summary: '自评表',
    description: '所申报层级、本企业行业类型适用的全部条款及已填写的自评，以及填写进度。',
  })
  @ApiOkResponse({ type: SelfAssessmentView })
  @ApiErrors(400, 404)
  getSelfAssessment(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.selfAssessment.get(actor, meta, id);
  }

  @Put(':id/self-assessment')
  @Roles('enterprise')
  @RouteConfig({ bodyLimit: SELF_ASSESSMENT_BODY_LIMIT })
  @ApiOperation({
    operationId: 'saveSelfAssessment',
    summary: '整体保存自评（企业）',
    description:
      `一次提交全部条款，替换当前草稿（未列出的条款被清除）；任一条款编号或佐证材料无效则整体不保存。` +
      `最多 ${MAX_DECLARATIONS} 个条款，每条说明最多 ${NARRATIVE_MAX} 字、佐证最多 ${MAX_EVIDENCE_PER_CLAUSE} 份；` +
      `本接口请求体上限 ${MB(SELF_ASSESSMENT_BODY_LIMIT)}，足以容纳按上述上限写满的整张表。`,
  })
  @ApiOkResponse({ type: SelfAssessmentView })
  @ApiErrors(400, 404, 409, 413)
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
  @ApiParam({ name: 'clauseId', description: '条款编号', example: 'sd01.ws.a' })
  @ApiOperation({
    operationId: 'saveClause',
    summary: '保存单个条款的自评（企业，合并保存）',
    description:
      '合并语义：给出的字段替换原值，未给出的字段保留（只改结论不会清除说明和佐证）；narrative 传空字符串、evidenceIds 传 [] 可清空。首次保存该条款须给出 status。返回该条款与填写进度，而非整张表。',
  })
  @ApiOkResponse({ type: ClauseSaveResultView })
  @ApiErrors(400, 404, 409)
  saveClause(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('clauseId') clauseId: string,
    @Body() dto: SaveClauseDto,
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
    operationId: 'uploadEvidence',
    summary: '上传佐证材料（企业）',
    description:
      '表单字段 file；文件类型按内容识别（不看文件名），超过大小限制返回 413，不支持的类型返回 415。仅草稿或已退回、且批次受理中时可上传。同一文件（内容相同）重复上传返回已有的那一条。',
  })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiErrors(400, 404, 409, 413, 415)
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
  @ApiOperation({ operationId: 'listEvidence', summary: '佐证材料列表' })
  @ApiOkResponse({ type: [EvidenceView] })
  @ApiErrors(400, 404)
  listEvidence(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.evidence.list(actor, meta, id);
  }

  @Delete(':id/evidence/:evidenceId')
  @HttpCode(204)
  @Roles('enterprise')
  @ApiOperation({
    operationId: 'deleteEvidence',
    summary: '删除佐证材料（企业）',
    description: '仅草稿或已退回、且批次受理中时可删；同时从引用它的自评条款和建设类型声明中移除。',
  })
  @ApiNoContentResponse({ description: '已删除' })
  @ApiErrors(400, 404, 409)
  async deleteEvidence(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('evidenceId', IdPipe) evidenceId: string,
  ): Promise<void> {
    await this.evidence.remove(actor, meta, id, evidenceId);
  }

  @Get(':id/evidence/:evidenceId/content')
  @Roles('enterprise', 'recommender', 'official')
  @ApiOperation({ operationId: 'downloadEvidence', summary: '下载佐证材料', description: '仅可查看该申报者可下载。' })
  @ApiOkResponse({
    description: '文件内容（Content-Type 为识别出的类型）',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404)
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
}
