import { defineErrors } from '@ff/core';

/** Errors of reapplication bans (限制申报), kept where applications are created. */
export const BanErrors = defineErrors('reapplication_bans', {
  application_banned: {
    status: 409,
    message: (endsOn: string, reason: string) =>
      `本企业因“${reason}”被限制申报，限制期至 ${endsOn}（含当日），期满后方可再次申报`,
  },
  ban_end_invalid: { status: 400, message: (today: string) => `限制申报的截止日期应为 ${today} 之后的有效日期` },
  ban_already_lifted: { status: 409, message: () => '该限制申报已解除' },
});
