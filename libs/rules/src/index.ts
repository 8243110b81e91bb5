/**
 * Rules: the province's requirements document as versioned data (tables 1–15), and the pure
 * functions that judge against it — 形式审查 (pre-check), construction-type classification
 * (table 15) and expert-score aggregation. No Nest, no database, no I/O.
 */
export * from './catalog/catalog.types';
export {
  type RuleSet,
  CURRENT_RULE_SET_VERSION,
  listRuleSetVersions,
  findRuleSet,
  getRuleSet,
  clausesFor,
  tierScope,
  describeClause,
  exportCatalog,
} from './catalog/rule-sets';
export * from './precheck/precheck.policy';
export * from './precheck/findings';
export * from './precheck/precheck.evaluator';
export * from './classification/construction-type.classifier';
export * from './scoring/scoring.policy';
export * from './scoring/scoring.aggregator';
export { shown } from './display';
export * from './scoring/supported-tier';
