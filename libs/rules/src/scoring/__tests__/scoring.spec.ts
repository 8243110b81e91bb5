import fc from 'fast-check';
import {
  DEFAULT_SCORING_POLICY,
  ExpertSheet,
  IndustryMode,
  ScoringFailure,
  ScoringInput,
  ScoringPolicy,
  ScoringResult,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
  describeClause,
  getRuleSet,
  panelMean,
  scoreApplication,
  tierScope,
} from '@ff/rules';

const rs = getRuleSet();
type Panel = ScoringInput['panels'][number];

/** The clause ids an expert scores in a sub-domain at a tier, for an industry. */
const clauseIds = (tier: TierCode, industry: IndustryMode, no: number) =>
  rs.subdomainByNo
    .get(no)!
    .requirements[tier]!.filter((c) => c.industry === null || c.industry === industry)
    .map((c) => c.id);

/** One expert's sheet: a score per clause, from a function of the clause id or a constant. */
function sheet(expertId: string, ids: string[], score: number | ((id: string) => number)): ExpertSheet {
  return {
    expertId,
    clauses: Object.fromEntries(ids.map((id) => [id, typeof score === 'number' ? score : score(id)])),
  };
}

/** Every sub-domain of the tier scored `score` on every clause by the given experts. */
function uniformPanels(tier: TierCode, industry: IndustryMode, scores: number[]): Panel[] {
  return tierScope(rs, tier).subdomains.map((no) => ({
    subdomainNo: no,
    experts: scores.map((s, i) => sheet(`expert-${i + 1}`, clauseIds(tier, industry, no), s)),
  }));
}

function replacePanel(panels: Panel[], panel: Panel): Panel[] {
  return panels.map((p) => (p.subdomainNo === panel.subdomainNo ? panel : p));
}

function ok(result: ScoringResult | ScoringFailure): ScoringResult {
  if (!result.ok) throw new Error(`scoring failed: ${JSON.stringify(result.errors)}`);
  return result;
}
function failed(result: ScoringResult | ScoringFailure): ScoringFailure['errors'] {
  if (result.ok) throw new Error('scoring unexpectedly succeeded');
  return result.errors;
}

// ---------------------------------------------------------------------------------------------

describe('panelMean', () => {
  it('is the plain mean below five experts', () => {
    expect(panelMean([1])).toEqual({ value: 1, trimmed: false });
    expect(panelMean([0.5, 1])).toEqual({ value: 0.75, trimmed: false });
    expect(panelMean([0, 0.5, 1, 0.5])).toEqual({ value: 0.5, trimmed: false });
  });

  it('drops the highest and the lowest from five experts on', () => {
    expect(DEFAULT_SCORING_POLICY.trimFromPanelSize).toBe(5);
    // (0.5 + 0.8 + 1) / 3, without 0 and the second 1
    expect(panelMean([1, 0, 0.8, 1, 0.5]).value).toBeCloseTo(2.3 / 3, 12);
    expect(panelMean([1, 0, 0.8, 1, 0.5]).trimmed).toBe(true);
    expect(panelMean([0, 0, 0, 0, 1])).toEqual({ value: 0, trimmed: true });
  });

  it('follows the policy’s panel size, but never trims a panel of fewer than three', () => {
    const policy: ScoringPolicy = { ...DEFAULT_SCORING_POLICY, trimFromPanelSize: 2 };
    expect(panelMean([0, 1], policy)).toEqual({ value: 0.5, trimmed: false });
    expect(panelMean([0, 0.5, 1], policy)).toEqual({ value: 0.5, trimmed: true });
    expect(panelMean([0, 0.8, 0.8], policy)).toEqual({ value: 0.8, trimmed: true });
  });
});

// ---------------------------------------------------------------------------------------------

