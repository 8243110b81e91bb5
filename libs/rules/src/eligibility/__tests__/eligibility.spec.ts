import {
  DEFAULT_ELIGIBILITY_POLICY,
  DEFAULT_PRECHECK_POLICY,
  ELIGIBILITY_FINDING_CODES,
  EligibilityContext,
  EligibilityFacts,
  EligibilityFindingCode,
  EligibilityPolicy,
  EligibilityReport,
  NO_ELIGIBILITY_POLICY,
  TierCode,
  evaluateEligibility,
  evaluateSubmission,
  mergeEligibilityPolicy,
  withEligibility,
} from '@ff/rules';

const seen = new Set<string>();
function evaluate(
  facts: unknown,
  ctx: Partial<EligibilityContext> = {},
  policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY,
): EligibilityReport {
  const report = evaluateEligibility(facts, policy, { tier: 'workshop', mountainIsland: false, ...ctx });
  for (const f of report.findings) seen.add(f.code);
  return report;
}
const codes = (r: EligibilityReport) => r.findings.map((f) => f.code);
const EV = ['sha-1'];

/** Facts meeting every default bar of every tier (the 未来工厂 investment bar is unset). */
function passing(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    digitalLevel: { value: 3.0, evidence: EV },
    investment: { value: 4000, evidence: EV },
    creditRating: { value: 'good', evidence: EV },
    violations: { value: false, description: '', evidence: [] },
    independentLegalPerson: { value: true, evidence: EV },
    completionDate: { value: '2024-06-30', evidence: EV },
    ...over,
  };
}

