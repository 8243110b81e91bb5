import { defineErrors } from './error-table';

/**
 * The generic refusal of access, shared by every context: the route's roles exclude the caller
 * (the role guard, and a service's own check of the same roles), or a context's policy refuses a
 * resource the caller may know exists (`AuthorizationService.deny` without hiding). A refusal a
 * person can act on — a missing jurisdiction, the wrong recommender level — has its own code in
 * its context's table.
 */
export const AccessErrors = defineErrors('access', {
  forbidden: {
    status: 403,
    message: (scope: 'role' | 'resource' = 'resource') =>
      scope === 'role' ? '当前角色无权执行此操作' : '无权执行此操作',
  },
});
