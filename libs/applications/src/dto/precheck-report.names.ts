import {
  CLAUSE_STATUS_NAMES,
  DIMENSION_NAMES,
  DIMENSION_OUTCOME_NAMES,
  type EligibilityReport,
  FIT_VERDICT_NAMES,
  type Finding,
  INDUSTRY_NAMES,
  OBLIGATION_NAMES,
  PRECHECK_VERDICT_NAMES,
  type PrecheckReport,
  SEVERITY_NAMES,
  TIER_NAMES,
} from '@ff/rules';
import type { PrecheckReportView } from './precheck-report.view';

/*
 * The pre-check report as answered: every enum code with its Chinese label beside it (`severity` →
 * `severityName` …), the labels taken from the rules library's name maps and the catalog's
 * construction-type names. Added when a report is read, so reports stored before carry them too.
 */

const nameOf = <K extends string>(names: Record<K, string>, code: K | null | undefined): string | null =>
  code ? (names[code] ?? null) : null;

const namedFinding = (f: Finding) => ({ ...f, severityName: SEVERITY_NAMES[f.severity] });

export function namedPrecheckReport(report: PrecheckReport & { eligibility?: EligibilityReport }): PrecheckReportView {
  const cls = report.constructionType;
  // Every construction type of the rule set is assessed, under the catalog's name.
  const typeName = (code: string | null) => (code ? (cls?.types.find((t) => t.code === code)?.name ?? null) : null);
  const { eligibility, ...rest } = report;
  return {
    ...rest,
    tierName: nameOf(TIER_NAMES, report.tier),
    industryName: nameOf(INDUSTRY_NAMES, report.industry),
    verdictName: PRECHECK_VERDICT_NAMES[report.verdict],
    findings: report.findings.map(namedFinding),
    subdomains: report.subdomains.map((s) => ({
      ...s,
      clauses: s.clauses.map((c) => ({
        ...c,
        obligationName: OBLIGATION_NAMES[c.obligation],
        statusName: nameOf(CLAUSE_STATUS_NAMES, c.status),
      })),
    })),
    highestSupportedTierName: nameOf(TIER_NAMES, report.highestSupportedTier),
    constructionType: cls
      ? {
          ...cls,
          types: cls.types.map((t) => ({
            ...t,
            verdictName: FIT_VERDICT_NAMES[t.verdict],
            dimensions: t.dimensions.map((d) => ({
              ...d,
              dimensionName: DIMENSION_NAMES[d.dimension],
              outcomeName: DIMENSION_OUTCOME_NAMES[d.outcome],
            })),
          })),
          bestFitNames: cls.bestFit.map((code) => typeName(code) ?? code),
          declaredTypeName: typeName(cls.declaredType),
        }
      : null,
    ...(eligibility && {
      eligibility: {
        ...eligibility,
        tierName: TIER_NAMES[eligibility.tier],
        findings: eligibility.findings.map(namedFinding),
        supportedTierNames: eligibility.supportedTiers.map((t) => TIER_NAMES[t]),
        highestSupportedTierName: nameOf(TIER_NAMES, eligibility.highestSupportedTier),
      },
    }),
  };
}
