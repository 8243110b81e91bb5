import { defineErrors } from '@ff/core';

/** Errors of region codes, wherever one is entered (an enterprise's county, an account's jurisdiction). */
export const RegionErrors = defineErrors('regions', {
  /** The reason comes from `validateRegionCode`: not six digits, not in Zhejiang, or the wrong level. */
  invalid_region_code: { status: 400, message: (reason: string) => reason },
});
