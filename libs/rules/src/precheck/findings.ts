/** Every finding the pre-check can raise: a stable code, its severity, what it means. */
export const FINDING_CODES = {
  'submission.invalid': { severity: 'error', meaning: '申报内容格式不正确' },
  'rule_set.unknown': { severity: 'error', meaning: '规则版本不存在' },
  'declaration.missing': { severity: 'error', meaning: '必选条款未填写自评' },
  'declaration.recommended_missing': { severity: 'warning', meaning: '推荐条款未填写自评' },
  'declaration.not_met': { severity: 'error', meaning: '必选条款自评为不满足' },
  'declaration.partial': { severity: 'error', meaning: '必选条款自评为部分满足（策略不接受）' },
  'evidence.missing': { severity: 'error', meaning: '缺少佐证材料' },
  'narrative.too_short': { severity: 'error', meaning: '自评说明过短' },
  'clause.other_industry': { severity: 'error', meaning: '条款不适用于本企业行业类型' },
  'clause.unknown': { severity: 'error', meaning: '条款编号不存在' },
  'clause.duplicate': { severity: 'error', meaning: '同一条款重复填写' },
  'clause.not_in_tier': { severity: 'error', meaning: '条款不属于申报等级' },
  'construction_type.missing': { severity: 'error', meaning: '未来工厂未选择建设类型' },
  'construction_type.unsupported': { severity: 'error', meaning: '所选建设类型与表15要求不符' },
  'construction_type.undetermined': { severity: 'warning', meaning: '建设类型所需事实不全，待专家核实' },
  'construction_type.not_applicable': { severity: 'warning', meaning: '非未来工厂申报无需选择建设类型' },
} as const;

/** The eligibility thresholds of the batch's notice (see eligibility/eligibility.evaluator.ts). */
export const ELIGIBILITY_FINDING_CODES = {
  'eligibility.fact_missing': { severity: 'error', meaning: '申报条件事项未填写' },
  'eligibility.evidence_missing': { severity: 'error', meaning: '申报条件事项缺少佐证材料' },
  'eligibility.digital_level_below': { severity: 'error', meaning: '数字化水平低于申报要求' },
  'eligibility.investment_below': { severity: 'error', meaning: '软硬件投资额低于申报要求' },
  'eligibility.credit_below': { severity: 'error', meaning: '信用等级低于申报要求' },
  'eligibility.violation': { severity: 'error', meaning: '近年内存在违法违规情况' },
  'eligibility.not_independent': { severity: 'error', meaning: '申报主体不是独立法人' },
  'eligibility.completion_late': { severity: 'error', meaning: '项目建成或投产时间晚于要求' },
} as const;

const ALL_FINDING_CODES = { ...FINDING_CODES, ...ELIGIBILITY_FINDING_CODES };

/** The clause findings; the eligibility findings have their own table. */
export type FindingCode = keyof typeof FINDING_CODES;
export type EligibilityFindingCode = keyof typeof ELIGIBILITY_FINDING_CODES;
export type Severity = 'error' | 'warning';
export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '提示' };

export interface Finding {
  code: FindingCode | EligibilityFindingCode;
  severity: Severity;
  message: string;
  /** Where in the submission, e.g. `declarations[3].status`. */
  path?: string;
  clauseId?: string;
  subdomainNo?: number;
}

export function finding(
  code: FindingCode | EligibilityFindingCode,
  message: string,
  where: Omit<Finding, 'code' | 'severity' | 'message'> = {},
): Finding {
  return { code, severity: ALL_FINDING_CODES[code].severity, message, ...where };
}
