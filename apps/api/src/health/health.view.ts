import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthIndicatorView {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ description: '队列后端：redis 或 postgres' }) backend?: string;
  @ApiPropertyOptional({ description: '失败原因' }) message?: string;
}

export class HealthChecksView {
  @ApiProperty({ type: HealthIndicatorView }) database: HealthIndicatorView;
  @ApiProperty({ type: HealthIndicatorView }) queue: HealthIndicatorView;
  @ApiProperty({ type: HealthIndicatorView }) disk: HealthIndicatorView;
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
