import { defineErrors } from '@ff/core';

/** Every error the reviews context raises (expert pool, rounds, assignment, tasks, sheets, results). */
export const ReviewErrors = defineErrors('reviews', {
  expert_inactive: { status: 409, message: (name: string) => `专家“${name}”已停用` },
  expert_import_invalid: {
    status: 400,
    message: (n: number) => `专家名单有 ${n} 处错误，未导入任何专家，请修改后重新上传`,
  },
  expert_import_unreadable: { status: 400, message: () => '无法读取上传的文件，请使用专家名单模板（.xlsx）' },
  expert_import_empty: { status: 400, message: () => '专家名单中没有数据行' },
  expert_import_too_many_rows: { status: 400, message: (max: number) => `专家名单一次最多导入 ${max} 行` },
  round_not_draft: {
    status: 409,
    message: (status: string) => `评审轮次当前状态为“${status}”，分配已发布，不能再调整`,
  },
  round_application_ineligible: {
    status: 400,
    message: (id: string) => `申报 ${id} 不是本批次中“市级已推荐”的申报`,
  },
  round_no_applications: { status: 400, message: () => '本批次没有可评审的“市级已推荐”申报' },
  round_application_taken: {
    status: 409,
    message: (id: string) => `申报 ${id} 已在另一评审轮次中`,
  },
  round_dates_invalid: {
    status: 400,
    message: () => '评审日期应满足：开始时间 < 建议完成时间（dueAt）≤ 截止时间（closesAt）',
  },
  round_unfilled_reason_required: {
    status: 400,
    message: () => '未满员发布须填写理由（unfilledReason，不少于 5 个字）',
  },
  round_preview_missing: { status: 409, message: () => '尚未生成分配预览，请先运行分配' },
  round_preview_stale: {
    status: 409,
    message: (run: number) => `分配预览已更新（当前为第 ${run} 版），请刷新后再操作`,
  },
  round_unfilled: {
    status: 409,
    message: (n: number) =>
      `仍有 ${n} 个评审席位未分配，请手工补充后再发布；如确需先行发布，请确认未满员（allowUnfilled）并填写理由`,
  },
  assignment_override_reason_required: {
    status: 400,
    message: (conflicts: string) => `该专家存在回避情形（${conflicts}），强制分配须填写理由（overrideReason）`,
  },
  assignment_not_eligible: { status: 409, message: (why: string) => why },
  assignment_not_found: { status: 404, message: () => '分配预览中没有该专家的这项任务' },
  /** The guard of declining and reopening a task (its code is the state machine guard's). */
  task_reason_required: {
    status: 400,
    message: (event: string, min: number) => `“${event}”须填写不少于 ${min} 个字的理由`,
  },
  sheet_expert_only: { status: 403, message: () => '评分只能由评审专家填写' },
  sheet_subdomain_not_in_task: {
    status: 400,
    message: (no: number) => `能力子域 ${no} 不属于本任务的能力域`,
  },
  sheet_clause_unknown: { status: 400, message: (id: string) => `条款“${id}”不属于本能力子域的评价条款` },
  sheet_score_off_scale: {
    status: 400,
    message: (value: unknown, scale: string) => `评分 ${String(value)} 不在评分档位（${scale}）内`,
  },
  sheet_incomplete: { status: 400, message: (n: number) => `评分表尚有 ${n} 处未完成，不能提交` },
  result_not_divergent: { status: 409, message: () => '该评审结果没有待处理的分歧' },
  result_not_found: { status: 404, message: () => '评审结果尚未生成' },
  invalid_subdomain_no: { status: 400, message: () => '能力子域编号应为整数' },
});
