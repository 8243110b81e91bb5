import fc from 'fast-check';
import {
  CONSTRUCTION_TYPE_CODES,
  CapabilityClaims,
  ClassificationInput,
  ConstructionTypeCode,
  DIMENSION_NAMES,
  DimensionClaim,
  EnterpriseProfile,
  PROFILE_FACT_OF,
  classifyConstructionType,
  getRuleSet,
} from '@ff/rules';

const rs = getRuleSet();
const typeOf = (code: ConstructionTypeCode) => rs.constructionTypes.find((t) => t.code === code)!;
const CLAIMED: DimensionClaim = { claimed: true, evidence: ['ev-1', 'ev-2'] };
const DENIED: DimensionClaim = { claimed: false, evidence: [] };
const UNEVIDENCED: DimensionClaim = { claimed: true, evidence: [] };

/** The profile fact and both claims of one type, each given or left out. */
function input(
  code: ConstructionTypeCode,
  basic: boolean | undefined,
  core: DimensionClaim | undefined,
  newTech: DimensionClaim | undefined,
  declaredType: ConstructionTypeCode | null = code,
): ClassificationInput {
  const profile: EnterpriseProfile = basic === undefined ? {} : { [PROFILE_FACT_OF[code]]: basic };
  const capabilities: CapabilityClaims = { [code]: { coreCapability: core, newTechModel: newTech } };
  return { profile, capabilities, declaredType };
}
const assessed = (code: ConstructionTypeCode, i: ClassificationInput) =>
  classifyConstructionType(i).types.find((t) => t.code === code)!;

describe('table 15 in the classifier', () => {
  it('judges all four types, in table order, against their table-15 texts', () => {
    const result = classifyConstructionType({});
    expect(result.types.map((t) => [t.code, t.name])).toEqual(rs.constructionTypes.map((t) => [t.code, t.name]));
    expect(result.types.map((t) => t.code)).toEqual([...CONSTRUCTION_TYPE_CODES]);
    for (const t of result.types) {
      const row = typeOf(t.code);
      expect(t.dimensions.map((d) => [d.dimension, d.requirement])).toEqual([
        ['basicRequirement', row.basicRequirement],
        ['coreCapability', row.coreCapability],
        ['newTechModel', row.newTechModel],
      ]);
    }
  });

  it('maps each type to the profile fact of its 基础要求', () => {
    expect(Object.keys(PROFILE_FACT_OF)).toEqual([...CONSTRUCTION_TYPE_CODES]);
    expect(new Set(Object.values(PROFILE_FACT_OF)).size).toBe(4);
    for (const code of CONSTRUCTION_TYPE_CODES) {
      const result = classifyConstructionType({ profile: { [PROFILE_FACT_OF[code]]: true } });
      const met = result.types.filter((t) => t.dimensions[0].outcome === 'met').map((t) => t.code);
      expect(met).toEqual([code]);
    }
  });

  it('uses the current rule set by default', () => {
    const i = input('chain_leader', true, CLAIMED, CLAIMED);
    expect(classifyConstructionType(i)).toEqual(classifyConstructionType(i, rs));
  });
});

