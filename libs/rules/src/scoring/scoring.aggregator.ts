import { IndustryMode, TIER_CODES, TIER_NAMES, TierCode } from '../catalog/catalog.types';
import { RuleSet, describeClause, findRuleSet, tierScope } from '../catalog/rule-sets';
import { DEFAULT_SCORING_POLICY, ScoringPolicy } from './scoring.policy';
import { shown } from '../display';

/** One expert's clause scores for one sub-domain. */
export interface ExpertSheet {
  expertId: string;
  clauses: Record<string, number>;
}

export interface ScoringInput {
  ruleSetVersion?: string;
  tier: TierCode;
  industry: IndustryMode;
  /** One panel per sub-domain of the tier. */
  panels: Array<{ subdomainNo: number; experts: ExpertSheet[] }>;
}

export interface SubdomainScore {
  no: number;
  name: string;
  domain: string;
  score: number;
  expertScores: Array<{ expertId: string; score: number }>;
  trimmed: boolean;
  divergent: boolean;
  spread: number;
}

export interface ScoringResult {
  ok: true;
  tier: TierCode;
  subdomains: SubdomainScore[];
  domains: Array<{ code: string; name: string; score: number }>;
  elements: Array<{ code: string; name: string; score: number }>;
  total: number;
  redLines: Array<{ clauseId: string; subdomainNo: number; message: string }>;
  divergent: number[];
  decision: { recommendation: 'pass' | 'fail'; threshold: number; reasons: string[] };
}

export interface ScoringFailure {
  ok: false;
  errors: Array<{ code: string; message: string; subdomainNo?: number; clauseId?: string; expertId?: string }>;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Scores are means of a few scale values, so binary floating point leaves noise in the last bits
 * (a panel exactly at 0.7 can come out as 0.6999999999999998). Comparisons against the policy's
 * thresholds allow for that noise, so a total equal to the pass mark passes and a spread equal to
 * the divergence threshold is not flagged.
 */
const SCORE_EPSILON = 1e-9;

/**
 * The panel's value: the mean, without the highest and lowest once the panel is large enough.
 * Summed in sorted order, so the value does not depend on the order the experts are listed in.
 */
export function panelMean(
  values: number[],
  policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
): { value: number; trimmed: boolean } {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length >= policy.trimFromPanelSize && sorted.length >= 3)
    return { value: mean(sorted.slice(1, -1)), trimmed: true };
  return { value: mean(sorted), trimmed: false };
}

/**
 * Expert clause scores → sub-domain (weighted mean of applicable clauses) → panel (trimmed mean) →
 * domain, element and total (plain means), with divergence flags, red lines and a recommended
 * decision against the tier's threshold. Invalid input is reported, never thrown.
 */
