import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, ApiAuthErrors, ApiErrors, IdPipe, PageOf, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import {
  DesignationView,
  ListDesignationsQuery,
  ListPublicitiesQuery,
  MaterialRequestDto,
  ObjectionAttachmentView,
  ObjectionNoteDto,
  ObjectionView,
  PublicityView,
  PublishDto,
  ResolveObjectionDto,
  RevokeDto,
  CompleteReReviewDto,
  StartReReviewDto,
} from './dto/designations.dto';
import { DesignationsService } from './designations.service';
import { ObjectionsService } from './objections.service';
import { PublicityService } from './publicity.service';

@ApiTags('公示与认定')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('official')
@Controller()
export class PublicityController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly objections: ObjectionsService,
    private readonly designations: DesignationsService,
  ) {}

  @Post('publicities')
  @ApiErrors(400, 404, 409, 503)
  @ApiOperation({
    operationId: 'publishPublicity',
    summary: '发布公示',
    description: '公示本批次全部或选定的已确认认定类意见，期限按工作日计算（缺省为批次策略，默认 5 个工作日）。',
  })
  @ApiCreatedResponse({ type: PublicityView })
  publish(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Body() dto: PublishDto) {
    return this.publicity.publish(actor, meta, dto);
  }

  @Get('publicities')
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listPublicities', summary: '公示列表' })
  @ApiOkResponse({ type: PageOf(PublicityView) })
  list(@Query() q: ListPublicitiesQuery) {
    return this.publicity.list(q);
  }

  @Get('publicities/:id')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getPublicity', summary: '公示详情' })
  @ApiOkResponse({ type: PublicityView })
  get(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.publicity.get(actor, meta, id);
  }

  @Get('publicities/:id/objections')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'listObjections', summary: '公示异议（含异议人身份，仅限省级主管部门）' })
  @ApiOkResponse({ type: [ObjectionView] })
  objectionsOf(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.objections.list(actor, meta, id);
  }

  @Post('objections/:id/notes')
  @HttpCode(200)
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'createObjectionNote', summary: '记录异议调查情况' })
  @ApiOkResponse({ type: ObjectionView })
  note(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ObjectionNoteDto,
  ) {
    return this.objections.note(actor, meta, id, dto.note);
  }

  @Post('objections/:id/material-requests')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'createObjectionMaterialRequest',
    summary: '请企业补充材料（异议核查）',
    description: '向该条目企业的账号发送站内通知（配置邮件时同时发送），记入调查记录；不透露异议人信息。',
  })
  @ApiOkResponse({ type: ObjectionView })
  requestMaterial(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: MaterialRequestDto,
  ) {
    return this.objections.requestMaterial(actor, meta, id, dto.materialRequest);
  }

  @Post('objections/:id/resolve')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'decideObjection',
    summary: '处理异议',
    description: '不成立：该条目继续公示（公示期已满则随即认定）；成立：须提出修改后的认定意见并经另一人确认。',
  })
  @ApiOkResponse({ type: ObjectionView })
  resolve(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: ResolveObjectionDto,
  ) {
    return this.objections.resolve(actor, meta, id, dto);
  }

  @Post('objections/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF、图片或 Office 文件' } },
    },
  })
  @ApiErrors(400, 404, 409, 413, 415)
  @ApiOperation({ operationId: 'uploadObjectionInvestigationFile', summary: '上传异议核查材料（省级主管部门）' })
  @ApiCreatedResponse({ type: ObjectionAttachmentView })
  attachAsOfficial(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Req() req: FastifyRequest,
  ) {
    return this.objections.attachAsOfficial(actor, meta, id, req);
  }

  @Get('objections/:id/attachments/:attachmentId/content')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'downloadObjectionAttachment', summary: '下载异议附件' })
  @ApiOkResponse({
    description: '文件内容（Content-Type 为识别出的类型）',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async attachment(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Param('attachmentId', IdPipe) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { file, stream } = await this.objections.openAttachment(actor, meta, id, attachmentId);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Cache-Control', 'private, no-store');
    const encoded = encodeURIComponent(file.name);
    return new StreamableFile(stream as NodeJS.ReadableStream as never, {
      type: file.mediaType,
      length: file.size,
      disposition: `attachment; filename="attachment"; filename*=UTF-8''${encoded}`,
    });
  }

  @Get('designations')
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listDesignations', summary: '认定列表' })
  @ApiOkResponse({ type: PageOf(DesignationView) })
  designationsList(@Query() q: ListDesignationsQuery) {
    return this.designations.list(q);
  }

  @Get('designations/:id')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'getDesignation', summary: '认定详情' })
  @ApiOkResponse({ type: DesignationView })
  designation(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.designations.get(actor, meta, id);
  }

  @Post('designations/:id/revoke')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'revokeDesignation',
    summary: '撤销认定',
    description: '按撤销原因和批次策略，同时限制该企业再次申报（如复核未通过 2 年、弄虚作假 3 年）。',
  })
  @ApiOkResponse({ type: DesignationView })
  revoke(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: RevokeDto,
  ) {
    return this.designations.revoke(actor, meta, id, dto);
  }

  @Post('designations/:id/re-review')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({ operationId: 'startDesignationReReview', summary: '启动复核（有效认定 → 复核中）' })
  @ApiOkResponse({ type: DesignationView })
  startReReview(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: StartReReviewDto,
  ) {
    return this.designations.startReReview(actor, meta, id, dto.reReviewNote);
  }

  @Post('designations/:id/re-review/complete')
  @HttpCode(200)
  @ApiErrors(400, 404, 409)
  @ApiOperation({
    operationId: 'completeDesignationReReview',
    summary: '复核结论',
    description:
      '通过：恢复有效，有效期自原届满日次日起（已过期则自今日起）按批次策略延长；未通过：以“复核未通过”撤销并限制申报。经复核评审轮次的认定须提出复核结论并由另一人确认。',
  })
  @ApiOkResponse({ type: DesignationView })
  completeReReview(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Body() dto: CompleteReReviewDto,
  ) {
    return this.designations.completeReReview(actor, meta, id, dto.passed, dto.reReviewNote);
  }
}
