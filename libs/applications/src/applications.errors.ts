import { defineErrors } from '@ff/core';
import { APPLICATION_STATUS_NAMES, type ApplicationStatus } from './application.state-machine';

/** Errors of an application's draft: creating it, editing it, writing it concurrently. */
export const ApplicationErrors = defineErrors('applications', {
  application_exists: {
    status: 409,
    message: (batchCode: string) => `本企业已在批次“${batchCode}”中创建过申报，每个批次只能申报一次`,
  },
  application_not_editable: {
    status: 409,
    message: (status: ApplicationStatus, action = '修改') =>
      `申报当前状态为“${APPLICATION_STATUS_NAMES[status]}”，仅草稿或已退回的申报可以${action}`,
  },
  /** Another write moved the application between reading and writing it (a compare-and-set lost). */
  application_changed: {
    status: 409,
    message: (retry: string) => `申报刚被修改，${retry}`,
  },
});
