import fc from 'fast-check';
import {
  DEFAULT_PRECHECK_POLICY,
  Declaration,
  FINDING_CODES,
  Finding,
  FindingCode,
  IndustryMode,
  PrecheckPolicy,
  PrecheckReport,
  Submission,
  TIER_CODES,
  TIER_NAMES,
  TierCode,
  clausesFor,
  describeClause,
  evaluateSubmission,
  getRuleSet,
  tierScope,
} from '@ff/rules';

const rs = getRuleSet();
const NARRATIVE = '已建成并运行相应的信息系统，覆盖全部核心产线，运行记录与验收报告详见佐证材料。';

/** Every finding code any test of this file has seen; checked by the last test. */
const seen = new Set<FindingCode>();
function evaluate(input: unknown, policy?: PrecheckPolicy): PrecheckReport {
  const report = evaluateSubmission(input, policy);
  for (const f of report.findings) seen.add(f.code as FindingCode);
  return report;
}

const entry = (clauseId: string) => rs.clauseById.get(clauseId)!;
const nameOf = (clauseId: string) => describeClause(entry(clauseId).subdomain, entry(clauseId).clause);

/** A complete, well-documented self-assessment of every clause of a tier. */
function declarations(tier: TierCode, industry: IndustryMode): Declaration[] {
  return clausesFor(rs, tier, industry).map(({ clause }) => ({
    clauseId: clause.id,
    status: 'met',
    narrative: NARRATIVE,
    evidence: [`ev-${clause.id}`],
  }));
}

/** A submission that passes: all clauses met; a future factory fit for 创新突破领航型. */
function complete(tier: TierCode, industry: IndustryMode = 'discrete'): Submission {
  const base: Submission = { tier, industry, declarations: declarations(tier, industry) };
  if (tier !== 'future_factory') return base;
  return {
    ...base,
    constructionType: 'innovation_pioneer',
    profile: { industryLeader: true },
    constructionEvidence: {
      innovation_pioneer: {
        coreCapability: { claimed: true, evidence: ['ev-national-lab'] },
        newTechModel: { claimed: true, evidence: ['ev-core-scenario'] },
      },
    },
  };
}

/** `complete(...)` with one clause's declaration changed (or removed with `null`). */
function withDeclaration(s: Submission, clauseId: string, change: Partial<Declaration> | null): Submission {
  const out = s.declarations.flatMap((d) => (d.clauseId !== clauseId ? [d] : change ? [{ ...d, ...change }] : []));
  expect(out).not.toEqual(s.declarations);
  return { ...s, declarations: out };
}

const firstWith = (tier: TierCode, test: (id: string, obligation: string) => boolean) =>
  clausesFor(rs, tier, 'discrete').find(({ clause }) => test(clause.id, clause.obligation))!.clause.id;
const WS_MANDATORY = firstWith('workshop', (_, o) => o === 'mandatory');
const WS_RECOMMENDED = firstWith('workshop', (_, o) => o === 'recommended');
const WS_UNLETTERED = firstWith('workshop', (id, o) => o === 'mandatory' && entry(id).clause.label === '');
const FF_MANDATORY = firstWith('future_factory', (_, o) => o === 'mandatory');
const FF_PROCESS_ONLY = [...rs.clauseById.values()].find(
  (e) => e.tier === 'future_factory' && e.clause.industry === 'process',
)!.clause.id;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------

describe('the fixtures', () => {
  it('are what they claim to be', () => {
    expect(NARRATIVE.length).toBeGreaterThanOrEqual(DEFAULT_PRECHECK_POLICY.minNarrativeLength);
    expect(entry(WS_MANDATORY).clause.obligation).toBe('mandatory');
    expect(entry(WS_RECOMMENDED).clause.obligation).toBe('recommended');
    expect(entry(WS_UNLETTERED).clause.label).toBe('');
    expect(entry(FF_PROCESS_ONLY).clause.text.startsWith('流程行业：')).toBe(true);
  });
});

