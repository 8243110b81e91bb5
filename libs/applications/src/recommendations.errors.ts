import { defineErrors } from '@ff/core';

/** Errors of ranked recommendation and quotas (属地推荐名额、优先顺序). */
export const RecommendationErrors = defineErrors('recommendations', {
  /** A recommender account without a county or city jurisdiction (e.g. the province's). */
  recommender_level_required: {
    status: 403,
    message: (action: string) => `${action}须由县级或市级推荐单位账号办理`,
  },
  quota_exceeded: {
    status: 409,
    message: (region: string, tier: string, quota: number, count: number) =>
      `${region}“${tier}”的推荐名额为${quota}个，当前已推荐${count}个，不能再推荐；可先撤回或调整已有推荐`,
  },
  recommendation_not_found: {
    status: 409,
    message: (status: string) => `申报当前状态为“${status}”，本单位没有可调整或撤回的推荐`,
  },
  quota_region_invalid: {
    status: 400,
    message: (detail: string) => `${detail}；推荐名额按市级或区县级行政区划代码设置`,
  },
  quota_tier_not_offered: { status: 400, message: (tier: string) => `本批次不受理“${tier}”申报，不能为其设置名额` },
  quota_below_count: {
    status: 409,
    message: (quota: number, count: number) => `名额不能少于已推荐的数量（设置为${quota}个，已推荐${count}个）`,
  },
});
