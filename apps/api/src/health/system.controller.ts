import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAnchors, AuditSealer } from '@ff/audit';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { ApiAuthErrors, ApiErrors } from '@ff/core';
import { Roles } from '@ff/identity';
import { QueueMonitor } from '@ff/queue';
import { AuditChainView, QueueCheckView } from './health.view';

@ApiTags('运行状态')
@ApiBearerAuth()
@ApiAuthErrors()
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(
    private readonly monitor: QueueMonitor,
    private readonly sealer: AuditSealer,
    private readonly anchors: AuditAnchors,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers "is a worker consuming?" — health only proves the backend is reachable. */
  @Post('queue-check')
  @HttpCode(200)
  @ApiOkResponse({ type: QueueCheckView })
  @ApiErrors(503)
  @ApiOperation({
    operationId: 'checkQueue',
    summary: '任务队列往返检查（管理员）',
    description: '投递一个空任务并等待处理器完成，返回后端与往返耗时。',
  })
  async queueCheck(): Promise<QueueCheckView> {
    const roundTripMs = await this.monitor.echoRoundTrip(10_000);
    return { backend: this.config.queue.backend, roundTripMs };
  }

  /** The sealer's progress and the checkpoints: what an operator watches between `audit:verify` runs. */
  @Get('audit-chain')
  @ApiOkResponse({ type: AuditChainView })
  @ApiOperation({
    operationId: 'getAuditChainStatus',
    summary: '审计哈希链状态（管理员）',
    description: '链头、尚未封链的记录数与封链延迟、签名检查点；完整校验请在服务器上执行 npm run audit:verify。',
  })
  async auditChain(): Promise<AuditChainView> {
    const [{ head, lag }, { anchors }] = await Promise.all([this.sealer.status(), this.anchors.read()]);
    const latest = anchors.at(-1) ?? null;
    return {
      headSeq: head.seq,
      headHash: head.hash,
      headAlgorithm: head.alg,
      configuredAlgorithm: this.config.audit.hashAlgorithm,
      unsealed: lag.unsealed,
      oldestUnsealedSeconds: lag.oldestUnsealedSeconds,
      maxLagSeconds: this.config.audit.maxSealLagSeconds,
      anchors: anchors.length,
      latestAnchorSeq: latest?.seq ?? null,
      latestAnchorAt: latest?.at ?? null,
    };
  }
}
