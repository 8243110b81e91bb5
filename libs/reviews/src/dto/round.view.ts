import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNFILLED_REASON_CODES, type UnfilledSlot } from '../assignment';
import { ROUND_KINDS, ROUND_KIND_NAMES, type ReviewRound } from '../entities/review-round.entity';
import { RESULT_BASES, RESULT_BASIS_NAMES } from '../calibration';

export const ROUND_STATUS_NAMES = { draft: '分配中', published: '已发布', closed: '已结束' } as const;

/** A slot left empty, and the constraint that emptied its candidate list. */
export class UnfilledSlotView {
  @ApiProperty({ description: '任务（申报~能力域）' }) taskId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: '能力域代码' }) domain: string;
  @ApiProperty({ description: '每个任务的专家人数' }) panelSize: number;
  @ApiProperty({ description: '空缺人数' }) missing: number;
  @ApiProperty({ enum: UNFILLED_REASON_CODES, description: '清空候选人的约束' }) reason: string;
  @ApiProperty({ description: '原因说明' }) message: string;
}

export const toUnfilledSlotView = (u: UnfilledSlot): UnfilledSlotView => ({
  taskId: u.taskId,
  applicationId: u.applicationId,
  domain: u.domain,
  panelSize: u.panelSize,
  missing: u.missing,
  reason: u.reason,
  message: u.message,
});

export class RoundView {
  @ApiProperty() id: string;
  @ApiProperty() batchId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ROUND_KINDS, description: 'initial 认定评审 / re_review 复核评审（有效期届满前的认定）' })
  kind: string;
  @ApiProperty() kindName: string;
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
  @ApiProperty({ enum: RESULT_BASES, description: '遴选决定与评审报告采用的评分' }) resultBasis: string;
  @ApiProperty({ description: '原始评分 / 宽严度校准后评分' }) resultBasisName: string;
  @ApiProperty({ description: '最新请求的预览版本' }) previewRun: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: '已生成的预览版本' }) previewReady: number | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({
    type: [UnfilledSlotView],
    description: '经确认未满员发布时的未分配席位及原因（发布请求的响应中为将随之发布的未分配席位）',
  })
  unfilledSlots: UnfilledSlotView[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '未满员发布的理由' })
  unfilledReason: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: '发布时为每个任务（申报~能力域）预留的候补专家编号，按优先顺序；改派时优先使用',
  })
  alternates: Record<string, string[]>;
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
  kind: r.kind,
  kindName: ROUND_KIND_NAMES[r.kind],
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
  resultBasis: r.resultBasis,
  resultBasisName: RESULT_BASIS_NAMES[r.resultBasis],
  previewRun: r.previewRun,
  previewReady: r.preview?.run ?? null,
  publishedAt: r.publishedAt,
  unfilledSlots: (r.unfilledSlots ?? []).map(toUnfilledSlotView),
  unfilledReason: r.unfilledReason ?? null,
  alternates: Object.fromEntries(Object.entries(r.alternates ?? {}).map(([k, v]) => [k, v.map((a) => a.expertId)])),
  version: r.version,
});
