import {
  type ClassificationResult,
  FIT_VERDICT_NAMES,
  DEFAULT_SCORING_POLICY,
  getRuleSet,
  type PrecheckReport,
  type ScoringPolicy,
  type ScoringResult,
  TIER_NAMES,
  type TierCode,
  INDUSTRY_NAMES,
  type IndustryMode,
} from '@ff/rules';
import { cityOf, findRegion } from '@ff/regions';
import { RESULT_BASIS_NAMES, type ResultBasis } from '@ff/reviews';

/**
 * Everything an assessment report prints, already in words: the renderer only lays it out, and
 * the hash of this object (canonical JSON) decides whether a stored PDF is still current.
 * Optional parts (the decision, on-site findings) are filled by the contexts that own them.
 */
export interface AssessmentReportInput {
  schema: 1;
  application: {
    id: string;
    batchCode: string;
    enterpriseName: string;
    creditCode: string;
    /** `杭州市 西湖区` */
    regionName: string;
    tier: TierCode;
    tierName: string;
    industryModeName: string;
    constructionTypeName: string | null;
    submittedAt: string;
    contentHash: string;
  };
  ruleSetVersion: string;
  scoring: {
    status: 'final' | 'divergent' | 'reconciling';
    computedAt: string;
    /** Which scores the figures are: 原始评分 or 宽严度校准后评分 (the round's result basis). */
    basisName: string;
    threshold: number;
    total: number;
    recommendation: 'pass' | 'fail';
    reasons: string[];
    highestTierName: string | null;
    elements: Array<{ name: string; score: number }>;
    domains: Array<{ code: string; name: string; score: number }>;
    subdomains: Array<{
      no: number;
      name: string;
      domainName: string;
      score: number;
      divergent: boolean;
      spread: number;
    }>;
    redLines: string[];
    /** How officials settled a divergent panel, in words. */
    resolution: string | null;
  } | null;
  precheck: {
    verdict: 'pass' | 'return';
    errors: number;
    warnings: number;
    mandatoryClauses: number;
    satisfiedMandatory: number;
    declaredClauses: number;
    highestSupportedTierName: string | null;
    findings: string[];
  } | null;
  classification: {
    declaredTypeName: string | null;
    declaredSupported: boolean | null;
    bestFitNames: string[];
    types: Array<{ name: string; verdictName: string; reasons: string[] }>;
  } | null;
  /** Expert comments, anonymised: 专家 A, B, C … in a fixed order; the clause text verbatim from the catalog. */
  comments: Array<{ expert: string; subdomain: string; clause: string; scoreLabel: string; comment: string }>;
  /** The designation decision, once one is taken (absent: “尚未作出认定决定”). */
  decision?: { outcome: string; tierName?: string | null; reasons: string[]; decidedAt: string } | null;
  /** On-site verification (现场核查), if any. */
  onSite?: {
    conclusion: string;
    date?: string | null;
    findings: Array<{ clause?: string | null; text: string }>;
  } | null;
}

/** What the reviews and applications contexts hold about one application, as the builder reads it. */
export interface ReportSources {
  applicationId: string;
  submission: {
    contentHash: string;
    submittedAt: Date | string;
    content: {
      batch: { code: string; ruleSetVersion: string };
      tier: string;
      industryMode: string;
      constructionType: string | null;
      enterprise: { name: string; creditCode: string; regionCode: string };
    };
    precheckReport: Record<string, unknown> | null;
  };
  result: {
    status: 'final' | 'divergent' | 'reconciling';
    computedAt: Date | string;
    /** The reading `result` is (the round's result basis, or raw where no adjusted one exists). */
    basis: ResultBasis;
    result: ScoringResult;
    highestTier: TierCode | null;
    resolution: { action: 'reconcile' | 'accept'; note: string } | null;
  } | null;
  policy?: ScoringPolicy;
  /** Submitted sheets of the panel: one per expert and sub-domain. */
  sheets: Array<{
    expertId: string;
    subdomainNo: number;
    scores: Record<string, { score: number | null; comment: string | null }>;
  }>;
  decision?: AssessmentReportInput['decision'];
  onSite?: AssessmentReportInput['onSite'];
}

const FINDINGS_SHOWN = 20;

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

/** Letters for anonymous experts: A … Z, then AA, AB … */
export function expertLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : expertLetter(Math.floor(i / 26) - 1) + expertLetter(i % 26);
}

export function regionName(code: string): string {
  const region = findRegion(code);
  const city = cityOf(code);
  if (!region) return code;
  return city && city.code !== region.code ? `${city.name} ${region.name}` : region.name;
}