describe('a worked example, computed by hand (workshop, discrete)', () => {
  const tier = 'workshop';
  const industry = 'discrete';
  // sd01 新一代信息技术: a 应 (weight 1), b 宜 (0.5), c 宜 (0.5)
  const sd01: Panel = {
    subdomainNo: 1,
    experts: [
      { expertId: 'wang', clauses: { 'sd01.ws.a': 1, 'sd01.ws.b': 0.5, 'sd01.ws.c': 0 } },
      { expertId: 'li', clauses: { 'sd01.ws.a': 0.8, 'sd01.ws.b': 1, 'sd01.ws.c': 1 } },
    ],
  };
  // sd02 先进制造技术: a 应, b 应
  const sd02: Panel = {
    subdomainNo: 2,
    experts: [
      { expertId: 'wang', clauses: { 'sd02.ws.a': 1, 'sd02.ws.b': 1 } },
      { expertId: 'li', clauses: { 'sd02.ws.a': 0.5, 'sd02.ws.b': 0 } },
    ],
  };
  // sd03 技术标准体系: one unlettered 应 clause, five experts
  const sd03: Panel = {
    subdomainNo: 3,
    experts: [0, 0.5, 0.8, 1, 1].map((s, i) => ({ expertId: `e${i + 1}`, clauses: { 'sd03.ws': s } })),
  };
  // sd10 数据底座: a, b, c 应; the whole panel gives c a 0
  const sd10: Panel = {
    subdomainNo: 10,
    experts: ['wang', 'li', 'zhao'].map((expertId) => ({
      expertId,
      clauses: { 'sd10.ws.a': 1, 'sd10.ws.b': 1, 'sd10.ws.c': 0 },
    })),
  };
  const panels = [sd01, sd02, sd03, sd10].reduce(replacePanel, uniformPanels(tier, industry, [1, 1]));
  const result = ok(scoreApplication({ tier, industry, panels }));
  const sub = (no: number) => result.subdomains.find((s) => s.no === no)!;
  const domain = (code: string) => result.domains.find((d) => d.code === code)!.score;
  const element = (code: string) => result.elements.find((e) => e.code === code)!.score;

  it('rests on the obligations it assumes', () => {
    const obligations = (no: number) => rs.subdomainByNo.get(no)!.requirements.workshop!.map((c) => c.obligation);
    expect(obligations(1)).toEqual(['mandatory', 'recommended', 'recommended']);
    expect(obligations(2)).toEqual(['mandatory', 'mandatory']);
    expect(obligations(3)).toEqual(['mandatory']);
    expect(obligations(10)).toEqual(['mandatory', 'mandatory', 'mandatory']);
    expect(DEFAULT_SCORING_POLICY.weights).toEqual({ mandatory: 1, recommended: 0.5 });
  });

  it('sub-domain: weighted mean per expert, then the panel mean', () => {
    // wang: (1·1 + 0.5·0.5 + 0.5·0) / (1 + 0.5 + 0.5) = 1.25 / 2 = 0.625
    // li:   (1·0.8 + 0.5·1 + 0.5·1) / 2 = 1.8 / 2 = 0.9
    expect(sub(1).expertScores).toEqual([
      { expertId: 'wang', score: 0.625 },
      { expertId: 'li', score: 0.9 },
    ]);
    expect(sub(1).score).toBeCloseTo(0.7625, 12);
    expect(sub(1).spread).toBeCloseTo(0.275, 12);
    expect(sub(1)).toMatchObject({
      name: '新一代信息技术',
      domain: 'technology_support',
      trimmed: false,
      divergent: false,
    });
    // wang (1 + 1) / 2 = 1; li (0.5 + 0) / 2 = 0.25; mean 0.625; spread 0.75 > 0.5
    expect(sub(2).expertScores.map((e) => e.score)).toEqual([1, 0.25]);
    expect(sub(2)).toMatchObject({ score: 0.625, spread: 0.75, divergent: true, trimmed: false });
  });

  it('trims a panel of five and flags its spread', () => {
    // 0, 0.5, 0.8, 1, 1 → drop 0 and one 1 → (0.5 + 0.8 + 1) / 3 = 0.7667; spread 1
    expect(sub(3).score).toBeCloseTo(2.3 / 3, 12);
    expect(sub(3)).toMatchObject({ trimmed: true, divergent: true, spread: 1 });
    expect(sub(10).score).toBeCloseTo(2 / 3, 12);
    expect(sub(10)).toMatchObject({ trimmed: false, divergent: false, spread: 0 });
    expect(result.divergent).toEqual([2, 3]);
  });

  it('domain, element and total are plain means of the level below', () => {
    const technologySupport = (0.7625 + 0.625) / 2; // 0.69375
    const systemAssurance = (2.3 / 3 + 1 + 1 + 1) / 4; // sd03–06: 0.94167
    const dataPlatform = 2 / 3; // sd10 only: sd11 is “/” for a workshop
    expect(domain('technology_support')).toBeCloseTo(technologySupport, 12);
    expect(domain('system_assurance')).toBeCloseTo(systemAssurance, 12);
    expect(domain('infrastructure')).toBe(1);
    expect(domain('data_platform')).toBeCloseTo(dataPlatform, 12);
    expect(result.domains.map((d) => d.code)).toEqual(tierScope(rs, tier).domains);

    const enablement = (technologySupport + systemAssurance) / 2; // 157/192
    const foundation = (1 + dataPlatform) / 2; // 5/6
    expect(element('enablement')).toBeCloseTo(157 / 192, 12);
    expect(element('foundation')).toBeCloseTo(5 / 6, 12);
    expect(element('application')).toBe(1);
    expect(result.elements.map((e) => e.name)).toEqual(['赋能保障', '基础支撑', '应用场景']);

    // (157/192 + 160/192 + 192/192) / 3 = 509/576 ≈ 0.88368
    expect(result.total).toBeCloseTo((enablement + foundation + 1) / 3, 12);
    expect(result.total).toBeCloseTo(509 / 576, 12);
  });

  it('a mandatory clause the panel scores 0 is a red line that fails the application despite the total', () => {
    expect(result.redLines).toEqual([
      {
        clauseId: 'sd10.ws.c',
        subdomainNo: 10,
        message: '能力子域“10.数据底座”条款 c）为必选条款（应），专家组评分为 0（不满足）',
      },
    ]);
    expect(result.total).toBeGreaterThanOrEqual(DEFAULT_SCORING_POLICY.thresholds.workshop);
    expect(result.decision).toEqual({
      recommendation: 'fail',
      threshold: DEFAULT_SCORING_POLICY.thresholds.workshop,
      reasons: ['1 项必选条款专家组评分为 0：sd10.ws.c'],
    });
  });

  it('without the red line it passes at the default threshold and fails a stricter batch', () => {
    const zhao = { expertId: 'zhao', clauses: { 'sd10.ws.a': 1, 'sd10.ws.b': 1, 'sd10.ws.c': 0.5 } };
    const fixed = replacePanel(panels, { ...sd10, experts: [...sd10.experts.slice(0, 2), zhao] });
    const again = ok(scoreApplication({ tier, industry, panels: fixed }));
    // sd10: (2/3 + 2/3 + 2.5/3) / 3 = 13/18; foundation (1 + 13/18) / 2 = 31/36;
    // total (157/192 + 31/36 + 1) / 3 = 1543/1728 ≈ 0.89294
    expect(again.subdomains.find((s) => s.no === 10)!.score).toBeCloseTo(13 / 18, 12);
    expect(again.total).toBeCloseTo(1543 / 1728, 12);
    expect(again.redLines).toEqual([]);
    expect(again.decision).toEqual({ recommendation: 'pass', threshold: 0.6, reasons: [] });

    const strict = { ...DEFAULT_SCORING_POLICY, thresholds: { ...DEFAULT_SCORING_POLICY.thresholds, workshop: 0.9 } };
    const stricter = ok(scoreApplication({ tier, industry, panels: fixed }, strict));
    expect(stricter.decision).toEqual({
      recommendation: 'fail',
      threshold: 0.9,
      reasons: [`总分 ${(1543 / 1728).toFixed(3)} 低于“${TIER_NAMES.workshop}”通过线 0.9`],
    });
  });

  it('fails with both reasons when both apply', () => {
    const strict = { ...DEFAULT_SCORING_POLICY, thresholds: { ...DEFAULT_SCORING_POLICY.thresholds, workshop: 0.95 } };
    expect(ok(scoreApplication({ tier, industry, panels }, strict)).decision.reasons).toEqual([
      '总分 0.884 低于“省级数字化车间”通过线 0.95',
      '1 项必选条款专家组评分为 0：sd10.ws.c',
    ]);
  });
});

