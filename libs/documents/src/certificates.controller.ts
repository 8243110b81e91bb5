import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiAuthErrors, ApiErrors, Actor, IdPipe, RequestMeta } from '@ff/core';
import { CurrentActor, ReqMeta, Roles } from '@ff/identity';
import { pdfOrPending, xlsxStream } from './file-reply';
import { CertificateService } from './certificate.service';
import { CertificateStatusView } from './dto/document.view';
import { RegistryExportQuery } from './dto/registry-export.query';
import { RegistryExportService } from './registry-export.service';

const WHO = '省级主管部门、被认定企业本单位账号、辖区覆盖该企业的推荐单位可用；其他人与不存在的编号同样答 404。';

@ApiTags('认定证书与名录')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller()
export class CertificatesController {
  constructor(
    private readonly certificates: CertificateService,
    private readonly registry: RegistryExportService,
  ) {}

  @Post('designations/:id/certificate')
  @Roles('official', 'enterprise', 'recommender')
  @HttpCode(202)
  @ApiErrors(400, 404, 503)
  @ApiOperation({
    operationId: 'startCertificateRendering',
    summary: '生成认定证书（后台任务）',
    description: `按认定的当前信息排队生成证书 PDF；信息未变时不重复生成。${WHO}`,
  })
  @ApiAcceptedResponse({ type: CertificateStatusView })
  @ApiNotFoundResponse()
  request(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.certificates.request(actor, meta, id);
  }

  @Get('designations/:id/certificate')
  @Roles('official', 'enterprise', 'recommender')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'getCertificateStatus',
    summary: '认定证书生成状态',
    description: `证书是否已按认定的当前信息生成，以及二维码指向的查验地址。${WHO}`,
  })
  @ApiOkResponse({ type: CertificateStatusView })
  @ApiNotFoundResponse()
  status(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta, @Param('id', IdPipe) id: string) {
    return this.certificates.status(actor, meta, id);
  }

  @Get('designations/:id/certificate/content')
  @Roles('official', 'enterprise', 'recommender')
  @ApiErrors(400, 404, 503)
  @ApiOperation({
    operationId: 'downloadCertificate',
    summary: '下载认定证书（PDF）',
    description: `已按当前信息生成时返回 PDF；否则排队生成并答 202 与生成状态，稍后再取。${WHO}`,
  })
  @ApiOkResponse({
    description: 'PDF 文件',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiAcceptedResponse({ type: CertificateStatusView, description: '生成中' })
  async content(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Param('id', IdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return pdfOrPending(await this.certificates.content(actor, meta, id), reply);
  }

  @Get('designation-registry/export')
  @Roles('official')
  @ApiErrors(400, 404)
  @ApiOperation({
    operationId: 'exportDesignationRegistry',
    summary: '导出认定名录（Excel）',
    description:
      '全部认定或一个批次的认定：证书编号、企业、统一社会信用代码、市、区县、层级、建设类型、当前状态（含已撤销及原因、已过期）、有效期与认定日期。所有文本单元格已防公式注入。',
  })
  @ApiOkResponse({
    description: 'xlsx 文件',
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  async exportRegistry(
    @CurrentActor() actor: Actor,
    @ReqMeta() meta: RequestMeta,
    @Query() q: RegistryExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { fileName, write } = await this.registry.prepare(actor, meta, q.batchId);
    return xlsxStream(fileName, write, reply);
  }
}
