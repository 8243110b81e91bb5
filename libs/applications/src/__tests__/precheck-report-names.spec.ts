import {
  DEFAULT_ELIGIBILITY_POLICY,
  clausesFor,
  evaluateEligibility,
  evaluateSubmission,
  getRuleSet,
  withEligibility,
} from '@ff/rules';
import { namedPrecheckReport } from '../dto/precheck-report.names';

/** Every enum code of the answered pre-check report has its Chinese label beside it. */
describe('namedPrecheckReport', () => {
  const ruleSet = getRuleSet();
  const declarations = clausesFor(ruleSet, 'future_factory', 'discrete')
    .slice(0, 5)
    .map((c, i) => ({
      clauseId: c.clause.id,
      status: (['met', 'partial', 'not_met'] as const)[i % 3],
      narrative: '',
      evidence: [],
    }));
  const report = evaluateSubmission({
    tier: 'future_factory',
    industry: 'discrete',
    constructionType: 'chain_leader',
    profile: { chainLeader: true },
    declarations,
  });
  const full = withEligibility(
    report,
    evaluateEligibility({}, DEFAULT_ELIGIBILITY_POLICY, { tier: 'future_factory', mountainIsland: false }),
  );
  const named = namedPrecheckReport(full);

  const SINGLE = [
    'severity',
    'obligation',
    'dimension',
    'outcome',
    'verdict',
    'tier',
    'industry',
    'status',
    'highestSupportedTier',
    'declaredType',
  ];
  const LISTS: Record<string, string> = { bestFit: 'bestFitNames', supportedTiers: 'supportedTierNames' };

  /** Every object with an enum field, wherever it is in the report. */
  function* objects(value: unknown): Generator<Record<string, unknown>> {
    if (Array.isArray(value)) for (const v of value) yield* objects(v);
    else if (value && typeof value === 'object') {
      yield value as Record<string, unknown>;
      for (const v of Object.values(value)) yield* objects(v);
    }
  }

  it('labels every enum in the report, in Chinese', () => {
    let labelled = 0;
    for (const o of objects(named)) {
      for (const key of SINGLE.filter((k) => k in o)) {
        expect([key, `${key}Name` in o]).toEqual([key, true]);
        const name = o[`${key}Name`];
        if (o[key] === null) expect(name).toBeNull();
        else expect([key, name]).toEqual([key, expect.stringMatching(/[\u4e00-\u9fff]/)]);
        labelled++;
      }
      for (const [key, names] of Object.entries(LISTS).filter(([k]) => k in o)) {
        expect((o[names] as string[]).length).toBe((o[key] as string[]).length);
        labelled++;
      }
    }
    expect(labelled).toBeGreaterThan(20);
    expect(named.constructionType?.declaredTypeName).toBe(
      ruleSet.constructionTypes.find((t) => t.code === 'chain_leader')!.name,
    );
    expect(named.eligibility?.tierName).toBe('未来工厂');
  });

  it('adds labels and changes nothing else', () => {
    const strip = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(strip)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => !/Names?$/.test(k) || k === 'name')
                .map(([k, x]) => [k, strip(x)]),
            )
          : v;
    expect(strip(named)).toEqual(strip(full));
  });
});