describe('red lines', () => {
  const tier = 'smart_factory';
  const industry = 'process';
  const base = uniformPanels(tier, industry, [1, 1, 1, 1, 1]);
  const ids = clauseIds(tier, industry, 1);
  const withClauseScores = (clauseId: string, scores: number[]) =>
    replacePanel(base, {
      subdomainNo: 1,
      experts: scores.map((s, i) => sheet(`expert-${i + 1}`, ids, (id) => (id === clauseId ? s : 1))),
    });

  it('follow the trimmed panel mean of the clause', () => {
    const mandatory = ids.find((id) => rs.clauseById.get(id)!.clause.obligation === 'mandatory')!;
    // 0, 0, 0, 0, 1 → trimmed 0, 0, 0 → 0: a red line
    expect(
      ok(scoreApplication({ tier, industry, panels: withClauseScores(mandatory, [0, 0, 0, 0, 1]) })).redLines,
    ).toEqual([expect.objectContaining({ clauseId: mandatory, subdomainNo: 1 })]);
    // 0, 0, 0, 1, 1 → trimmed 0, 0, 1 → 1/3: none
    expect(
      ok(scoreApplication({ tier, industry, panels: withClauseScores(mandatory, [0, 0, 0, 1, 1]) })).redLines,
    ).toEqual([]);
  });

  it('never come from a recommended clause', () => {
    const recommended = ids.find((id) => rs.clauseById.get(id)!.clause.obligation === 'recommended')!;
    const result = ok(scoreApplication({ tier, industry, panels: withClauseScores(recommended, [0, 0, 0, 0, 0]) }));
    expect(result.redLines).toEqual([]);
    expect(result.decision.recommendation).toBe('pass');
  });

  it('are listed for every sub-domain in catalog order', () => {
    const panels = uniformPanels(tier, industry, [0]);
    const result = ok(scoreApplication({ tier, industry, panels }));
    const mandatory = tierScope(rs, tier).subdomains.flatMap((no) =>
      clauseIds(tier, industry, no).filter((id) => rs.clauseById.get(id)!.clause.obligation === 'mandatory'),
    );
    expect(result.redLines.map((r) => r.clauseId)).toEqual(mandatory);
    expect(result.total).toBe(0);
    expect(result.decision.reasons[0]).toBe(
      `总分 0.000 低于“${TIER_NAMES[tier]}”通过线 ${DEFAULT_SCORING_POLICY.thresholds[tier]}`,
    );
  });
});