export function scoreApplication(
  input: ScoringInput,
  policy: ScoringPolicy = DEFAULT_SCORING_POLICY,
): ScoringResult | ScoringFailure {
  const errors: ScoringFailure['errors'] = [];
  const ruleSet: RuleSet | undefined = findRuleSet(input.ruleSetVersion);
  if (!ruleSet)
    return { ok: false, errors: [{ code: 'rule_set.unknown', message: `规则版本“${input.ruleSetVersion}”不存在` }] };
  if (!TIER_CODES.includes(input.tier))
    return { ok: false, errors: [{ code: 'tier.invalid', message: `申报等级“${shown(input.tier)}”不存在` }] };
  if (input.industry !== 'discrete' && input.industry !== 'process') {
    return {
      ok: false,
      errors: [
        {
          code: 'industry.invalid',
          message: `行业类型“${shown(input.industry)}”不存在，应为 discrete（离散行业）或 process（流程行业）`,
        },
      ],
    };
  }
  const allowed = new Set(policy.scale.map((s) => s.value));
  const scope = tierScope(ruleSet, input.tier);
  const panels = new Map(input.panels.map((p) => [p.subdomainNo, p]));

  const subdomains: SubdomainScore[] = [];
  const redLines: ScoringResult['redLines'] = [];
  for (const no of scope.subdomains) {
    const subdomain = ruleSet.subdomainByNo.get(no)!;
    const clauses = subdomain.requirements[input.tier]!.filter(
      (c) => c.industry === null || c.industry === input.industry,
    );
    const panel = panels.get(no);
    if (!panel || panel.experts.length === 0) {
      errors.push({ code: 'panel.missing', subdomainNo: no, message: `能力子域“${no}.${subdomain.name}”尚无专家评分` });
      continue;
    }
    const expertScores: SubdomainScore['expertScores'] = [];
    for (const sheet of panel.experts) {
      let weighted = 0;
      let weights = 0;
      for (const clause of clauses) {
        const score = sheet.clauses[clause.id];
        if (score === undefined) {
          errors.push({
            code: 'score.missing',
            subdomainNo: no,
            clauseId: clause.id,
            expertId: sheet.expertId,
            message: `${describeClause(subdomain, clause)}缺少专家评分`,
          });
          continue;
        }
        if (!allowed.has(score)) {
          errors.push({
            code: 'score.off_scale',
            subdomainNo: no,
            clauseId: clause.id,
            expertId: sheet.expertId,
            message: `${describeClause(subdomain, clause)}的评分 ${score} 不在评分档位（${policy.scale.map((s) => `${s.value} ${s.label}`).join('、')}）内`,
          });
          continue;
        }
        const w = clause.obligation === 'mandatory' ? policy.weights.mandatory : policy.weights.recommended;
        weighted += w * score;
        weights += w;
      }
      for (const clauseId of Object.keys(sheet.clauses)) {
        if (!clauses.some((c) => c.id === clauseId)) {
          errors.push({
            code: 'score.unknown_clause',
            subdomainNo: no,
            clauseId,
            expertId: sheet.expertId,
            message: `条款“${clauseId}”不属于能力子域“${no}.${subdomain.name}”在本等级的要求`,
          });
        }
      }
      expertScores.push({ expertId: sheet.expertId, score: weights ? weighted / weights : 0 });
    }
    for (const clause of clauses) {
      if (clause.obligation !== 'mandatory') continue;
      const values = panel.experts.map((e) => e.clauses[clause.id]).filter((v): v is number => allowed.has(v));
      if (values.length && panelMean(values, policy).value === 0) {
        redLines.push({
          clauseId: clause.id,
          subdomainNo: no,
          message: `${describeClause(subdomain, clause)}为必选条款（应），专家组评分为 0（不满足）`,
        });
      }
    }
    const values = expertScores.map((e) => e.score);
    const { value, trimmed } = panelMean(values, policy);
    const spread = Math.max(...values) - Math.min(...values);
    subdomains.push({
      no,
      name: subdomain.name,
      domain: subdomain.domain,
      score: value,
      expertScores,
      trimmed,
      divergent: spread > policy.divergenceThreshold + SCORE_EPSILON,
      spread,
    });
  }
  for (const p of input.panels) {
    if (!scope.subdomains.includes(p.subdomainNo)) {
      errors.push({
        code: 'panel.not_in_tier',
        subdomainNo: p.subdomainNo,
        message: `能力子域 ${p.subdomainNo} 不在“${TIER_NAMES[input.tier]}”的评价范围内`,
      });
    }
  }
  if (errors.length) return { ok: false, errors };

  const domains = ruleSet.domains
    .filter((d) => scope.domains.includes(d.code))
    .map((d) => ({
      code: d.code,
      name: d.name,
      score: mean(subdomains.filter((s) => s.domain === d.code).map((s) => s.score)),
    }));
  const elements = ruleSet.elements
    .map((e) => ({ code: e.code, name: e.name, parts: domains.filter((d) => e.domains.includes(d.code)) }))
    .filter((e) => e.parts.length > 0)
    .map((e) => ({ code: e.code, name: e.name, score: mean(e.parts.map((d) => d.score)) }));
  const total = mean(elements.map((e) => e.score));
  const threshold = policy.thresholds[input.tier];
  const reasons: string[] = [];
  if (total < threshold - SCORE_EPSILON)
    reasons.push(`总分 ${total.toFixed(3)} 低于“${TIER_NAMES[input.tier]}”通过线 ${threshold}`);
  if (redLines.length)
    reasons.push(`${redLines.length} 项必选条款专家组评分为 0：${redLines.map((r) => r.clauseId).join('、')}`);
  return {
    ok: true,
    tier: input.tier,
    subdomains,
    domains,
    elements,
    total,
    redLines,
    divergent: subdomains.filter((s) => s.divergent).map((s) => s.no),
    decision: { recommendation: reasons.length ? 'fail' : 'pass', threshold, reasons },
  };
}
