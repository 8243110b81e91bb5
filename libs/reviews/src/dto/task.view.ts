import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, normalizeText } from '@ff/core';
import type { ReviewTask } from '../entities/review-task.entity';
import { REVIEW_TASK_STATUSES, REVIEW_TASK_STATUS_NAMES } from '../review-task.state-machine';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeText(value) : value);

export class DeclineDto {
  @ApiProperty({ description: '谢绝理由（不少于 5 个字）' })
  @Transform(trim)
  @IsString()
  @Length(5, 1000)
  reason: string;
  @ApiPropertyOptional({ description: '因新发现的利害关系谢绝：记为该专家对该企业的回避' })
  @IsOptional()
  @IsBoolean()
  conflict?: boolean;
}

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ description: '评审轮次（省级主管部门）' }) @IsOptional() @IsUUID('4') roundId?: string;
  @ApiPropertyOptional({ enum: REVIEW_TASK_STATUSES }) @IsOptional() @IsIn(REVIEW_TASK_STATUSES) status?: string;
}

export class TaskView {
  @ApiProperty() id: string;
  @ApiProperty() roundId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ description: '能力域代码' }) domainCode: string;
  @ApiProperty() domainName: string;
  @ApiProperty() expertId: string;
  @ApiProperty({ enum: REVIEW_TASK_STATUSES }) status: string;
  @ApiProperty() statusName: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '分配理由' }) explanation: object;
  @ApiProperty({ type: String, format: 'date-time' }) acceptBy: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) declineReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reopenNote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) replacesTaskId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) overdueAt: Date | null;
  @ApiProperty() version: number;
}

export class TaskPage {
  @ApiProperty({ type: [TaskView] }) items: TaskView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toTaskView = (t: ReviewTask, domainName: string): TaskView => ({
  id: t.id,
  roundId: t.roundId,
  applicationId: t.applicationId,
  domainCode: t.domainCode,
  domainName,
  expertId: t.expertId,
  status: t.status,
  statusName: REVIEW_TASK_STATUS_NAMES[t.status],
  explanation: t.explanation,
  acceptBy: t.acceptBy,
  declineReason: t.declineReason,
  reopenNote: t.reopenNote,
  replacesTaskId: t.replacesTaskId,
  submittedAt: t.submittedAt,
  overdueAt: t.overdueAt,
  version: t.version,
});