describe('industry clauses', () => {
  it('a future factory is scored on its own industry’s c1/c2 clause only', () => {
    const discrete = clauseIds('future_factory', 'discrete', 15);
    const process = clauseIds('future_factory', 'process', 15);
    expect(discrete).toContain('sd15.ff.c1');
    expect(discrete).not.toContain('sd15.ff.c2');
    expect(process).toContain('sd15.ff.c2');
    const panels = replacePanel(uniformPanels('future_factory', 'discrete', [1]), {
      subdomainNo: 15,
      experts: [sheet('expert-1', discrete, (id) => (id === 'sd15.ff.c1' ? 0 : 1))],
    });
    const result = ok(scoreApplication({ tier: 'future_factory', industry: 'discrete', panels }));
    // a, b, c1, d — all 应: (1 + 1 + 0 + 1) / 4
    expect(result.subdomains.find((s) => s.no === 15)!.score).toBe(3 / 4);
    expect(result.redLines.map((r) => r.clauseId)).toEqual(['sd15.ff.c1']);
  });
});

describe('thresholds and divergence at exactly their limits', () => {
  it('a total exactly at the pass mark passes', () => {
    // Every sub-domain scored 0.5, 1, 0.8, 0.5 on every clause: (0.5 + 1 + 0.8 + 0.5) / 4 = 0.7 everywhere,
    // so the total is exactly the smart factory's pass mark of 0.7.
    expect(DEFAULT_SCORING_POLICY.thresholds.smart_factory).toBe(0.7);
    const result = ok(
      scoreApplication({
        tier: 'smart_factory',
        industry: 'discrete',
        panels: uniformPanels('smart_factory', 'discrete', [0.5, 1, 0.8, 0.5]),
      }),
    );
    expect(result.total).toBeCloseTo(0.7, 12);
    expect(result.decision).toEqual({ recommendation: 'pass', threshold: 0.7, reasons: [] });
  });

  it('a total just under the pass mark fails', () => {
    const policy = {
      ...DEFAULT_SCORING_POLICY,
      thresholds: { ...DEFAULT_SCORING_POLICY.thresholds, smart_factory: 0.7001 },
    };
    const result = ok(
      scoreApplication(
        {
          tier: 'smart_factory',
          industry: 'discrete',
          panels: uniformPanels('smart_factory', 'discrete', [0.5, 1, 0.8, 0.5]),
        },
        policy,
      ),
    );
    expect(result.decision.recommendation).toBe('fail');
  });

  it('a spread of exactly the divergence threshold is not flagged; more is', () => {
    // sd11 at a future factory: a–d 应 (weight 1), e 宜 (0.5), total weight 4.5.
    // expert-1: (0 + 0.8 + 0.8 + 0.8 + 0.5·0.5) / 4.5 = 2.65 / 4.5; expert-2: (0.5·0.8) / 4.5 = 0.4 / 4.5
    // spread = 2.25 / 4.5 = 0.5 exactly
    const ids = clauseIds('future_factory', 'discrete', 11);
    expect(ids.map((id) => rs.clauseById.get(id)!.clause.obligation)).toEqual([
      'mandatory',
      'mandatory',
      'mandatory',
      'mandatory',
      'recommended',
    ]);
    const one = [0, 0.8, 0.8, 0.8, 0.5];
    const two = [0, 0, 0, 0, 0.8];
    const panel = (b: number[]) => ({
      subdomainNo: 11,
      experts: [
        sheet('expert-1', ids, (id) => one[ids.indexOf(id)]),
        sheet('expert-2', ids, (id) => b[ids.indexOf(id)]),
      ],
    });
    const run = (b: number[]) =>
      ok(
        scoreApplication({
          tier: 'future_factory',
          industry: 'discrete',
          panels: replacePanel(uniformPanels('future_factory', 'discrete', [1]), panel(b)),
        }),
      );
    const exact = run(two).subdomains.find((s) => s.no === 11)!;
    expect(exact.spread).toBeCloseTo(0.5, 12);
    expect(exact.divergent).toBe(false);
    const wider = run([0, 0, 0, 0, 0.5]).subdomains.find((s) => s.no === 11)!; // spread 2.4 / 4.5 = 0.533
    expect(wider.spread).toBeCloseTo(2.4 / 4.5, 12);
    expect(wider.divergent).toBe(true);
  });

  it('the divergence threshold and weights are policy', () => {
    const tight: ScoringPolicy = { ...DEFAULT_SCORING_POLICY, divergenceThreshold: 0.1 };
    const panels = uniformPanels('workshop', 'discrete', [1, 0.8]); // spread 0.2 everywhere
    expect(ok(scoreApplication({ tier: 'workshop', industry: 'discrete', panels })).divergent).toEqual([]);
    expect(ok(scoreApplication({ tier: 'workshop', industry: 'discrete', panels }, tight)).divergent).toEqual(
      tierScope(rs, 'workshop').subdomains,
    );

    const sd01 = {
      subdomainNo: 1,
      experts: [{ expertId: 'x', clauses: { 'sd01.ws.a': 1, 'sd01.ws.b': 0.5, 'sd01.ws.c': 0 } }],
    };
    const equal: ScoringPolicy = { ...DEFAULT_SCORING_POLICY, weights: { mandatory: 1, recommended: 1 } };
    const input = {
      tier: 'workshop' as const,
      industry: 'discrete' as const,
      panels: replacePanel(uniformPanels('workshop', 'discrete', [1]), sd01),
    };
    expect(ok(scoreApplication(input)).subdomains[0].score).toBe(1.25 / 2);
    expect(ok(scoreApplication(input, equal)).subdomains[0].score).toBe(1.5 / 3);
  });
});

