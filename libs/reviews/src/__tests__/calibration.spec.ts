import { DEFAULT_SCORING_POLICY, ScoringResult, scoreApplication } from '@ff/rules';
import { adjustedPanels, resultOnBasis, severities } from '../calibration';

describe('calibration', () => {
  const panels = new Map([
    [
      'app1',
      [
        {
          subdomainNo: 1,
          experts: [
            { expertId: 'strict', clauses: { a: 0.5, b: 0.5 } },
            { expertId: 'kind', clauses: { a: 1, b: 1 } },
          ],
        },
        {
          subdomainNo: 2,
          experts: [
            { expertId: 'strict', clauses: { c: 0.8 } },
            { expertId: 'kind', clauses: { c: 0.8 } },
          ],
        },
        // A single-expert panel says nothing about severity.
        { subdomainNo: 3, experts: [{ expertId: 'strict', clauses: { d: 0 } }] },
      ],
    ],
  ]);

  it('is the mean deviation from the panel means, per clause, on panels of two or more', () => {
    const sev = severities(panels);
    expect(sev.get('strict')).toEqual({ expertId: 'strict', severity: -0.1667, clauses: 3 });
    expect(sev.get('kind')).toEqual({ expertId: 'kind', severity: 0.1667, clauses: 3 });
  });

  it('adjusts scores within the scale and lets the rules aggregator score them', () => {
    const sev = severities(panels);
    const input = {
      tier: 'workshop' as const,
      industry: 'discrete' as const,
      panels: [{ subdomainNo: 1, experts: [{ expertId: 'kind', clauses: { x: 1 } }] }],
    };
    const [adjusted, policy] = adjustedPanels(input, sev, DEFAULT_SCORING_POLICY);
    expect(adjusted.panels[0].experts[0].clauses.x).toBe(0.8333);
    expect(policy.scale.map((s) => s.value)).toContain(0.8333);
    // Unknown clauses are the aggregator's to report; the point is that it accepts the adjusted scale.
    const result = scoreApplication(adjusted, policy);
    expect(result.ok).toBe(false);
  });
});

describe('resultOnBasis', () => {
  const reading = (total: number, recommendation: 'pass' | 'fail') =>
    ({ total, decision: { recommendation } }) as unknown as ScoringResult;
  const stored = {
    result: reading(0.9, 'pass'),
    highestTier: 'smart_factory' as const,
    recommendation: 'pass' as const,
    adjusted: reading(0.65, 'fail'),
    adjustedHighestTier: 'workshop' as const,
  };

  it('reads raw unless the policy asks for the severity-adjusted result', () => {
    expect(resultOnBasis(stored, 'raw')).toEqual({
      basis: 'raw',
      result: stored.result,
      highestTier: 'smart_factory',
      recommendation: 'pass',
    });
    expect(resultOnBasis(stored, 'severity_adjusted')).toEqual({
      basis: 'severity_adjusted',
      result: stored.adjusted,
      highestTier: 'workshop',
      recommendation: 'fail',
    });
  });

  it('falls back to raw, and says so, when there is no severity-adjusted result', () => {
    expect(resultOnBasis({ ...stored, adjusted: null }, 'severity_adjusted')).toMatchObject({
      basis: 'raw',
      result: stored.result,
    });
  });
});