describe('eligibility: the 2025 notice defaults', () => {
  it('passes facts meeting every bar, and they support every tier', () => {
    const r = evaluate(passing(), { tier: 'future_factory' });
    expect(r).toMatchObject({
      passed: true,
      findings: [],
      policyVersion: 'eligibility-2025-174',
      notice: '浙经信产数〔2025〕174号',
      supportedTiers: ['workshop', 'smart_factory', 'future_factory'],
      highestSupportedTier: 'future_factory',
    });
  });

  it('holds the values of the notice, leaving the 未来工厂 investment bar unset', () => {
    const t = DEFAULT_ELIGIBILITY_POLICY.tiers;
    expect([t.workshop.minDigitalLevel, t.smart_factory.minDigitalLevel, t.future_factory.minDigitalLevel]).toEqual([
      2.0, 2.0, 3.0,
    ]);
    expect([t.workshop.minInvestment, t.workshop.minInvestmentReduced]).toEqual([2000, 1500]);
    expect([t.smart_factory.minInvestment, t.smart_factory.minInvestmentReduced]).toEqual([4000, 3000]);
    expect([t.future_factory.minInvestment, t.future_factory.minInvestmentReduced]).toEqual([null, null]);
    for (const tier of Object.values(t)) {
      expect(tier).toMatchObject({ minCreditRating: 'good', violationLookbackYears: 2 });
    }
  });

  describe.each([
    ['workshop', 2.0],
    ['smart_factory', 2.0],
    ['future_factory', 3.0],
  ] as [TierCode, number][])('数字化水平 for %s (bar %s)', (tier, bar) => {
    it.each([
      ['below', bar - 0.1, false],
      ['at', bar, true],
      ['above', bar + 0.5, true],
    ])('%s the bar', (_, value, ok) => {
      const r = evaluate(passing({ digitalLevel: { value, evidence: EV } }), { tier });
      expect(r.passed).toBe(ok);
      if (!ok) {
        expect(codes(r)).toEqual(['eligibility.digital_level_below']);
        expect(r.findings[0].message).toContain(`数字化水平须不低于${bar.toFixed(1)}`);
        expect(r.findings[0].message).toContain(`申报值为${value}`);
        expect(r.findings[0].path).toBe('eligibility.digitalLevel');
      }
    });
  });

  describe.each([
    ['workshop', false, 2000],
    ['workshop', true, 1500],
    ['smart_factory', false, 4000],
    ['smart_factory', true, 3000],
  ] as [TierCode, boolean, number][])('investment for %s, 山区海岛县 %s (bar %s万元)', (tier, mountainIsland, bar) => {
    it.each([
      ['below', bar - 1, false],
      ['at', bar, true],
      ['above', bar + 1, true],
    ])('%s the bar', (_, value, ok) => {
      const r = evaluate(passing({ investment: { value, evidence: EV } }), { tier, mountainIsland });
      expect(r.passed).toBe(ok);
      if (!ok) {
        expect(codes(r)).toEqual(['eligibility.investment_below']);
        const msg = r.findings[0].message;
        expect(msg).toContain(`近5年软硬件投资（不含土地、厂房）须不低于${bar}万元`);
        expect(msg).toContain(`申报值为${value}万元`);
        expect(msg.includes('山区海岛县标准')).toBe(mountainIsland);
      }
    });
  });

  it('the reduced bar is what lets a 山区海岛县 enterprise between the two bars through', () => {
    const facts = passing({ investment: { value: 1800, evidence: EV } });
    expect(evaluate(facts, { mountainIsland: false }).passed).toBe(false);
    expect(evaluate(facts, { mountainIsland: true }).passed).toBe(true);
  });

  it('does not check investment for 未来工厂 (no value in the notice), however small', () => {
    const r = evaluate(passing({ investment: undefined }), { tier: 'future_factory' });
    expect(r.passed).toBe(true);
    expect(evaluate(passing({ investment: { value: 0, evidence: EV } }), { tier: 'future_factory' }).passed).toBe(true);
  });

  it.each([
    ['poor', false],
    ['medium', false],
    ['good', true],
    ['excellent', true],
  ] as const)('credit rating %s against 良好 or better', (value, ok) => {
    const r = evaluate(passing({ creditRating: { value, evidence: EV } }));
    expect(r.passed).toBe(ok);
    if (!ok) {
      expect(codes(r)).toEqual(['eligibility.credit_below']);
      expect(r.findings[0].message).toMatch(/信用等级须为“良好”及以上，申报为“(较差|中等)”/);
    }
  });

  it('refuses a declared violation, quoting the look-back and the description', () => {
    const r = evaluate(passing({ violations: { value: true, description: ' 2024年环保处罚 ', evidence: EV } }));
    expect(codes(r)).toEqual(['eligibility.violation']);
    expect(r.findings[0].message).toBe('近2年内须无违法违规情况，申报存在违法违规情况：2024年环保处罚');
    const bare = evaluate(passing({ violations: { value: true, description: '', evidence: EV } }));
    expect(bare.findings[0].message).toBe('近2年内须无违法违规情况，申报存在违法违规情况');
  });

  it('refuses an applicant that is not an independent legal person', () => {
    const r = evaluate(passing({ independentLegalPerson: { value: false, evidence: EV } }));
    expect(codes(r)).toEqual(['eligibility.not_independent']);
    expect(r.findings[0].message).toContain('申报主体须为独立法人');
  });

  it('reports each missing fact, naming the bar it is needed for', () => {
    const r = evaluate({}, { tier: 'smart_factory' });
    expect(codes(r)).toEqual(Array(6).fill('eligibility.fact_missing'));
    expect(r.findings.map((f) => f.path)).toEqual([
      'eligibility.digitalLevel',
      'eligibility.investment',
      'eligibility.creditRating',
      'eligibility.violations',
      'eligibility.independentLegalPerson',
      'eligibility.completionDate',
    ]);
    expect(r.findings[0].message).toBe('未填写“数字化水平”（申报“省级智能工厂”：数字化水平须不低于2.0）');
    expect(r.findings[5].message).toContain('须填写项目建成（投产）日期');
    expect(r.supportedTiers).toEqual([]);
    expect(r.highestSupportedTier).toBeNull();
    expect(evaluate(undefined).findings).toHaveLength(6);
    expect(evaluate(null).findings).toHaveLength(6);
  });

  it('asks for evidence of every fact but a declaration of no violation', () => {
    const r = evaluate(passing({ digitalLevel: { value: 2.5, evidence: [] } }));
    expect(codes(r)).toEqual(['eligibility.evidence_missing']);
    expect(r.findings[0].message).toBe('“数字化水平”未上传佐证材料');
    const violation = evaluate(passing({ violations: { value: true, description: 'x', evidence: [] } }));
    expect(codes(violation)).toEqual(['eligibility.evidence_missing', 'eligibility.violation']);
  });

  it('says which tier the facts support, whatever the tier applied for', () => {
    const r = evaluate(
      passing({ digitalLevel: { value: 2.4, evidence: EV }, investment: { value: 2500, evidence: EV } }),
      {
        tier: 'future_factory',
      },
    );
    expect(r.passed).toBe(false);
    // 2.4 < 3.0 (未来工厂); 2,500万 < 4,000万 (智能工厂); the workshop bars are met.
    expect(r.supportedTiers).toEqual(['workshop']);
    expect(r.highestSupportedTier).toBe('workshop');
  });
});