// ---------------------------------------------------------------------------------------------

describe('error codes of scoreApplication', () => {
  const tier = 'workshop';
  const industry = 'discrete';
  const panels = uniformPanels(tier, industry, [1, 0.8]);
  const sd = (no: number) => rs.subdomainByNo.get(no)!;
  const clause = (id: string) => rs.clauseById.get(id)!.clause;

  it('rule_set.unknown', () => {
    expect(failed(scoreApplication({ ruleSetVersion: 'zj-ff-1999', tier, industry, panels }))).toEqual([
      { code: 'rule_set.unknown', message: '规则版本“zj-ff-1999”不存在' },
    ]);
    expect(ok(scoreApplication({ ruleSetVersion: rs.version, tier, industry, panels })).tier).toBe(tier);
  });

  it('tier.invalid', () => {
    expect(failed(scoreApplication({ tier: 'national' as TierCode, industry, panels }))).toEqual([
      { code: 'tier.invalid', message: '申报等级“national”不存在' },
    ]);
  });

  it('industry.invalid', () => {
    expect(failed(scoreApplication({ tier, industry: 'mixed' as IndustryMode, panels }))).toEqual([
      { code: 'industry.invalid', message: '行业类型“mixed”不存在，应为 discrete（离散行业）或 process（流程行业）' },
    ]);
  });

  it('panel.missing, for a sub-domain without a panel or without experts', () => {
    const without = panels
      .filter((p) => p.subdomainNo !== 5)
      .map((p) => (p.subdomainNo === 7 ? { ...p, experts: [] } : p));
    expect(failed(scoreApplication({ tier, industry, panels: without }))).toEqual([
      { code: 'panel.missing', subdomainNo: 5, message: `能力子域“5.${sd(5).name}”尚无专家评分` },
      { code: 'panel.missing', subdomainNo: 7, message: `能力子域“7.${sd(7).name}”尚无专家评分` },
    ]);
  });

  it('score.missing', () => {
    const incomplete = replacePanel(panels, {
      subdomainNo: 1,
      experts: [panels[0].experts[0], { expertId: 'li', clauses: { 'sd01.ws.a': 1, 'sd01.ws.c': 1 } }],
    });
    expect(failed(scoreApplication({ tier, industry, panels: incomplete }))).toEqual([
      {
        code: 'score.missing',
        subdomainNo: 1,
        clauseId: 'sd01.ws.b',
        expertId: 'li',
        message: `${describeClause(sd(1), clause('sd01.ws.b'))}缺少专家评分`,
      },
    ]);
  });

  it.each([0.7, 2, -1, Number.NaN, '1' as unknown as number])('score.off_scale for %p', (score) => {
    const off = replacePanel(panels, {
      subdomainNo: 3,
      experts: [{ expertId: 'zhao', clauses: { 'sd03.ws': score } }],
    });
    expect(failed(scoreApplication({ tier, industry, panels: off }))).toEqual([
      {
        code: 'score.off_scale',
        subdomainNo: 3,
        clauseId: 'sd03.ws',
        expertId: 'zhao',
        message: `能力子域“3.技术标准体系”要求的评分 ${score} 不在评分档位（0 不满足、0.5 部分满足、0.8 大部分满足、1 全部满足）内`,
      },
    ]);
  });

  it('score.off_scale follows the policy’s scale', () => {
    const fivePoint: ScoringPolicy = {
      ...DEFAULT_SCORING_POLICY,
      scale: [0, 1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}分` })),
    };
    expect(
      ok(scoreApplication({ tier, industry, panels: uniformPanels(tier, industry, [5, 4]) }, fivePoint)).total,
    ).toBe(4.5);
    const errors = failed(scoreApplication({ tier, industry, panels }, fivePoint));
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['score.off_scale']));
    expect(errors[0].message).toContain('（0 0分、1 1分、2 2分、3 3分、4 4分、5 5分）');
    expect(errors).toHaveLength(
      panels
        .flatMap((p) => p.experts)
        .filter((e) => e.expertId === 'expert-2')
        .flatMap((e) => Object.keys(e.clauses)).length,
    );
  });

  it('score.unknown_clause, for a clause of another tier or of the other industry', () => {
    const extra = replacePanel(panels, {
      subdomainNo: 1,
      experts: [{ expertId: 'wang', clauses: { ...panels[0].experts[0].clauses, 'sd01.sf.a': 1 } }],
    });
    expect(failed(scoreApplication({ tier, industry, panels: extra }))).toEqual([
      {
        code: 'score.unknown_clause',
        subdomainNo: 1,
        clauseId: 'sd01.sf.a',
        expertId: 'wang',
        message: '条款“sd01.sf.a”不属于能力子域“1.新一代信息技术”在本等级的要求',
      },
    ]);
    const ff = uniformPanels('future_factory', 'discrete', [1]);
    const otherIndustry = replacePanel(ff, {
      subdomainNo: 16,
      experts: [sheet('wang', [...clauseIds('future_factory', 'discrete', 16), 'sd16.ff.c2'], 1)],
    });
    expect(failed(scoreApplication({ tier: 'future_factory', industry: 'discrete', panels: otherIndustry }))).toEqual([
      expect.objectContaining({ code: 'score.unknown_clause', subdomainNo: 16, clauseId: 'sd16.ff.c2' }),
    ]);
  });

  it('panel.not_in_tier, for a sub-domain the tier does not require or that does not exist', () => {
    const required = tierScope(rs, tier).subdomains;
    const notRequired = rs.subdomains.find((s) => !required.includes(s.no))!.no;
    const extra = [...panels, { subdomainNo: notRequired, experts: [] }, { subdomainNo: 45, experts: [] }];
    expect(failed(scoreApplication({ tier, industry, panels: extra }))).toEqual([
      {
        code: 'panel.not_in_tier',
        subdomainNo: notRequired,
        message: `能力子域 ${notRequired} 不在“省级数字化车间”的评价范围内`,
      },
      { code: 'panel.not_in_tier', subdomainNo: 45, message: '能力子域 45 不在“省级数字化车间”的评价范围内' },
    ]);
  });

  it('reports every error at once, in catalog order', () => {
    const bad = replacePanel(
      panels.filter((p) => p.subdomainNo !== 2),
      {
        subdomainNo: 1,
        experts: [{ expertId: 'wang', clauses: { 'sd01.ws.a': 0.3, 'sd01.ws.b': 1, 'sd01.ws.x': 1 } }],
      },
    );
    expect(
      failed(scoreApplication({ tier, industry, panels: [...bad, { subdomainNo: 44, experts: [] }] })).map((e) => [
        e.code,
        e.subdomainNo,
      ]),
    ).toEqual([
      ['score.off_scale', 1],
      ['score.missing', 1],
      ['score.unknown_clause', 1],
      ['panel.missing', 2],
      ['panel.not_in_tier', 44],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const FIVE_POINT: ScoringPolicy = {
  ...DEFAULT_SCORING_POLICY,
  version: 'five-point',
  scale: [0, 1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}分` })),
  divergenceThreshold: 2,
  thresholds: { workshop: 3, smart_factory: 3.5, future_factory: 4 },
};

/** A complete application: every sub-domain of the tier, 1–6 experts, any scale value on every clause. */
function application(policy: ScoringPolicy): fc.Arbitrary<ScoringInput> {
  const values = policy.scale.map((s) => s.value);
  return fc
    .tuple(fc.constantFrom(...TIER_CODES), fc.constantFrom<IndustryMode>('discrete', 'process'))
    .chain(([tier, industry]) =>
      fc
        .tuple(
          ...tierScope(rs, tier).subdomains.map((no) => {
            const ids = clauseIds(tier, industry, no);
            return fc
              .array(fc.array(fc.constantFrom(...values), { minLength: ids.length, maxLength: ids.length }), {
                minLength: 1,
                maxLength: 6,
              })
              .map((experts): Panel => ({
                subdomainNo: no,
                experts: experts.map((scores, i) => ({
                  expertId: `expert-${i + 1}`,
                  clauses: Object.fromEntries(ids.map((id, k) => [id, scores[k]])),
                })),
              }));
          }),
        )
        .map((panels) => ({ tier, industry, panels })),
    );
}

/** The result without the order of expertScores, which follows the input. */
const canonical = (r: ScoringResult) => ({
  ...r,
  subdomains: r.subdomains.map((s) => ({
    ...s,
    expertScores: [...s.expertScores].sort((a, b) => a.expertId.localeCompare(b.expertId)),
  })),
});

describe.each([
  ['the default scale', DEFAULT_SCORING_POLICY],
  ['a five-point scale', FIVE_POINT],
])('properties on %s', (_, policy) => {
  const max = Math.max(...policy.scale.map((s) => s.value));

  it('every score lies within [0, max of the scale]', () => {
    fc.assert(
      fc.property(application(policy), (input) => {
        const r = ok(scoreApplication(input, policy));
        const all = [
          ...r.subdomains.flatMap((s) => [s.score, ...s.expertScores.map((e) => e.score)]),
          ...r.domains.map((d) => d.score),
          ...r.elements.map((e) => e.score),
          r.total,
        ];
        for (const x of all) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(max);
        }
        expect(r.subdomains.map((s) => s.no)).toEqual(tierScope(rs, input.tier).subdomains);
        expect(r.decision.recommendation).toBe(r.decision.reasons.length ? 'fail' : 'pass');
      }),
      { numRuns: 60 },
    );
  });

  it('raising one clause score never lowers the sub-domain, domain or total', () => {
    const values = policy.scale.map((s) => s.value).sort((a, b) => a - b);
    fc.assert(
      fc.property(application(policy), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (input, p, e, c, up) => {
        const panel = input.panels[p % input.panels.length];
        const expert = panel.experts[e % panel.experts.length];
        const ids = Object.keys(expert.clauses);
        const id = ids[c % ids.length];
        const higher = values.filter((v) => v > expert.clauses[id]);
        fc.pre(higher.length > 0);
        const raised: ExpertSheet = { ...expert, clauses: { ...expert.clauses, [id]: higher[up % higher.length] } };
        const after: ScoringInput = {
          ...input,
          panels: replacePanel(input.panels, {
            ...panel,
            experts: panel.experts.map((x) => (x === expert ? raised : x)),
          }),
        };
        const r0 = ok(scoreApplication(input, policy));
        const r1 = ok(scoreApplication(after, policy));
        const domain = rs.subdomainByNo.get(panel.subdomainNo)!.domain;
        expect(r1.subdomains.find((s) => s.no === panel.subdomainNo)!.score).toBeGreaterThanOrEqual(
          r0.subdomains.find((s) => s.no === panel.subdomainNo)!.score,
        );
        expect(r1.domains.find((d) => d.code === domain)!.score).toBeGreaterThanOrEqual(
          r0.domains.find((d) => d.code === domain)!.score,
        );
        expect(r1.total).toBeGreaterThanOrEqual(r0.total);
        expect(r1.redLines.length).toBeLessThanOrEqual(r0.redLines.length);
        if (r0.decision.recommendation === 'pass') expect(r1.decision.recommendation).toBe('pass');
      }),
      { numRuns: 100 },
    );
  });

  it('the order of experts, of clauses in a sheet and of panels does not matter', () => {
    const shuffled = application(policy).chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc
          .shuffledSubarray(input.panels, { minLength: input.panels.length })
          .chain((panels) =>
            fc.tuple(
              ...panels.map((p) =>
                fc
                  .shuffledSubarray(p.experts, { minLength: p.experts.length })
                  .chain((experts) =>
                    fc
                      .tuple(
                        ...experts.map((x) =>
                          fc
                            .shuffledSubarray(Object.entries(x.clauses), { minLength: Object.keys(x.clauses).length })
                            .map((entries) => ({ expertId: x.expertId, clauses: Object.fromEntries(entries) })),
                        ),
                      )
                      .map((sheets): Panel => ({ subdomainNo: p.subdomainNo, experts: sheets })),
                  ),
              ),
            ),
          ),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([input, panels]) => {
        const a = ok(scoreApplication(input, policy));
        const b = ok(scoreApplication({ ...input, panels }, policy));
        expect(canonical(b)).toEqual(canonical(a));
      }),
      { numRuns: 100 },
    );
  });
});