describe('a complete submission', () => {
  it.each(TIER_CODES.flatMap((t) => (['discrete', 'process'] as const).map((i) => [t, i] as const)))(
    'passes at %s for a %s enterprise',
    (tier, industry) => {
      const report = evaluate(complete(tier, industry));
      const applicable = clausesFor(rs, tier, industry);
      const mandatory = applicable.filter((a) => a.clause.obligation === 'mandatory').length;
      expect(report.findings).toEqual([]);
      expect(report.verdict).toBe('pass');
      expect(report).toMatchObject({
        ruleSetVersion: rs.version,
        policyVersion: DEFAULT_PRECHECK_POLICY.version,
        tier,
        industry,
        highestSupportedTier: tier,
        summary: {
          errors: 0,
          warnings: 0,
          mandatoryClauses: mandatory,
          satisfiedMandatory: mandatory,
          declaredClauses: applicable.length,
        },
      });
      expect(report.subdomains.map((s) => s.no)).toEqual(tierScope(rs, tier).subdomains);
      expect(report.subdomains.flatMap((s) => s.clauses.map((c) => c.id))).toEqual(applicable.map((a) => a.clause.id));
      expect(report.subdomains.every((s) => s.errors === 0 && s.warnings === 0)).toBe(true);
      expect(report.subdomains.flatMap((s) => s.clauses).every((c) => c.status === 'met' && c.satisfied)).toBe(true);
      if (tier === 'future_factory') {
        expect(report.constructionType).toMatchObject({ declaredType: 'innovation_pioneer', declaredSupported: true });
      } else {
        expect(report.constructionType).toBeNull();
      }
    },
  );

  it('uses the current rule set when none is named, and the named one when it exists', () => {
    const s = complete('workshop');
    expect(evaluate({ ...s, ruleSetVersion: rs.version })).toEqual(evaluate(s));
  });
});

// ---------------------------------------------------------------------------------------------
// Every finding code, one realistic scenario each
// ---------------------------------------------------------------------------------------------

interface Scenario {
  input: unknown;
  policy?: PrecheckPolicy;
  /** Substrings the Chinese message must hold. */
  message: string[];
  where: Omit<Finding, 'code' | 'severity' | 'message'>;
}

const ws = complete('workshop');
const ff = complete('future_factory');
const at = (s: Submission, clauseId: string) => s.declarations.findIndex((d) => d.clauseId === clauseId);