describe('eligibility: a batch with its own policy', () => {
  // An earlier year's style: a tier-dependent credit bar, a higher 未来工厂 investment bar, a
  // three-year look-back, no 山区海岛县 reduction, a completion deadline and no evidence asked.
  const policy = mergeEligibilityPolicy(DEFAULT_ELIGIBILITY_POLICY, {
    version: 'eligibility-2023',
    notice: '某年度通知',
    investmentWindowYears: 3,
    requireEvidence: false,
    tiers: {
      workshop: { minInvestmentReduced: null, completedOnOrBefore: '2024-12-31' },
      future_factory: { minCreditRating: 'excellent', minInvestment: 10000, violationLookbackYears: 3 },
    },
  });

  it('merges tier by tier, keeping the rest of the base', () => {
    expect(policy.tiers.workshop.minInvestment).toBe(2000);
    expect(policy.tiers.smart_factory).toEqual(DEFAULT_ELIGIBILITY_POLICY.tiers.smart_factory);
    expect(policy.tiers.future_factory.minDigitalLevel).toBe(3.0);
    expect(mergeEligibilityPolicy(DEFAULT_ELIGIBILITY_POLICY)).toBe(DEFAULT_ELIGIBILITY_POLICY);
    expect(mergeEligibilityPolicy(DEFAULT_ELIGIBILITY_POLICY, { notice: 'x' }).tiers).toEqual(
      DEFAULT_ELIGIBILITY_POLICY.tiers,
    );
  });

  it('applies its credit bar to 未来工厂 only', () => {
    const good = passing({ investment: { value: 12000, evidence: EV } });
    expect(evaluate(good, { tier: 'smart_factory' }, policy).passed).toBe(true);
    const ff = evaluate(good, { tier: 'future_factory' }, policy);
    expect(codes(ff)).toEqual(['eligibility.credit_below']);
    expect(ff.findings[0].message).toContain('信用等级须为“优秀”及以上');
    expect(ff.policyVersion).toBe('eligibility-2023');
  });

  it('checks the 未来工厂 investment bar it sets, at, below and above', () => {
    const at = (value: number) =>
      evaluate(
        passing({ creditRating: { value: 'excellent', evidence: EV }, investment: { value, evidence: EV } }),
        { tier: 'future_factory' },
        policy,
      );
    expect(at(10000).passed).toBe(true);
    expect(at(10001).passed).toBe(true);
    expect(codes(at(9999))).toEqual(['eligibility.investment_below']);
    expect(at(9999).findings[0].message).toContain('近3年软硬件投资（不含土地、厂房）须不低于10000万元');
  });

  it('gives no reduction in a 山区海岛县 when the policy sets none', () => {
    const r = evaluate(passing({ investment: { value: 1800, evidence: EV } }), { mountainIsland: true }, policy);
    expect(codes(r)).toEqual(['eligibility.investment_below']);
    expect(r.findings[0].message).not.toContain('山区海岛县');
  });

  it('checks the completion deadline at, before and after it', () => {
    const on = (value: string) => evaluate(passing({ completionDate: { value, evidence: EV } }), {}, policy);
    expect(on('2024-12-31').passed).toBe(true);
    expect(on('2024-06-01').passed).toBe(true);
    const late = on('2025-01-01');
    expect(codes(late)).toEqual(['eligibility.completion_late']);
    expect(late.findings[0].message).toBe(
      '申报“省级数字化车间”项目须于2024-12-31前（含）建成或投产，申报日期为2025-01-01',
    );
    expect(evaluate(passing({ completionDate: undefined }), {}, policy).findings[0].message).toContain(
      '项目须于2024-12-31前（含）建成或投产',
    );
  });

  it('asks for no evidence when the policy says so, and quotes an unset window', () => {
    const noWindow = { ...policy, investmentWindowYears: null };
    const r = evaluate(
      passing({ digitalLevel: { value: 2.0, evidence: [] }, investment: { value: 1, evidence: [] } }),
      {},
      noWindow,
    );
    expect(codes(r)).toEqual(['eligibility.investment_below']);
    expect(r.findings[0].message).toContain('规定期间内软硬件投资');
  });

  it('the policy that checks nothing passes anything', () => {
    const r = evaluate({}, { tier: 'future_factory' }, NO_ELIGIBILITY_POLICY);
    expect(r).toMatchObject({ passed: true, findings: [], highestSupportedTier: 'future_factory' });
  });
});

