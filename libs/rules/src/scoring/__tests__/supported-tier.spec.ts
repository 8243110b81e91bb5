import {
  DEFAULT_SCORING_POLICY,
  IndustryMode,
  ScoringResult,
  TierCode,
  getRuleSet,
  highestSupportedTier,
  scoreApplication,
  tierScope,
  tierSupport,
} from '@ff/rules';

const rs = getRuleSet();

/** A stored result for an application at `tier`, each clause scored by `score(subdomainNo, clause)`. */
function scored(
  tier: TierCode,
  score: (no: number, clause: { id: string; obligation: string }) => number,
  industry: IndustryMode = 'discrete',
): ScoringResult {
  const panels = tierScope(rs, tier).subdomains.map((no) => {
    const clauses = rs.subdomainByNo
      .get(no)!
      .requirements[tier]!.filter((c) => c.industry === null || c.industry === industry);
    return {
      subdomainNo: no,
      experts: ['e1', 'e2'].map((expertId) => ({
        expertId,
        clauses: Object.fromEntries(clauses.map((c) => [c.id, score(no, c)])),
      })),
    };
  });
  const result = scoreApplication({ tier, industry, panels });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const workshopScope = new Set(tierScope(rs, 'workshop').subdomains);
const smartScope = new Set(tierScope(rs, 'smart_factory').subdomains);

describe('the highest tier the expert scores support', () => {
  it('is the applied tier when its own scope passes its threshold', () => {
    const r = scored('future_factory', () => 1);
    expect(highestSupportedTier(r, 'future_factory', DEFAULT_SCORING_POLICY)).toBe('future_factory');
    expect(tierSupport(r, 'future_factory', DEFAULT_SCORING_POLICY).map((s) => s.supported)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('judges a lower tier on the scores over that tier’s scope only', () => {
    // Full marks inside the workshop scope; beyond it, half marks on mandatory clauses, none on the others.
    const r = scored('future_factory', (no, c) => (workshopScope.has(no) ? 1 : c.obligation === 'mandatory' ? 0.5 : 0));
    const policy = { thresholds: { workshop: 0.95, smart_factory: 0.95, future_factory: 0.95 } };
    const support = tierSupport(r, 'future_factory', policy);
    expect(support[0]).toMatchObject({ tier: 'workshop', total: 1, supported: true });
    expect(support[1].total).toBeLessThan(0.95);
    expect(support[2].total).toBeLessThan(0.95);
    expect(support[2].supported).toBe(false);
    expect(highestSupportedTier(r, 'future_factory', policy)).toBe('workshop');
  });

  it('counts a red line only inside the tier’s scope', () => {
    const redBeyondWorkshop = scored('smart_factory', (no, c) =>
      !workshopScope.has(no) && smartScope.has(no) && c.obligation === 'mandatory' ? 0 : 1,
    );
    expect(redBeyondWorkshop.redLines.length).toBeGreaterThan(0);
    const support = tierSupport(redBeyondWorkshop, 'smart_factory', DEFAULT_SCORING_POLICY);
    expect(support[0]).toMatchObject({ tier: 'workshop', redLines: 0, supported: true });
    expect(support[1].redLines).toBeGreaterThan(0);
    expect(support[1].supported).toBe(false);
    expect(highestSupportedTier(redBeyondWorkshop, 'smart_factory', DEFAULT_SCORING_POLICY)).toBe('workshop');
  });

  it('supports nothing when every scope falls short, and never a tier above the applied one', () => {
    const low = scored('smart_factory', () => 0.5);
    expect(highestSupportedTier(low, 'smart_factory', DEFAULT_SCORING_POLICY)).toBeNull();
    const high = scored('workshop', () => 1);
    expect(tierSupport(high, 'workshop', DEFAULT_SCORING_POLICY).map((s) => s.tier)).toEqual(['workshop']);
  });

  it('follows the batch’s thresholds, and a total exactly at the bar passes', () => {
    const r = scored('smart_factory', () => 0.8);
    const strict = { thresholds: { workshop: 0.9, smart_factory: 0.9, future_factory: 0.9 } };
    expect(highestSupportedTier(r, 'smart_factory', strict)).toBeNull();
    const atBar = { thresholds: { workshop: 0.8, smart_factory: 0.8, future_factory: 0.8 } };
    expect(highestSupportedTier(r, 'smart_factory', atBar)).toBe('smart_factory');
  });

  it('does not support a tier whose scope holds an unscored sub-domain', () => {
    const r = scored('workshop', () => 1);
    const partial = { ...r, subdomains: r.subdomains.slice(1) };
    expect(tierSupport(partial, 'workshop', DEFAULT_SCORING_POLICY)[0]).toMatchObject({ supported: false, total: 0 });
  });

  it('refuses an unknown rule set', () => {
    const r = scored('workshop', () => 1);
    expect(() => tierSupport(r, 'workshop', DEFAULT_SCORING_POLICY, 'no-such-version')).toThrow(/unknown rule set/);
  });
});
