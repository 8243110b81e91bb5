import { defineErrors } from '@ff/core';

/** Errors of the enterprises context: registration and the 山区海岛县 list. */
export const EnterpriseErrors = defineErrors('enterprises', {
  not_a_county: {
    status: 400,
    message: (detail: string) => `${detail}；山区海岛县名单只收区县级行政区划代码`,
  },
  county_not_designated: { status: 404, message: (name: string) => `“${name}”不在山区海岛县名单中` },
  /** The reason comes from `validateCreditCode` (length, characters, check digit). */
  invalid_credit_code: { status: 400, message: (reason: string) => reason },
  credit_code_taken: { status: 409, message: (code: string) => `统一社会信用代码“${code}”已登记，请勿重复登记` },
  enterprise_not_registered: { status: 400, message: () => '请先登记企业信息' },
  /** Fields other contexts rely on (the county decides who recommends) — changed by the province only. */
  enterprise_field_province_only: { status: 403, message: (name: string) => `${name}登记后仅可由省级主管部门修改` },
});
