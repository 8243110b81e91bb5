import { defineErrors } from '@ff/core';

/** Every error the designations context raises (decisions, calendar, 公示, objections, designations). */
export const DesignationErrors = defineErrors('designations', {
  decision_no_final_result: { status: 409, message: () => '该申报尚无已定稿的专家评审结果，不能提出认定意见' },
  decision_tier_required: { status: 400, message: (what: string) => `${what}须指定层级（tier）` },
  decision_tier_not_allowed: { status: 400, message: (what: string) => `${what}不指定层级` },
  decision_tier_not_lower: {
    status: 400,
    message: (applied: string) => `降级认定的层级应低于申报层级“${applied}”`,
  },
  decision_tier_not_supported: {
    status: 409,
    message: (tier: string, why: string) => `专家评分不支持认定为“${tier}”：${why}`,
  },
  decision_reason_invalid: {
    status: 400,
    message: (code: string, outcome: string) => `理由代码“${code}”不适用于“${outcome}”`,
  },
  decision_exists: {
    status: 409,
    message: (status: string) => `该申报已有生效的认定意见（${status}），不能重复提出`,
  },
  decision_pending: { status: 409, message: () => '该申报已有待确认的认定意见，请先由另一名工作人员确认' },
  decision_not_proposed: {
    status: 409,
    message: (status: string) => `认定意见当前状态为“${status}”，不能确认`,
  },
  decision_same_official: {
    status: 403,
    message: () => '认定意见须由提出人以外的另一名工作人员确认（双人复核）',
  },
  decision_bulk_refused: {
    status: 400,
    message: (n: number) => `有 ${n} 项不能办理，本次批量操作未生效，请查看逐项说明`,
  },
  calendar_invalid: { status: 400, message: (n: number) => `节假日数据有 ${n} 处错误` },
  publicity_nothing_to_publish: { status: 409, message: () => '没有可公示的已确认认定意见（仅认定类意见进入公示）' },
  publicity_closed: { status: 409, message: () => '公示期已结束，不再受理异议' },
  objection_anonymous: { status: 400, message: () => '不受理匿名异议，请填写真实姓名、单位和联系方式' },
  objection_invalid: { status: 400, message: (n: number) => `异议有 ${n} 处填写不完整` },
  objection_attachments_full: { status: 409, message: (n: number) => `每项异议最多上传 ${n} 个附件` },
  objection_not_open: { status: 409, message: (status: string) => `该异议已处理（${status}）` },
  objection_rate_limited: {
    status: 429,
    message: (seconds: number) => `提交异议过于频繁，请 ${seconds} 秒后再试`,
  },
  onsite_not_deferred: { status: 409, message: () => '该申报没有“暂缓，待现场核查”的已确认认定意见' },
  onsite_exists: { status: 409, message: () => '该认定意见已安排现场核查' },
  onsite_team_conflict: { status: 409, message: (n: number) => `核查组有 ${n} 名专家需回避或不可用，请调整` },
  onsite_not_team: { status: 403, message: () => '仅核查组专家可记录核查发现' },
  onsite_concluded: { status: 409, message: () => '现场核查已形成结论，不能再修改' },
  onsite_clause_unknown: { status: 400, message: (n: number) => `有 ${n} 个条款不属于该申报层级的评价条款` },
  onsite_pending: { status: 409, message: () => '现场核查尚未形成结论，暂不能重新提出认定意见' },
  designation_not_re_reviewable: {
    status: 409,
    message: (status: string) => `认定当前状态为“${status}”，不能启动复核`,
  },
  designation_not_under_re_review: { status: 409, message: () => '该认定不在复核中' },
  designation_re_review_in_round: {
    status: 409,
    message: () => '该认定正在复核评审轮次中，复核结论须依据专家评审结果提出，并由另一名工作人员确认',
  },
  re_review_nothing_due: {
    status: 409,
    message: (dueBy: string) => `本批次没有有效期在 ${dueBy} 前届满的有效认定，无需复核`,
  },
  re_review_designation_ineligible: {
    status: 400,
    message: (id: string, dueBy: string) => `认定 ${id} 不是本批次中有效期在 ${dueBy} 前届满的有效认定`,
  },
  re_review_designation_taken: {
    status: 409,
    message: () => '所选认定已不是“有效”状态（可能已在另一复核轮次中），请重新选择',
  },
  re_review_not_in_round: { status: 409, message: () => '该认定不在复核评审轮次中' },
  re_review_result_pending: {
    status: 409,
    message: () => '该认定的复核评审尚无已定稿的专家评审结果，不能提出复核结论',
  },
  re_review_not_supported: {
    status: 409,
    message: (tier: string, why: string) => `复核评分不支持维持“${tier}”认定：${why}`,
  },
  re_review_outcome_exists: {
    status: 409,
    message: (status: string) => `该认定在本轮复核中已有复核结论（${status}）`,
  },
  re_review_outcome_same_official: {
    status: 403,
    message: () => '复核结论须由提出人以外的另一名工作人员确认（双人复核）',
  },
  re_review_outcome_not_proposed: {
    status: 409,
    message: (status: string) => `复核结论当前状态为“${status}”，不能确认`,
  },
  designation_not_revocable: {
    status: 409,
    message: (status: string) => `认定当前状态为“${status}”，不能撤销`,
  },
  round_result_basis_locked: {
    status: 409,
    message: (n: number) => `已有 ${n} 项认定意见或复核结论依据本轮评审结果提出，结果采用的评分不能再更改`,
  },
  /** Without bounds: not an integer. */
  invalid_year: {
    status: 400,
    message: (min?: number, max?: number) => (min === undefined ? '年份应为整数' : `年份应在 ${min} 至 ${max} 之间`),
  },
});
