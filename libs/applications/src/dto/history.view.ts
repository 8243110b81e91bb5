import { ApiProperty } from '@nestjs/swagger';
import { ROLE_NAMES } from '@ff/core';
import type { AuditEvent } from '@ff/audit';
import { APPLICATION_EVENT_NAMES, APPLICATION_STATUS_NAMES, ApplicationStatus } from '../application.state-machine';

/** Actions of the audit log the history view shows, in Chinese. */
export const HISTORY_ACTION_NAMES: Record<string, string> = {
  'application.created': '创建申报',
  'application.updated': '修改申报信息',
  'application.self_assessment_saved': '保存自评',
  'application.evidence_uploaded': '上传佐证材料',
  'application.evidence_deleted': '删除佐证材料',
  'application.precheck_stale': '形式审查完成（该次提交已被替代，状态不变）',
  'application.recommendation_reranked': '调整推荐优先顺序',
  ...Object.fromEntries(Object.entries(APPLICATION_EVENT_NAMES).map(([event, name]) => [`application.${event}`, name])),
};

export class HistoryEntryView {
  @ApiProperty({ format: 'date-time', description: 'UTC' }) at: Date;
  @ApiProperty({ type: String, nullable: true, description: '操作角色（system 为系统）' }) actorRole: string | null;
  @ApiProperty({ example: '县级推荐单位' }) actorRoleName: string;
  @ApiProperty({ example: 'application.submit' }) action: string;
  @ApiProperty({ example: '提交申报' }) actionName: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) fromStatusName: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatus: string | null;
  @ApiProperty({ type: String, nullable: true }) toStatusName: string | null;
  @ApiProperty({ type: String, nullable: true, description: '意见或理由' }) comment: string | null;
}
export type HistoryEntry = HistoryEntryView;

const statusName = (s: unknown) =>
  typeof s === 'string' && s in APPLICATION_STATUS_NAMES ? APPLICATION_STATUS_NAMES[s as ApplicationStatus] : null;

function roleName(role: string | null): string {
  if (role === 'system') return '系统';
  if (!role) return '未知';
  return (ROLE_NAMES as Record<string, string>)[role] ?? role;
}

export function toHistoryEntry(e: Pick<AuditEvent, 'occurredAt' | 'actorRole' | 'action' | 'before' | 'after'>) {
  const before = e.before as Record<string, unknown> | null;
  const after = e.after as Record<string, unknown> | null;
  const from = (before?.status as string | undefined) ?? null;
  const to = (after?.status as string | undefined) ?? null;
  return {
    at: e.occurredAt,
    actorRole: e.actorRole,
    actorRoleName: roleName(e.actorRole),
    action: e.action,
    actionName: HISTORY_ACTION_NAMES[e.action] ?? e.action,
    fromStatus: from,
    fromStatusName: statusName(from),
    toStatus: to,
    toStatusName: statusName(to),
    comment: (after?.comment as string | undefined) ?? null,
  } satisfies HistoryEntry;
}
