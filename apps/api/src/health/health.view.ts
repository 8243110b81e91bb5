import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthIndicatorView {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ description: '队列后端：redis 或 postgres' }) backend?: string;
  @ApiPropertyOptional({ description: '失败原因' }) message?: string;
  @ApiPropertyOptional({ type: 'integer', description: '审计：尚未封入哈希链的记录数' }) unsealed?: number;
  @ApiPropertyOptional({ description: '审计：最早一条未封链记录的等待秒数（封链延迟）' })
  oldestUnsealedSeconds?: number;
}

export class HealthChecksView {
  @ApiProperty({ type: HealthIndicatorView }) database: HealthIndicatorView;
  @ApiProperty({ type: HealthIndicatorView }) queue: HealthIndicatorView;
  @ApiProperty({ type: HealthIndicatorView }) disk: HealthIndicatorView;
  @ApiProperty({
    type: HealthIndicatorView,
    description: '审计哈希链的封链延迟；超过 AUDIT_SEAL_MAX_LAG_SECONDS 为 down',
  })
  audit: HealthIndicatorView;
}

/** Terminus' answer: 200 when every check is up, 503 with the same shape when one is down. */
export class HealthView {
  @ApiProperty({ enum: ['ok', 'error'] }) status: string;
  @ApiProperty({ type: HealthChecksView, description: '正常的检查项' }) info: HealthChecksView;
  @ApiProperty({ type: HealthChecksView, description: '失败的检查项' }) error: HealthChecksView;
  @ApiProperty({ type: HealthChecksView, description: '全部检查项' }) details: HealthChecksView;
}

export class QueueCheckView {
  @ApiProperty({ enum: ['redis', 'postgres'], description: '队列后端' }) backend: string;
  @ApiProperty({ type: 'integer', description: '投递到处理完成的往返毫秒数' }) roundTripMs: number;
}

export class AuditChainView {
  @ApiProperty({ description: '链头的序号（已封链的记录数）', example: '1024' }) headSeq: string;
  @ApiProperty({ nullable: true, type: String, description: '链头的哈希' }) headHash: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['sha256', 'sm3'], description: '链头的哈希算法' })
  headAlgorithm: string | null;
  @ApiProperty({ enum: ['sha256', 'sm3'], description: '此后封链使用的哈希算法（AUDIT_HASH_ALGORITHM）' })
  configuredAlgorithm: string;
  @ApiProperty({ type: 'integer', description: '尚未封链的记录数' }) unsealed: number;
  @ApiProperty({ description: '最早一条未封链记录的等待秒数' }) oldestUnsealedSeconds: number;
  @ApiProperty({ type: 'integer', description: '允许的最大封链延迟（秒）' }) maxLagSeconds: number;
  @ApiProperty({ type: 'integer', description: '检查点文件中的检查点数' }) anchors: number;
  @ApiProperty({ nullable: true, type: String, description: '最新检查点记录到的序号' }) latestAnchorSeq: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: '最新检查点的时间' })
  latestAnchorAt: string | null;
}