describe('dimension outcomes', () => {
  const code = 'cluster_flagship';
  const row = typeOf(code);

  it.each([
    [true, 'met', `企业声明为“${row.basicRequirement}”`],
    [false, 'not_met', `企业声明不属于“${row.basicRequirement}”`],
    [undefined, 'unknown', `未声明是否为“${row.basicRequirement}”，待核实`],
  ] as const)('基础要求 with the profile fact %p is %s', (fact, outcome, reason) => {
    const d = assessed(code, input(code, fact, CLAIMED, CLAIMED)).dimensions[0];
    expect(d).toEqual({
      dimension: 'basicRequirement',
      outcome,
      requirement: '产业集群重点企业',
      reason: `${DIMENSION_NAMES.basicRequirement}（表15：产业集群重点企业）：${reason}`,
    });
  });

  it.each([
    ['claimed with evidence', CLAIMED, 'met', `已声明具备，并提供佐证材料 ${CLAIMED.evidence.length} 份`],
    ['not claimed', DENIED, 'not_met', '企业声明不具备'],
    ['claimed without evidence', UNEVIDENCED, 'unknown', '已声明具备，但未提供佐证材料'],
    ['not filled in', undefined, 'unknown', '未填写，待核实'],
  ] as const)('核心能力 and 新技术新模式 %s are %s', (_, claim, outcome, reason) => {
    const [, core, newTech] = assessed(code, input(code, true, claim, claim)).dimensions;
    expect(core).toEqual({
      dimension: 'coreCapability',
      outcome,
      requirement: row.coreCapability,
      reason: `核心能力（表15：${row.coreCapability}）：${reason}`,
    });
    expect(newTech).toEqual({
      dimension: 'newTechModel',
      outcome,
      requirement: row.newTechModel,
      reason: `新技术新模式（表15：${row.newTechModel}）：${reason}`,
    });
    // The texts cited are table 15's own words.
    expect(core.reason).toContain('通过对外输出技术、装备、工业软件、管理模式等');
    expect(newTech.reason).toContain('打造行业垂直大模型或智能体');
  });

  it('treats a type without any claims as unknown on both claim dimensions', () => {
    const result = classifyConstructionType({ profile: { chainLeader: true }, capabilities: {} });
    const chain = result.types.find((t) => t.code === 'chain_leader')!;
    expect(chain.dimensions.map((d) => d.outcome)).toEqual(['met', 'unknown', 'unknown']);
    expect(chain.verdict).toBe('undetermined');
  });
});

describe('verdicts', () => {
  const code = 'platform_transformer';
  it.each([
    ['fit', true, CLAIMED, CLAIMED],
    ['partial', true, DENIED, CLAIMED],
    ['partial', true, CLAIMED, DENIED],
    ['partial', undefined, CLAIMED, DENIED],
    ['not_fit', false, CLAIMED, CLAIMED],
    ['not_fit', false, undefined, undefined],
    ['partial', true, DENIED, DENIED],
    ['not_fit', undefined, DENIED, DENIED],
    ['not_fit', undefined, DENIED, UNEVIDENCED],
    ['undetermined', undefined, CLAIMED, CLAIMED],
    ['undetermined', true, UNEVIDENCED, CLAIMED],
    ['undetermined', undefined, undefined, undefined],
  ] as const)('%s when 基础要求=%p, 核心能力=%p, 新技术新模式=%p', (verdict, basic, core, newTech) => {
    expect(assessed(code, input(code, basic, core, newTech)).verdict).toBe(verdict);
  });
});