const SCENARIOS: Record<FindingCode, () => Scenario> = {
  'submission.invalid': () => ({
    input: { ...ws, tier: 'provincial' },
    message: ['tier 应为', TIER_NAMES.workshop, TIER_NAMES.smart_factory, TIER_NAMES.future_factory],
    where: { path: 'tier' },
  }),
  'rule_set.unknown': () => ({
    input: { ...ws, ruleSetVersion: 'zj-ff-1999' },
    message: ['规则版本“zj-ff-1999”不存在'],
    where: { path: 'ruleSetVersion' },
  }),
  'declaration.missing': () => ({
    input: withDeclaration(ws, WS_MANDATORY, null),
    message: [nameOf(WS_MANDATORY), '必选条款（应）', '未填写自评'],
    where: { clauseId: WS_MANDATORY, subdomainNo: entry(WS_MANDATORY).subdomain.no },
  }),
  'declaration.recommended_missing': () => ({
    input: withDeclaration(ws, WS_RECOMMENDED, null),
    message: [nameOf(WS_RECOMMENDED), '推荐条款（宜）', '未填写自评'],
    where: { clauseId: WS_RECOMMENDED, subdomainNo: entry(WS_RECOMMENDED).subdomain.no },
  }),
  'declaration.not_met': () => ({
    input: withDeclaration(ws, WS_MANDATORY, { status: 'not_met' }),
    message: [nameOf(WS_MANDATORY), '自评为“不满足”', `不符合“${TIER_NAMES.workshop}”申报要求`],
    where: { clauseId: WS_MANDATORY, subdomainNo: entry(WS_MANDATORY).subdomain.no },
  }),
  'declaration.partial': () => ({
    input: withDeclaration(ff, FF_MANDATORY, { status: 'partial' }),
    policy: { ...DEFAULT_PRECHECK_POLICY, partialCountsAsMet: false },
    message: [nameOf(FF_MANDATORY), '自评为“部分满足”', '须为“满足”'],
    where: { clauseId: FF_MANDATORY, subdomainNo: entry(FF_MANDATORY).subdomain.no },
  }),
  'evidence.missing': () => ({
    input: withDeclaration(ws, WS_UNLETTERED, { evidence: [] }),
    message: [`${nameOf(WS_UNLETTERED)}未上传佐证材料`],
    where: { clauseId: WS_UNLETTERED, subdomainNo: entry(WS_UNLETTERED).subdomain.no },
  }),
  'narrative.too_short': () => ({
    input: withDeclaration(ws, WS_MANDATORY, { narrative: '  已建立相关系统。 ' }),
    message: [
      nameOf(WS_MANDATORY),
      `自评说明不足${DEFAULT_PRECHECK_POLICY.minNarrativeLength}字`,
      `（当前${'已建立相关系统。'.length}字）`,
    ],
    where: { clauseId: WS_MANDATORY, subdomainNo: entry(WS_MANDATORY).subdomain.no },
  }),
  'clause.other_industry': () => {
    const input = { ...ff, declarations: [...ff.declarations, { ...ff.declarations[0], clauseId: FF_PROCESS_ONLY }] };
    return {
      input,
      message: [nameOf(FF_PROCESS_ONLY), '仅适用于流程行业', '本企业为离散行业'],
      where: {
        path: `declarations[${ff.declarations.length}]`,
        clauseId: FF_PROCESS_ONLY,
        subdomainNo: entry(FF_PROCESS_ONLY).subdomain.no,
      },
    };
  },
  'clause.unknown': () => ({
    input: { ...ws, declarations: [{ ...ws.declarations[0], clauseId: 'sd45.ws.a' }, ...ws.declarations] },
    message: ['条款编号“sd45.ws.a”', rs.version, '不存在'],
    where: { path: 'declarations[0].clauseId', clauseId: 'sd45.ws.a' },
  }),
  'clause.duplicate': () => {
    const i = at(ws, WS_UNLETTERED);
    return {
      input: {
        ...ws,
        declarations: [...ws.declarations, { ...ws.declarations[i], narrative: `${NARRATIVE}（补充）` }],
      },
      message: [nameOf(WS_UNLETTERED), `（${TIER_NAMES.workshop}）重复填写`, `（第${ws.declarations.length + 1}项）`],
      where: {
        path: `declarations[${ws.declarations.length}]`,
        clauseId: WS_UNLETTERED,
        subdomainNo: entry(WS_UNLETTERED).subdomain.no,
      },
    };
  },
  'clause.not_in_tier': () => ({
    input: { ...ws, declarations: [...ws.declarations, { ...ws.declarations[0], clauseId: FF_MANDATORY }] },
    message: [
      nameOf(FF_MANDATORY),
      `属于“${TIER_NAMES.future_factory}”的要求`,
      `高于本次申报等级“${TIER_NAMES.workshop}”`,
    ],
    where: {
      path: `declarations[${ws.declarations.length}]`,
      clauseId: FF_MANDATORY,
      subdomainNo: entry(FF_MANDATORY).subdomain.no,
    },
  }),
  'construction_type.missing': () => ({
    input: { ...ff, constructionType: undefined },
    message: ['须选择建设类型', ...rs.constructionTypes.map((t) => t.name)],
    where: { path: 'constructionType' },
  }),
  'construction_type.unsupported': () => ({
    input: { ...ff, profile: { industryLeader: false } },
    message: [
      '所选建设类型“创新突破领航型”不符合表15要求',
      '基础要求（表15：行业龙头企业）：企业声明不属于“行业龙头企业”',
    ],
    where: { path: 'constructionType' },
  }),
  'construction_type.undetermined': () => ({
    input: { ...ff, profile: undefined },
    message: ['建设类型“创新突破领航型”有待核实', '基础要求（表15：行业龙头企业）：未声明是否为“行业龙头企业”，待核实'],
    where: { path: 'constructionType' },
  }),
  'construction_type.not_applicable': () => ({
    input: { ...complete('smart_factory'), constructionType: 'chain_leader' },
    message: ['建设类型仅适用于未来工厂申报', `“${TIER_NAMES.smart_factory}”申报无需选择`],
    where: { path: 'constructionType' },
  }),
};

