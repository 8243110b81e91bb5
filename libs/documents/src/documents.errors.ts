import { defineErrors } from '@ff/core';

/** Every error the documents context raises (certificates, assessment reports, exports). */
export const DocumentErrors = defineErrors('documents', {
  report_not_available: {
    status: 409,
    message: () => '该申报尚无专家评审结果，不能生成评估报告',
  },
  report_not_released: {
    status: 409,
    message: () => '认定决定作出前，评估报告仅供省级主管部门查阅',
  },
});
