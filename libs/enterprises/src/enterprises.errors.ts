import { defineErrors } from '@ff/core';

/** Errors of the enterprises context's 山区海岛县 list. */
export const EnterpriseErrors = defineErrors('enterprises', {
  not_a_county: {
    status: 400,
    message: (detail: string) => `${detail}；山区海岛县名单只收区县级行政区划代码`,
  },
  county_not_designated: { status: 404, message: (name: string) => `“${name}”不在山区海岛县名单中` },
});
