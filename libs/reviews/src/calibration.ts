import type { ScoringInput, ScoringPolicy, ScoringResult, TierCode } from '@ff/rules';

/**
 * Which result of a panel decisions and reports read: the raw scores, or the scores with each
 * expert's severity taken out. Policy data on the round, `raw` unless the round says otherwise.
 */
export const RESULT_BASES = ['raw', 'severity_adjusted'] as const;
export type ResultBasis = (typeof RESULT_BASES)[number];
export const RESULT_BASIS_NAMES: Record<ResultBasis, string> = {
  raw: '原始评分',
  severity_adjusted: '宽严度校准后评分',
};

/** A stored result's two readings, raw and severity-adjusted (null when it could not be computed). */
export interface ResultReadings {
  result: ScoringResult;
  highestTier: TierCode | null;
  recommendation: 'pass' | 'fail';
  adjusted: ScoringResult | null;
  adjustedHighestTier: TierCode | null;
}

/**
 * The reading the round's policy asks for. The severity-adjusted one falls back to raw when it
 * is missing (a result stored before calibration, or one whose adjusted scores did not aggregate),
 * and the basis says which was used.
 */
export function resultOnBasis(
  r: ResultReadings,
  policy: ResultBasis,
): { basis: ResultBasis; result: ScoringResult; highestTier: TierCode | null; recommendation: 'pass' | 'fail' } {
  if (policy === 'severity_adjusted' && r.adjusted)
    return {
      basis: 'severity_adjusted',
      result: r.adjusted,
      highestTier: r.adjustedHighestTier,
      recommendation: r.adjusted.decision.recommendation,
    };
  return { basis: 'raw', result: r.result, highestTier: r.highestTier, recommendation: r.recommendation };
}

/**
 * Calibration (pure): how severe each expert is, and the panel input with that severity taken
 * out. Severity = the mean, over every clause an expert scored on a panel of two or more, of its
 * score minus the panel's mean for that clause: negative for a strict expert, positive for a
 * lenient one. Adjusted scores stay within the scale's range; the aggregation itself is still
 * `@ff/rules`' scoreApplication, given a scale that admits the adjusted values.
 */
export interface PanelLike {
  subdomainNo: number;
  experts: { expertId: string; clauses: Record<string, number> }[];
}

export interface Severity {
  expertId: string;
  severity: number;
  clauses: number;
}

export function severities(panelsByApplication: Map<string, PanelLike[]>): Map<string, Severity> {
  const sum = new Map<string, { total: number; n: number }>();
  for (const panels of panelsByApplication.values())
    for (const p of panels) {
      if (p.experts.length < 2) continue;
      const clauseIds = new Set(p.experts.flatMap((e) => Object.keys(e.clauses)));
      for (const id of clauseIds) {
        const scored = p.experts.filter((e) => typeof e.clauses[id] === 'number');
        if (scored.length < 2) continue;
        const mean = scored.reduce((a, e) => a + e.clauses[id], 0) / scored.length;
        for (const e of scored) {
          const s = sum.get(e.expertId) ?? { total: 0, n: 0 };
          s.total += e.clauses[id] - mean;
          s.n += 1;
          sum.set(e.expertId, s);
        }
      }
    }
  return new Map(
    [...sum].map(([expertId, s]) => [expertId, { expertId, severity: round(s.total / s.n), clauses: s.n }]),
  );
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function adjustedPanels(
  input: ScoringInput,
  sev: Map<string, Severity>,
  policy: ScoringPolicy,
): [ScoringInput, ScoringPolicy] {
  const values = policy.scale.map((s) => s.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const extra = new Set<number>();
  const panels = input.panels.map((p) => ({
    ...p,
    experts: p.experts.map((e) => ({
      ...e,
      clauses: Object.fromEntries(
        Object.entries(e.clauses).map(([id, v]) => {
          const adj = round(Math.min(hi, Math.max(lo, v - (sev.get(e.expertId)?.severity ?? 0))));
          extra.add(adj);
          return [id, adj];
        }),
      ),
    })),
  }));
  const scale = [
    ...policy.scale,
    ...[...extra].filter((v) => !values.includes(v)).map((value) => ({ value, label: '校准值' })),
  ];
  return [
    { ...input, panels },
    { ...policy, scale },
  ];
}