describe('every finding code', () => {
  it('has a scenario', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(FINDING_CODES).sort());
  });

  it.each(Object.keys(SCENARIOS) as FindingCode[])(
    '%s: raised alone, with its severity, message and location',
    (code) => {
      const { input, policy, message, where } = SCENARIOS[code]();
      const report = evaluate(deepFreeze(input), policy);
      const severity = FINDING_CODES[code].severity;
      expect(report.findings).toEqual([{ code, severity, message: expect.any(String), ...where }]);
      for (const part of message) expect(report.findings[0].message).toContain(part);
      expect(report.findings[0].message).toMatch(/[\u4e00-\u9fa5]/);
      expect(report.verdict).toBe(severity === 'error' ? 'return' : 'pass');
      expect(report.summary.errors).toBe(severity === 'error' ? 1 : 0);
      expect(report.summary.warnings).toBe(severity === 'warning' ? 1 : 0);
      if (where.subdomainNo !== undefined && where.path === undefined) {
        // A finding about a target-tier clause is counted in its sub-domain's result.
        const sub = report.subdomains.find((s) => s.no === where.subdomainNo)!;
        expect(severity === 'error' ? sub.errors : sub.warnings).toBe(1);
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe('sub-domain results and the summary', () => {
  it('count each sub-domain’s errors and warnings and report each clause', () => {
    const sd1 = rs.subdomainByNo.get(1)!.requirements.workshop!;
    const [a, b, c] = sd1.map((x) => x.id);
    let s = withDeclaration(ws, a, { status: 'not_met', narrative: '未建设。' });
    s = withDeclaration(s, b, null);
    s = withDeclaration(s, c, { status: 'partial' });
    const report = evaluate(s);
    expect(report.findings.map((f) => [f.code, f.clauseId])).toEqual([
      ['declaration.not_met', a],
      ['narrative.too_short', a],
      ['declaration.recommended_missing', b],
    ]);
    expect(report.subdomains[0]).toEqual({
      no: 1,
      name: '新一代信息技术',
      errors: 2,
      warnings: 1,
      clauses: [
        { id: a, label: 'a', obligation: 'mandatory', status: 'not_met', satisfied: false },
        { id: b, label: 'b', obligation: 'recommended', status: null, satisfied: false },
        { id: c, label: 'c', obligation: 'recommended', status: 'partial', satisfied: true },
      ],
    });
    expect(report.subdomains.slice(1).every((x) => x.errors === 0 && x.warnings === 0)).toBe(true);
    const mandatory = clausesFor(rs, 'workshop', 'discrete').filter((x) => x.clause.obligation === 'mandatory').length;
    expect(report.summary).toEqual({
      errors: 2,
      warnings: 1,
      mandatoryClauses: mandatory,
      satisfiedMandatory: mandatory - 1,
      declaredClauses: ws.declarations.length - 1,
    });
    expect(report.verdict).toBe('return');
    expect(report.highestSupportedTier).toBeNull();
  });

  it('keep evaluating the well-formed declarations when some are malformed', () => {
    const report = evaluate({ ...ws, declarations: [null, ...ws.declarations, 'sd01.ws.a'] });
    expect(report.findings).toEqual([
      {
        code: 'submission.invalid',
        severity: 'error',
        message: '第1项自评格式不正确，应为对象',
        path: 'declarations[0]',
      },
      {
        code: 'submission.invalid',
        severity: 'error',
        message: `第${ws.declarations.length + 2}项自评格式不正确，应为对象`,
        path: `declarations[${ws.declarations.length + 1}]`,
      },
    ]);
    expect(report.summary.declaredClauses).toBe(ws.declarations.length);
    expect(report.highestSupportedTier).toBe('workshop');
  });
});

describe('highestSupportedTier', () => {
  const lowerTiers = (...tiers: TierCode[]) => tiers.flatMap((t) => declarations(t, 'discrete'));

  it('falls back to the smart factory when a future-factory clause fails but every smart-factory clause is declared', () => {
    const s = withDeclaration(ff, FF_MANDATORY, { status: 'not_met' });
    const report = evaluate({ ...s, declarations: [...s.declarations, ...lowerTiers('smart_factory')] });
    expect(report.findings.map((f) => f.code)).toEqual(['declaration.not_met']);
    expect(report.summary.declaredClauses).toBe(
      s.declarations.length + declarations('smart_factory', 'discrete').length,
    );
    expect(report.highestSupportedTier).toBe('smart_factory');
  });

  it('counts a lower tier only through declarations of its own clauses', () => {
    const s = withDeclaration(ff, FF_MANDATORY, null);
    expect(evaluate(s).highestSupportedTier).toBeNull();
    expect(evaluate({ ...s, declarations: [...s.declarations, ...lowerTiers('workshop')] }).highestSupportedTier).toBe(
      'workshop',
    );
    expect(
      evaluate({ ...s, declarations: [...s.declarations, ...lowerTiers('workshop', 'smart_factory')] })
        .highestSupportedTier,
    ).toBe('smart_factory');
  });

  it('ignores recommended clauses', () => {
    const s = clausesFor(rs, 'workshop', 'discrete')
      .filter((x) => x.clause.obligation === 'recommended')
      .reduce((acc, x) => withDeclaration(acc, x.clause.id, null), ws);
    const report = evaluate(s);
    expect(report.verdict).toBe('pass');
    expect(report.findings.every((f) => f.code === 'declaration.recommended_missing')).toBe(true);
    expect(report.highestSupportedTier).toBe('workshop');
  });
});

// ---------------------------------------------------------------------------------------------

describe('policy thresholds change the outcome', () => {
  const policy = (change: Partial<PrecheckPolicy>): PrecheckPolicy => ({
    ...DEFAULT_PRECHECK_POLICY,
    version: 'batch-2026',
    ...change,
  });
  const codes = (r: PrecheckReport) => r.findings.map((f) => f.code);

  it('minNarrativeLength', () => {
    const narrative = '已部署生产工控网络实现隔离'; // 13 characters
    const s = withDeclaration(ws, WS_MANDATORY, { narrative });
    expect(codes(evaluate(s))).toEqual(['narrative.too_short']);
    expect(evaluate(s).highestSupportedTier).toBeNull();
    const lenient = evaluate(s, policy({ minNarrativeLength: narrative.length }));
    expect(lenient.findings).toEqual([]);
    expect(lenient.policyVersion).toBe('batch-2026');
    expect(lenient.highestSupportedTier).toBe('workshop');
    const strict = evaluate(s, policy({ minNarrativeLength: narrative.length + 1 }));
    expect(strict.findings[0].message).toContain(`自评说明不足${narrative.length + 1}字（当前${narrative.length}字）`);
    // A stricter batch catches the fixture's own narrative too.
    expect(codes(evaluate(ws, policy({ minNarrativeLength: NARRATIVE.length + 1 })))).toEqual(
      ws.declarations.map(() => 'narrative.too_short'),
    );
  });

  it('requireEvidenceForMandatory', () => {
    const s = withDeclaration(ws, WS_MANDATORY, { evidence: [] });
    expect(codes(evaluate(s))).toEqual(['evidence.missing']);
    expect(evaluate(s).highestSupportedTier).toBeNull();
    const lenient = evaluate(s, policy({ requireEvidenceForMandatory: false }));
    expect(lenient.verdict).toBe('pass');
    expect(lenient.highestSupportedTier).toBe('workshop');
  });

  it('requireEvidenceForRecommended, for recommended clauses declared met or partial only', () => {
    const met = withDeclaration(ws, WS_RECOMMENDED, { evidence: [] });
    expect(evaluate(met).findings).toEqual([]);
    const strict = evaluate(met, policy({ requireEvidenceForRecommended: true }));
    expect(strict.findings).toEqual([
      expect.objectContaining({ code: 'evidence.missing', severity: 'error', clauseId: WS_RECOMMENDED }),
    ]);
    const clause = strict.subdomains.flatMap((x) => x.clauses).find((c) => c.id === WS_RECOMMENDED)!;
    expect(clause.satisfied).toBe(false);
    const partial = withDeclaration(met, WS_RECOMMENDED, { status: 'partial' });
    expect(codes(evaluate(partial, policy({ requireEvidenceForRecommended: true })))).toEqual(['evidence.missing']);
    const notMet = withDeclaration(met, WS_RECOMMENDED, { status: 'not_met' });
    expect(evaluate(notMet, policy({ requireEvidenceForRecommended: true })).findings).toEqual([]);
  });

  it('partialCountsAsMet', () => {
    const s = withDeclaration(ws, WS_MANDATORY, { status: 'partial' });
    const lenient = evaluate(s);
    expect(lenient.findings).toEqual([]);
    expect(lenient.highestSupportedTier).toBe('workshop');
    const strict = evaluate(s, policy({ partialCountsAsMet: false }));
    expect(codes(strict)).toEqual(['declaration.partial']);
    expect(strict.highestSupportedTier).toBeNull();
    expect(strict.summary.satisfiedMandatory).toBe(strict.summary.mandatoryClauses - 1);
  });

  it('a mandatory clause declared not met never satisfies, whatever the policy', () => {
    const s = withDeclaration(ws, WS_MANDATORY, { status: 'not_met' });
    const report = evaluate(
      s,
      policy({ partialCountsAsMet: true, requireEvidenceForMandatory: false, minNarrativeLength: 0 }),
    );
    expect(codes(report)).toEqual(['declaration.not_met']);
    expect(report.highestSupportedTier).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('construction type (table 15) inside the pre-check', () => {
  it('reports a partial fit of the declared type as unsupported, naming the unmet dimension', () => {
    const report = evaluate({
      ...ff,
      constructionEvidence: {
        innovation_pioneer: {
          coreCapability: { claimed: true, evidence: ['ev-lab'] },
          newTechModel: { claimed: false, evidence: [] },
        },
      },
    });
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'construction_type.unsupported', path: 'constructionType' }),
    ]);
    expect(report.findings[0].message).toContain(
      '新技术新模式（表15：利用新技术打造自主可控核心场景。）：企业声明不具备',
    );
    expect(report.constructionType!.types[0].verdict).toBe('partial');
  });

  it('accepts a claim without an evidence list, as not yet evidenced', () => {
    const report = evaluate({
      ...ff,
      constructionEvidence: {
        innovation_pioneer: { coreCapability: { claimed: true }, newTechModel: { claimed: true, evidence: null } },
      },
    });
    expect(report.findings).toEqual([expect.objectContaining({ code: 'construction_type.undetermined' })]);
    expect(report.findings[0].message).toContain('已声明具备，但未提供佐证材料');
    expect(report.constructionType!.declaredSupported).toBeNull();
  });

  it('passes the profile and claims through to the classifier', () => {
    const report = evaluate({
      ...ff,
      profile: { industryLeader: true, chainLeader: true, clusterKeyEnterprise: null },
      constructionEvidence: {
        ...ff.constructionEvidence,
        chain_leader: { coreCapability: { claimed: true, evidence: ['ev-chain'] } },
        unknown_type: 'ignored',
      },
    });
    expect(report.findings).toEqual([]);
    const chain = report.constructionType!.types.find((t) => t.code === 'chain_leader')!;
    expect(chain.dimensions.map((d) => d.outcome)).toEqual(['met', 'met', 'unknown']);
    expect(report.constructionType!.bestFit).toEqual(['innovation_pioneer']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('malformed input never throws and becomes findings', () => {
  it.each([null, undefined, 'workshop', 42, true, [], [ws]])('%p is not a submission', (input) => {
    const report = evaluate(input);
    expect(report.findings).toEqual([
      { code: 'submission.invalid', severity: 'error', message: '申报内容应为对象', path: '' },
    ]);
    expect(report).toMatchObject({
      verdict: 'return',
      tier: null,
      industry: null,
      ruleSetVersion: null,
      highestSupportedTier: null,
      constructionType: null,
      subdomains: [],
      summary: { errors: 1, warnings: 0, mandatoryClauses: 0, satisfiedMandatory: 0, declaredClauses: 0 },
    });
  });

  it('an empty object names each missing field', () => {
    const report = evaluate({});
    expect(report.findings.map((f) => [f.code, f.path])).toEqual([
      ['submission.invalid', 'tier'],
      ['submission.invalid', 'industry'],
      ['submission.invalid', 'declarations'],
    ]);
    expect(report.findings[1].message).toBe('industry 应为 discrete（离散行业）或 process（流程行业）');
    expect(report.findings[2].message).toBe('declarations 应为自评数组');
    expect(report.ruleSetVersion).toBe(rs.version);
  });

  it.each([
    ['industry', { industry: 'chemical' }, 'industry'],
    ['declarations', { declarations: { 0: ws.declarations[0] } }, 'declarations'],
    ['a ruleSetVersion that is not text', { ruleSetVersion: 7 }, 'ruleSetVersion'],
    ['a null ruleSetVersion', { ruleSetVersion: null }, 'ruleSetVersion'],
  ])('%s of the wrong type', (_, change, path) => {
    const report = evaluate({ ...ws, ...change });
    expect(report.findings.map((f) => f.path)).toEqual([path]);
    expect(report.verdict).toBe('return');
    expect(report.subdomains).toEqual([]);
    if (path === 'ruleSetVersion') {
      expect(report.findings[0].code).toBe('rule_set.unknown');
      expect(report.findings[0].message).toBe(
        `规则版本“${String((change as { ruleSetVersion: unknown }).ruleSetVersion)}”不存在`,
      );
    }
  });

  it('each field of a declaration is checked', () => {
    const d = ws.declarations[0];
    const bad = [
      'sd01.ws.a',
      [d],
      { ...d, clauseId: 1, status: 'done', narrative: 5, evidence: 'ev-1' },
      { ...d, clauseId: '' },
      { ...d, evidence: [1, 2] },
      { ...d, evidence: null },
      { status: d.status, narrative: d.narrative },
    ];
    const report = evaluate({ ...ws, declarations: [...bad, ...ws.declarations.slice(1)] });
    expect(report.findings.filter((f) => f.code === 'submission.invalid').map((f) => [f.path, f.message])).toEqual([
      ['declarations[0]', '第1项自评格式不正确，应为对象'],
      ['declarations[1]', '第2项自评格式不正确，应为对象'],
      ['declarations[2].clauseId', 'declarations[2].clauseId 应为条款编号'],
      ['declarations[2].status', 'declarations[2].status 应为 met（满足）、partial（部分满足）或 not_met（不满足）'],
      ['declarations[2].narrative', 'declarations[2].narrative 应为文本'],
      ['declarations[2].evidence', 'declarations[2].evidence 应为佐证材料编号的数组'],
      ['declarations[3].clauseId', 'declarations[3].clauseId 应为条款编号'],
      ['declarations[4].evidence', 'declarations[4].evidence 应为佐证材料编号的数组'],
      ['declarations[5].evidence', 'declarations[5].evidence 应为佐证材料编号的数组'],
      ['declarations[6].clauseId', 'declarations[6].clauseId 应为条款编号'],
    ]);
    // The clause whose every declaration was malformed is missing, not silently accepted.
    expect(report.findings.filter((f) => f.code !== 'submission.invalid')).toEqual([
      expect.objectContaining({ code: 'declaration.missing', clauseId: d.clauseId }),
    ]);
  });

  it('a declaration without evidence counts as one with none', () => {
    const { evidence: _evidence, ...noEvidence } = ws.declarations[0];
    const report = evaluate({ ...ws, declarations: [noEvidence, ...ws.declarations.slice(1)] });
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'evidence.missing', clauseId: noEvidence.clauseId }),
    ]);
  });

  it.each([
    ['profile', { profile: 'industry leader' }, ['profile'], 'profile 应为对象'],
    ['profile', { profile: ['industryLeader'] }, ['profile'], 'profile 应为对象'],
    [
      'a profile fact',
      { profile: { industryLeader: 'yes' } },
      ['profile.industryLeader'],
      'profile.industryLeader 应为 true 或 false',
    ],
    ['constructionEvidence', { constructionEvidence: [] }, ['constructionEvidence'], 'constructionEvidence 应为对象'],
    [
      'a construction type’s evidence',
      { constructionEvidence: { innovation_pioneer: true } },
      ['constructionEvidence.innovation_pioneer'],
      'constructionEvidence.innovation_pioneer 应为对象',
    ],
    [
      'a dimension claim',
      { constructionEvidence: { innovation_pioneer: { coreCapability: { claimed: 'yes' }, newTechModel: 'yes' } } },
      [
        'constructionEvidence.innovation_pioneer.coreCapability',
        'constructionEvidence.innovation_pioneer.newTechModel',
      ],
      'constructionEvidence.innovation_pioneer.coreCapability 应为 { claimed: 布尔值, evidence: 佐证编号数组 }',
    ],
    [
      'a claim’s evidence',
      { constructionEvidence: { innovation_pioneer: { coreCapability: { claimed: true, evidence: 'ev' } } } },
      ['constructionEvidence.innovation_pioneer.coreCapability'],
      'constructionEvidence.innovation_pioneer.coreCapability 应为 { claimed: 布尔值, evidence: 佐证编号数组 }',
    ],
    [
      'constructionType',
      { constructionType: 'dragon_head' },
      ['constructionType'],
      'constructionType 应为 innovation_pioneer、cluster_flagship、chain_leader 或 platform_transformer',
    ],
    ['constructionType', { constructionType: 3 }, ['constructionType'], 'constructionType 应为'],
    ['constructionType', { constructionType: '' }, ['constructionType'], 'constructionType 应为'],
  ])('%s of the wrong type (%p)', (_, change, paths, message) => {
    const report = evaluate({ ...ff, ...change });
    const invalid = report.findings.filter((f) => f.code === 'submission.invalid');
    expect(invalid.map((f) => f.path)).toEqual(paths);
    expect(invalid[0].message).toContain(message);
    expect(report.verdict).toBe('return');
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const report = evaluateSubmission(input);
        expect(report.verdict).toBe('return');
        expect(report.summary.errors).toBeGreaterThan(0);
      }),
    );
  });

  it('never throws on submissions with arbitrary fields', () => {
    const clauseIds = [...rs.clauseById.keys()];
    const declaration = fc.oneof(
      fc.record(
        {
          clauseId: fc.oneof(fc.constantFrom(...clauseIds), fc.string(), fc.anything()),
          status: fc.oneof(fc.constantFrom('met', 'partial', 'not_met'), fc.anything()),
          narrative: fc.oneof(fc.string(), fc.anything()),
          evidence: fc.oneof(fc.array(fc.string()), fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    const submission = fc.record(
      {
        ruleSetVersion: fc.oneof(fc.constant(rs.version), fc.anything()),
        tier: fc.oneof(fc.constantFrom(...TIER_CODES), fc.anything()),
        industry: fc.oneof(fc.constantFrom('discrete', 'process'), fc.anything()),
        profile: fc.anything(),
        constructionType: fc.oneof(fc.constantFrom(...rs.constructionTypes.map((t) => t.code)), fc.anything()),
        constructionEvidence: fc.oneof(
          fc.dictionary(fc.constantFrom(...rs.constructionTypes.map((t) => t.code)), fc.anything()),
          fc.anything(),
        ),
        declarations: fc.oneof(fc.array(declaration, { maxLength: 12 }), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(submission, (input) => {
        const report = evaluateSubmission(input);
        const errors = report.findings.filter((f) => f.severity === 'error').length;
        expect(report.summary.errors).toBe(errors);
        expect(report.verdict).toBe(errors === 0 ? 'pass' : 'return');
        for (const f of report.findings) {
          expect(FINDING_CODES[f.code as FindingCode].severity).toBe(f.severity);
          expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('quotes a posted value that cannot be turned into a string (found by the property above)', () => {
    // Valid JSON, so anyone can post it: String() of it throws.
    const hostile = JSON.parse('{"toString": null, "valueOf": null}');
    const report = evaluateSubmission({ ...ff, ruleSetVersion: hostile } as never);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: 'rule_set.unknown',
        message: '规则版本“{"toString":null,"valueOf":null}”不存在',
      }),
    );
  });
});

describe('determinism', () => {
  it('gives the same report for the same input, without touching the input', () => {
    const s = deepFreeze(
      withDeclaration(
        withDeclaration(ff, FF_MANDATORY, { status: 'partial', evidence: [] }),
        FF_PROCESS_ONLY.replace('c2', 'c1'),
        null,
      ),
    );
    const first = evaluate(s);
    expect(first.findings.length).toBeGreaterThan(1);
    expect(evaluate(s)).toEqual(first);
    expect(evaluate(JSON.parse(JSON.stringify(s)))).toEqual(first);
  });

  it('reports findings in declaration order, then catalog order', () => {
    const report = evaluate(SCENARIOS['clause.unknown']().input);
    expect(report.findings.map((f) => f.code)).toEqual(['clause.unknown']);
    const s = withDeclaration(withDeclaration(ws, WS_UNLETTERED, null), WS_MANDATORY, null);
    const missing = evaluate(s).findings.map((f) => f.clauseId);
    const order = clausesFor(rs, 'workshop', 'discrete').map((x) => x.clause.id);
    expect(missing).toEqual([WS_MANDATORY, WS_UNLETTERED].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
  });
});

describe('coverage of the finding codes', () => {
  it('every code in FINDING_CODES was produced by this suite', () => {
    expect([...seen].sort()).toEqual(Object.keys(FINDING_CODES).sort());
  });
});