describe('eligibility: malformed facts never throw', () => {
  it.each([
    ['not an object', 'x', 'eligibility'],
    ['an array', [], 'eligibility'],
  ])('%s', (_, input, path) => {
    const r = evaluate(input);
    expect(r.findings[0]).toMatchObject({ code: 'submission.invalid', path });
    expect(r.findings.filter((f) => f.code === 'eligibility.fact_missing')).toHaveLength(6);
  });

  it.each([
    ['digitalLevel', 'high'],
    ['digitalLevel', { value: -1, evidence: [] }],
    ['investment', { value: Number.NaN }],
    ['creditRating', { value: 'AAA', evidence: [] }],
    ['violations', { value: 'no' }],
    ['independentLegalPerson', { value: true, evidence: [1] }],
    ['independentLegalPerson', { value: true, evidence: 'x' }],
    ['completionDate', { value: '2025-02-30', evidence: [] }],
    ['completionDate', { value: 20250101, evidence: [] }],
  ])('%s = %j is invalid and counts as missing', (key, value) => {
    const r = evaluate({ ...passing(), [key]: value });
    expect(r.findings[0]).toMatchObject({ code: 'submission.invalid', path: `eligibility.${key}` });
    expect(r.findings[0].message).toMatch(/应为 \{ value: .+, evidence: 佐证编号数组 \}，收到/);
    expect(r.findings[1]).toMatchObject({ code: 'eligibility.fact_missing', path: `eligibility.${key}` });
  });

  it('accepts facts without evidence lists or a violation description', () => {
    const r = evaluate({
      ...passing(),
      violations: { value: false },
      independentLegalPerson: { value: true, evidence: EV },
    });
    expect(r.passed).toBe(true);
    const noEvidence = evaluate({ ...passing(), digitalLevel: { value: 2.5 } });
    expect(codes(noEvidence)).toEqual(['eligibility.evidence_missing']);
  });
});

describe('eligibility in the pre-check report', () => {
  it('adds its findings and decides the verdict together with the clauses', () => {
    const base = evaluateSubmission(
      { tier: 'workshop', industry: 'discrete', declarations: [] },
      DEFAULT_PRECHECK_POLICY,
    );
    const failing = evaluate({});
    const merged = withEligibility(base, failing);
    expect(merged.findings).toHaveLength(base.findings.length + 6);
    expect(merged.summary.errors).toBe(base.summary.errors + 6);
    expect(merged.verdict).toBe('return');
    expect(merged.eligibility).toBe(failing);

    const clean = { ...base, findings: [], verdict: 'pass' as const, summary: { ...base.summary, errors: 0 } };
    expect(withEligibility(clean, evaluate(passing())).verdict).toBe('pass');
    expect(withEligibility(clean, failing).verdict).toBe('return');
  });
});

describe('coverage of the eligibility finding codes', () => {
  it('every code in ELIGIBILITY_FINDING_CODES was produced by this suite', () => {
    const eligibilitySeen = [...seen].filter((c) => c.startsWith('eligibility.')) as EligibilityFindingCode[];
    expect(eligibilitySeen.sort()).toEqual(Object.keys(ELIGIBILITY_FINDING_CODES).sort());
  });
});