/** The report's content from the stored facts: pure, so the same facts always give the same input (and hash). */
export function buildAssessmentReportInput(src: ReportSources): AssessmentReportInput {
  const c = src.submission.content;
  const ruleSet = getRuleSet(c.batch.ruleSetVersion);
  const tier = c.tier as TierCode;
  const typeName = (code: string | null) =>
    code ? (ruleSet.constructionTypes.find((t) => t.code === code)?.name ?? code) : null;
  const domainName = new Map(ruleSet.domains.map((d) => [d.code, d.name]));
  const policy = src.policy ?? DEFAULT_SCORING_POLICY;
  const scaleLabel = (v: number | null) =>
    v === null ? '不适用' : (policy.scale.find((s) => Math.abs(s.value - v) < 1e-9)?.label ?? String(v));

  const r = src.result;
  const scoring: AssessmentReportInput['scoring'] = r
    ? {
        status: r.status,
        computedAt: iso(r.computedAt),
        basisName: RESULT_BASIS_NAMES[r.basis],
        threshold: r.result.decision.threshold,
        total: r.result.total,
        recommendation: r.result.decision.recommendation,
        reasons: r.result.decision.reasons,
        highestTierName: r.highestTier ? TIER_NAMES[r.highestTier] : null,
        elements: r.result.elements.map((e) => ({ name: e.name, score: e.score })),
        domains: r.result.domains.map((d) => ({ code: d.code, name: d.name, score: d.score })),
        subdomains: r.result.subdomains.map((s) => ({
          no: s.no,
          name: s.name,
          domainName: domainName.get(s.domain) ?? s.domain,
          score: s.score,
          divergent: s.divergent,
          spread: s.spread,
        })),
        redLines: r.result.redLines.map((l) => l.message),
        resolution: r.resolution
          ? r.resolution.action === 'accept'
            ? `评审意见存在分歧，省级主管部门已确认采纳，理由：${r.resolution.note}`
            : `评审意见存在分歧，已退回相关专家重新评审，说明：${r.resolution.note}`
          : null,
      }
    : null;

  const report = src.submission.precheckReport as PrecheckReport | null;
  const precheck: AssessmentReportInput['precheck'] = report
    ? {
        verdict: report.verdict,
        errors: report.summary.errors,
        warnings: report.summary.warnings,
        mandatoryClauses: report.summary.mandatoryClauses,
        satisfiedMandatory: report.summary.satisfiedMandatory,
        declaredClauses: report.summary.declaredClauses,
        highestSupportedTierName: report.highestSupportedTier ? TIER_NAMES[report.highestSupportedTier] : null,
        findings: report.findings.slice(0, FINDINGS_SHOWN).map((f) => f.message),
      }
    : null;

  const cls: ClassificationResult | null = report?.constructionType ?? null;
  const classification: AssessmentReportInput['classification'] = cls
    ? {
        declaredTypeName: typeName(cls.declaredType),
        declaredSupported: cls.declaredSupported,
        bestFitNames: cls.bestFit.map((code) => typeName(code)!),
        types: cls.types.map((t) => ({
          name: t.name,
          verdictName: FIT_VERDICT_NAMES[t.verdict],
          reasons: t.dimensions.map((d) => d.reason),
        })),
      }
    : null;

  // Experts are lettered in the order of their ids: stable across renders, and it says nothing of who they are.
  const letters = new Map([...new Set(src.sheets.map((s) => s.expertId))].sort().map((id, i) => [id, expertLetter(i)]));
  const comments = src.sheets
    .flatMap((sheet) =>
      Object.entries(sheet.scores)
        .filter(([, v]) => v.comment && v.comment.trim())
        .map(([clauseId, v]) => {
          const entry = ruleSet.clauseById.get(clauseId);
          const sub = ruleSet.subdomainByNo.get(sheet.subdomainNo);
          return {
            order: [sheet.subdomainNo, clauseId, letters.get(sheet.expertId)!] as const,
            expert: `专家 ${letters.get(sheet.expertId)}`,
            subdomain: sub ? `${sub.no}.${sub.name}` : String(sheet.subdomainNo),
            clause: entry ? `${entry.clause.label ? `${entry.clause.label}）` : ''}${entry.clause.text}` : clauseId,
            scoreLabel: scaleLabel(v.score),
            comment: v.comment!.trim(),
          };
        }),
    )
    .sort(
      (a, b) =>
        a.order[0] - b.order[0] ||
        a.order[1].localeCompare(b.order[1]) ||
        a.order[2].length - b.order[2].length ||
        a.order[2].localeCompare(b.order[2]),
    )
    .map(({ order: _order, ...rest }) => rest);

  return {
    schema: 1,
    application: {
      id: src.applicationId,
      batchCode: c.batch.code,
      enterpriseName: c.enterprise.name,
      creditCode: c.enterprise.creditCode,
      regionName: regionName(c.enterprise.regionCode),
      tier,
      tierName: TIER_NAMES[tier] ?? c.tier,
      industryModeName: INDUSTRY_NAMES[c.industryMode as IndustryMode] ?? c.industryMode,
      constructionTypeName: typeName(c.constructionType),
      submittedAt: iso(src.submission.submittedAt),
      contentHash: src.submission.contentHash,
    },
    ruleSetVersion: c.batch.ruleSetVersion,
    scoring,
    precheck,
    classification,
    comments,
    ...(src.decision ? { decision: src.decision } : {}),
    ...(src.onSite ? { onSite: src.onSite } : {}),
  };
}
