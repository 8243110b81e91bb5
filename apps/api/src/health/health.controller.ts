import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  DiskHealthIndicator,
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AuditSealer } from '@ff/audit';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { Public } from '@ff/identity';
import { QueueService } from '@ff/queue';
import { HealthView } from './health.view';

@ApiTags('运行状态')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly disk: DiskHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: QueueService,
    private readonly sealer: AuditSealer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    operationId: 'checkHealth',
    summary: '健康检查：数据库、任务队列（Redis 或 PostgreSQL 后端）、磁盘、审计封链延迟',
  })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: '有检查项失败（同样的结构，status 为 error）' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      async () => {
        const indicator = this.indicators.check('queue');
        const backend = this.config.queue.backend;
        return (await this.queues.ping()) ? indicator.up({ backend }) : indicator.down({ backend });
      },
      () => this.disk.checkStorage('disk', { path: this.config.dataDir, thresholdPercent: 0.98 }),
      async () => {
        const indicator = this.indicators.check('audit');
        const lag = await this.sealer.lag().catch(() => null);
        if (!lag) return indicator.down({ message: '无法读取审计封链状态' });
        return lag.oldestUnsealedSeconds > this.config.audit.maxSealLagSeconds
          ? indicator.down({ ...lag, message: '审计记录长时间未封入哈希链：封链进程（worker）可能未运行' })
          : indicator.up({ ...lag });
      },
    ]);
  }
}
