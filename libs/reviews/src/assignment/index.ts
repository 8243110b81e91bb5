/**
 * Expert assignment, the pure core: conflict rules, a min-cost-flow solver with the maximum-load
 * lower bound, and the explanations of every choice and every empty slot. No Nest, no I/O —
 * the reviews service loads the candidates, calls `solveAssignment`, and stores the result.
 */
export * from './types';
export {
  CONFLICT_RULES,
  type ConflictContext,
  type ConflictRule,
  findConflicts,
  firstConflict,
  manualConflictIndex,
} from './conflict-rules';
export { isAvailable, employerKeyOf } from './candidates';
export { solveAssignment } from './solver';
