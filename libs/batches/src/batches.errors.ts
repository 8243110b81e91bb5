import { defineErrors } from '@ff/core';
import { TIER_NAMES } from '@ff/rules';
import type { BatchStatus } from './entities/batch.entity';
import { BATCH_STATUS_NAMES } from './batch.state-machine';

/** Errors of batches: their settings, and whether one accepts a submission. */
export const BatchErrors = defineErrors('batches', {
  timezone_required: {
    status: 400,
    message: (field: string) => `字段“${field}”须带时区，如 2026-03-01T09:00:00+08:00`,
  },
  unknown_rule_set: { status: 400, message: (version: string) => `规则版本“${version}”不存在` },
  batch_code_taken: { status: 409, message: (code: string) => `批次编号“${code}”已存在` },
  invalid_window: { status: 400, message: () => '申报截止时间须晚于开始时间' },
  batch_not_editable: {
    status: 409,
    message: (status: BatchStatus, closeMovedEarlier = false) =>
      closeMovedEarlier
        ? '批次开放后只能延长、不能提前申报截止时间'
        : `批次当前状态为“${BATCH_STATUS_NAMES[status]}”，${status === 'open' ? '仅可延长申报截止时间' : '不可修改'}`,
  },
  batch_not_open: {
    status: 409,
    message: (title: string, status: BatchStatus) =>
      `申报批次“${title}”${status === 'draft' ? '尚未开放申报' : '已截止申报'}`,
  },
  outside_submission_window: {
    status: 409,
    message: (opens: string, closes: string) => `不在申报时间内（申报时间：${opens} 至 ${closes}，北京时间）`,
  },
  tier_not_offered: {
    status: 400,
    message: (tier: string) => `本批次不受理“${(TIER_NAMES as Record<string, string>)[tier] ?? tier}”申报`,
  },
});
