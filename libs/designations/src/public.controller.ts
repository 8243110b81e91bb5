import { Body, Controller, Get, Headers, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, IdPipe, PageOf, PageQuery, RequestMeta } from '@ff/core';
import { Public, ReqMeta } from '@ff/identity';
import {
  ObjectionAttachmentView,
  ObjectionDto,
  ObjectionReceiptView,
  PublicDesignationView,
  PublicEntryView,
  PublicPublicityView,
  VerifyQuery,
} from './dto/designations.dto';
import { DesignationsService } from './designations.service';
import { ObjectionRateLimitGuard } from './objection-rate-limit.guard';
import { ObjectionsService } from './objections.service';
import { PublicityService } from './publicity.service';

/** What the public (no account) may do: read 公示 lists, file a real-name objection, read the registry, verify a certificate. */
@ApiTags('公开查询')
@Public()
@Controller('public')
export class PublicController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly objections: ObjectionsService,
    private readonly designations: DesignationsService,
  ) {}

  @Get('publicities')
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listPublicPublicities', summary: '公示列表（公开）' })
  @ApiOkResponse({ type: PageOf(PublicPublicityView) })
  list(@Query() q: PageQuery) {
    return this.publicity.publicList(q);
  }

  @Get('publicities/:id/entries')
  @ApiErrors(400, 404)
  @ApiOperation({ operationId: 'listPublicPublicityEntries', summary: '公示名单（企业名称、地区、层级、建设类型）' })
  @ApiOkResponse({ type: PageOf(PublicEntryView) })
  entries(@Param('id', IdPipe) id: string, @Query() q: PageQuery) {
    return this.publicity.publicEntries(id, q);
  }

  @Post('publicity-entries/:id/objections')
  @UseGuards(ObjectionRateLimitGuard)
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({
    operationId: 'submitObjection',
    summary: '对公示条目提出异议（实名）',
    description:
      '公示期内受理；须填写真实姓名、单位、联系方式和事实理由，不受理匿名异议；异议人信息保密。按客户端 IP 限流。',
  })
  @ApiCreatedResponse({ type: ObjectionReceiptView })
  object(@ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string, @Body() dto: ObjectionDto) {
    return this.objections.file(meta, id, dto);
  }

  @Post('objections/:id/attachments')
  @UseGuards(ObjectionRateLimitGuard)
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'X-Objection-Token', required: true, description: '提出异议时返回的 attachmentToken' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF、图片或 Office 文件' } },
    },
  })
  @ApiErrors(400, 404, 409, 413, 415, 429)
  @ApiOperation({
    operationId: 'uploadObjectionAttachment',
    summary: '上传异议附件',
    description: '公示期内、凭异议回执中的一次性凭证上传，每项异议最多 5 个；凭证不符与异议不存在同样答 404。',
  })
  @ApiCreatedResponse({ type: ObjectionAttachmentView })
  attach(
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Headers('x-objection-token') token: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    return this.objections.attach(meta, id, token, req);
  }

  @Get('designations')
  @ApiErrors(400)
  @ApiOperation({ operationId: 'listPublicDesignations', summary: '认定名录（公开）' })
  @ApiOkResponse({ type: PageOf(PublicDesignationView) })
  registry(@Query() q: PageQuery) {
    return this.designations.registry(q);
  }

  @Get('designations/verify')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'verifyCertificate',
    summary: '证书查验',
    description: '证书编号与校验码一致时返回公开信息和当前状态；不一致与不存在同样答 404。',
  })
  @ApiOkResponse({ type: PublicDesignationView })
  verify(@Query() q: VerifyQuery) {
    return this.designations.verify(q.certificateNumber, q.verificationCode);
  }
}
