import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReviewRound } from '../entities/review-round.entity';

export const ROUND_STATUS_NAMES = { draft: '分配中', published: '已发布', closed: '已结束' } as const;

export class RoundView {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['draft', 'published', 'closed'] }) status: string;
  @ApiProperty() statusName: string;
  @ApiProperty({ type: [String] }) applicationIds: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) panelSizes: Record<string, number>;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) closesAt: Date;
  @ApiProperty({ type: [Number] }) reminderHours: number[];
  @ApiProperty() acceptWithinHours: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '回避规则（策略数据）' })
  conflictPolicy: object;
  @ApiProperty({ description: '最新请求的预览版本' }) previewRun: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '已生成的预览版本' }) previewReady: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty() version: number;
}

export class PreviewView {
  @ApiProperty() run: number;
  @ApiProperty({ type: String, format: 'date-time' }) computedAt: string;
  @ApiProperty({ description: '是否为最新请求的版本（否则新的分配仍在计算）' }) current: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '每项分配及理由（能力域、主要/次要、负载、成本）',
  })
  assignments: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '未能分配的席位及清空候选人的约束',
  })
  unfilled: object[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) loads: object[];
  @ApiProperty({ description: '最大负载率' }) maxLoadRatio: number;
  @ApiProperty({ description: '最大负载率的下界（最大流可行性检验）' }) maxLoadLowerBound: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) stats: object;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: '人工调整记录' })
  adjustments: object[];
}

export class RoundProgressView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: '各状态任务数' })
  byStatus: Record<string, number>;
  @ApiProperty({ description: '逾期未提交的任务数' }) overdue: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '每位专家的负载与完成',
  })
  experts: object[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '每份申报的完成情况',
  })
  applications: object[];
}

export const toRoundView = (r: ReviewRound): RoundView => ({
  id: r.id,
  batchId: r.batchId,
  title: r.title,
  status: r.status,
  statusName: ROUND_STATUS_NAMES[r.status],
  applicationIds: r.applicationIds,
  panelSizes: r.panelSizes,
  startsAt: r.startsAt,
  dueAt: r.dueAt,
  closesAt: r.closesAt,
  reminderHours: r.reminderHours,
  acceptWithinHours: r.acceptWithinHours,
  conflictPolicy: r.conflictPolicy,
  previewRun: r.previewRun,
  previewReady: r.preview?.run ?? null,
  publishedAt: r.publishedAt,
  version: r.version,
});