describe('bestFit and the declared type', () => {
  it('bestFit lists the fitting types; the declared one is supported when it fits', () => {
    const result = classifyConstructionType({
      profile: { industryLeader: true, chainLeader: true, clusterKeyEnterprise: true },
      capabilities: {
        innovation_pioneer: { coreCapability: CLAIMED, newTechModel: CLAIMED },
        chain_leader: { coreCapability: CLAIMED, newTechModel: CLAIMED },
        cluster_flagship: { coreCapability: CLAIMED, newTechModel: DENIED },
      },
      declaredType: 'chain_leader',
    });
    expect(result.types.map((t) => t.verdict)).toEqual(['fit', 'partial', 'fit', 'undetermined']);
    expect(result.bestFit).toEqual(['innovation_pioneer', 'chain_leader']);
    expect(result.declaredType).toBe('chain_leader');
    expect(result.declaredSupported).toBe(true);
  });

  it('bestFit falls back to the partial types when none fits; a partial declared type is not supported', () => {
    const result = classifyConstructionType({
      profile: { industryLeader: true, serviceOrPlatformOrHq: true, chainLeader: false },
      capabilities: {
        innovation_pioneer: { coreCapability: DENIED, newTechModel: CLAIMED },
        platform_transformer: { coreCapability: CLAIMED, newTechModel: DENIED },
        chain_leader: { coreCapability: CLAIMED, newTechModel: CLAIMED },
      },
      declaredType: 'innovation_pioneer',
    });
    expect(result.types.map((t) => t.verdict)).toEqual(['partial', 'undetermined', 'not_fit', 'partial']);
    expect(result.bestFit).toEqual(['innovation_pioneer', 'platform_transformer']);
    expect(result.declaredSupported).toBe(false);
    const reasons = result.types[0].dimensions.filter((d) => d.outcome === 'not_met').map((d) => d.reason);
    expect(reasons).toEqual([
      '核心能力（表15：具有创新突破的能力特征，建有重大创新载体，并通过原始创新达到行业领先，或开展核心技术攻关填补国内空白等。）：企业声明不具备',
    ]);
  });

  it('bestFit is empty when nothing fits; a not-fitting declared type is not supported', () => {
    const result = classifyConstructionType({
      profile: { industryLeader: false, clusterKeyEnterprise: false, chainLeader: false, serviceOrPlatformOrHq: false },
      declaredType: 'chain_leader',
    });
    expect(result.types.every((t) => t.verdict === 'not_fit')).toBe(true);
    expect(result.bestFit).toEqual([]);
    expect(result.declaredSupported).toBe(false);
    expect(result.types[2].dimensions[0].reason).toBe('基础要求（表15：链主型企业）：企业声明不属于“链主型企业”');
  });

  it('the declared type is unknown (null) while its facts are incomplete', () => {
    const result = classifyConstructionType(input('innovation_pioneer', true, CLAIMED, UNEVIDENCED));
    expect(result.types[0].verdict).toBe('undetermined');
    expect(result.declaredSupported).toBeNull();
    expect(result.bestFit).toEqual([]);
  });

  it.each([
    ['no type', undefined],
    ['a null type', null],
    ['a type table 15 does not have', 'dragon_head' as ConstructionTypeCode],
  ])('with %s declared, declaredType and declaredSupported are null', (_, declaredType) => {
    const result = classifyConstructionType({ ...input('innovation_pioneer', true, CLAIMED, CLAIMED), declaredType });
    expect(result.declaredType).toBeNull();
    expect(result.declaredSupported).toBeNull();
    expect(result.bestFit).toEqual(['innovation_pioneer']);
  });
});

describe('properties', () => {
  const fact = fc.option(fc.boolean(), { nil: undefined });
  const claim = fc.option(
    fc.record({ claimed: fc.boolean(), evidence: fc.array(fc.string({ minLength: 1 }), { maxLength: 2 }) }),
    { nil: undefined },
  );
  const anyInput = fc.record({
    profile: fc.record({
      industryLeader: fact,
      clusterKeyEnterprise: fact,
      chainLeader: fact,
      serviceOrPlatformOrHq: fact,
    }),
    capabilities: fc.dictionary(
      fc.constantFrom(...CONSTRUCTION_TYPE_CODES),
      fc.record({ coreCapability: claim, newTechModel: claim }),
    ),
    declaredType: fc.option(fc.constantFrom(...CONSTRUCTION_TYPE_CODES), { nil: null }),
  });

  it('bestFit, declaredSupported and each verdict agree with the dimension outcomes', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        const result = classifyConstructionType(i as ClassificationInput);
        for (const t of result.types) {
          const outcomes = t.dimensions.map((d) => d.outcome);
          if (t.verdict === 'fit') expect(outcomes).toEqual(['met', 'met', 'met']);
          if (t.verdict === 'undetermined') expect(outcomes).not.toContain('not_met');
          if (t.verdict === 'partial') expect(outcomes[0] !== 'not_met' && outcomes.includes('met')).toBe(true);
          if (outcomes[0] === 'not_met') expect(t.verdict).toBe('not_fit');
          for (const d of t.dimensions)
            expect(d.reason.startsWith(`${DIMENSION_NAMES[d.dimension]}（表15：${d.requirement}）：`)).toBe(true);
        }
        const fit = result.types.filter((t) => t.verdict === 'fit').map((t) => t.code);
        const partial = result.types.filter((t) => t.verdict === 'partial').map((t) => t.code);
        expect(result.bestFit).toEqual(fit.length ? fit : partial);
        const declared = result.types.find((t) => t.code === i.declaredType);
        expect(result.declaredSupported).toBe(
          !declared || declared.verdict === 'undetermined' ? null : declared.verdict === 'fit',
        );
      }),
    );
  });
});
