import fc from 'fast-check';
import { isAvailable } from '../candidates';
import { findConflicts, manualConflictIndex } from '../conflict-rules';
import { solveAssignment } from '../solver';
import {
  AssignmentExpert,
  AssignmentInput,
  AssignmentTask,
  ConflictPolicy,
  DEFAULT_CONFLICT_POLICY,
  UNFILLED_REASON_CODES,
} from '../types';

/**
 * Random small rounds where every conflict rule can bite (shared employers, counties, vendors,
 * relationships, rotation, manual conflicts), checked against the hard constraints and, on the
 * smallest ones, against an exhaustive search for the most slots and the lowest maximum load.
 */
const DOMAINS = ['system_assurance', 'data_platform', 'lean_management'];
const COMPANIES = ['C1', 'C2', 'C3', 'C4'];
const COUNTIES = ['330106', '330108', '330203'];
const PERIOD = { from: '2026-06-01', to: '2026-06-30' };

const policyArb: fc.Arbitrary<ConflictPolicy> = fc
  .record({ local: fc.boolean(), city: fc.boolean(), rotation: fc.boolean(), mix: fc.boolean(), rel: fc.boolean() })
  .map((p) => ({
    ...DEFAULT_CONFLICT_POLICY,
    declaredRelationship: { ...DEFAULT_CONFLICT_POLICY.declaredRelationship, enabled: p.rel },
    localAvoidance: { enabled: p.local, scope: p.city ? 'city' : 'county' },
    rotation: { enabled: p.rotation },
    minDistinctEmployers: p.mix ? 2 : 1,
  }));

function inputArb(maxApps: number, maxExperts: number, maxPanel: number): fc.Arbitrary<AssignmentInput> {
  const app = fc.record({
    domains: fc.subarray(DOMAINS, { minLength: 1 }),
    panel: fc.integer({ min: 1, max: maxPanel }),
    company: fc.constantFrom(...COMPANIES, 'C9'),
    county: fc.constantFrom(...COUNTIES),
    vendors: fc.subarray(COMPANIES, { maxLength: 1 }),
  });
  const exp = fc.record({
    employer: fc.option(fc.constantFrom(...COMPANIES), { nil: null }),
    county: fc.constantFrom(...COUNTIES),
    domains: fc.subarray(DOMAINS, { minLength: 1 }),
    primary: fc.boolean(),
    cap: fc.integer({ min: 0, max: 4 }),
    load: fc.integer({ min: 0, max: 2 }),
    away: fc.boolean(),
    rel: fc.option(fc.constantFrom(...COMPANIES, 'C9'), { nil: null }),
    prev: fc.subarray(['e0', 'e1', 'e2', 'e3'], { maxLength: 1 }),
  });
  return fc
    .record({
      apps: fc.array(app, { minLength: 1, maxLength: maxApps }),
      experts: fc.array(exp, { minLength: 1, maxLength: maxExperts }),
      policy: policyArb,
      manual: fc.array(fc.tuple(fc.nat(9), fc.nat(3)), { maxLength: 2 }),
      excluded: fc.array(fc.tuple(fc.nat(9), fc.nat(9)), { maxLength: 2 }),
    })
    .map(({ apps, experts, policy, manual, excluded }) => {
      const tasks: AssignmentTask[] = apps.flatMap((a, i) =>
        a.domains.map((domain) => ({
          id: `t${i}-${domain}`,
          applicationId: `a${i}`,
          enterpriseId: `e${i}`,
          domain,
          domainName: domain,
          panelSize: a.panel,
          applicant: { creditCode: a.company, countyCode: a.county, vendorCreditCodes: a.vendors },
        })),
      );
      const pool: AssignmentExpert[] = experts.map((x, j) => ({
        id: `x${j}`,
        employer: x.employer ? { creditCode: x.employer, name: x.employer } : null,
        regionCode: x.county,
        expertise: x.domains.map((domain, k) => ({ domain, level: x.primary && k === 0 ? 'primary' : 'secondary' })),
        cap: x.cap,
        currentLoad: Math.min(x.load, x.cap),
        unavailable: x.away ? [{ from: '2026-06-20', to: null }] : [],
        relationships: x.rel ? [{ creditCode: x.rel, kind: 'vendor', from: null, to: null }] : [],
        previousRoundEnterpriseIds: x.prev,
      }));
      return {
        tasks,
        experts: pool,
        period: PERIOD,
        policy,
        manualConflicts: manual.map(([x, e]) => ({ expertId: `x${x}`, enterpriseId: `e${e}`, reason: '人工' })),
        exclusions: excluded.map(([x, t]) => ({
          expertId: `x${x}`,
          taskId: tasks[t % tasks.length].id,
          reason: '拒绝',
        })),
      };
    });
}

/** Eligibility from the rules themselves, independent of the solver's candidate model. */
function eligible(input: AssignmentInput, t: AssignmentTask, x: AssignmentExpert): boolean {
  const ctx = {
    policy: input.policy!,
    periodFrom: PERIOD.from,
    periodTo: PERIOD.to,
    manual: manualConflictIndex(input.manualConflicts ?? []),
  };
  return (
    x.expertise.some((d) => d.domain === t.domain) &&
    findConflicts(x, t, ctx).length === 0 &&
    isAvailable(x, PERIOD) &&
    !(input.exclusions ?? []).some((e) => e.expertId === x.id && e.taskId === t.id)
  );
}

const employerOf = (x: AssignmentExpert): string => x.employer?.creditCode ?? `expert:${x.id}`;

describe('solveAssignment properties', () => {
  it('keeps every hard constraint and explains every short panel', () => {
    fc.assert(
      fc.property(inputArb(5, 8, 3), (input) => {
        const result = solveAssignment(input);
        const experts = new Map(input.experts.map((x) => [x.id, x]));
        const perTask = new Map<string, string[]>();
        for (const a of result.assignments) {
          const t = input.tasks.find((task) => task.id === a.taskId)!;
          expect(eligible(input, t, experts.get(a.expertId)!)).toBe(true);
          perTask.set(a.taskId, [...(perTask.get(a.taskId) ?? []), a.expertId]);
        }
        for (const l of result.loads) expect(l.load).toBeLessThanOrEqual(experts.get(l.expertId)!.cap);
        for (const t of input.tasks) {
          const panel = perTask.get(t.id) ?? [];
          expect(new Set(panel).size).toBe(panel.length);
          if (input.policy!.minDistinctEmployers === 2 && t.panelSize >= 2) {
            const counts = new Map<string, number>();
            for (const id of panel)
              counts.set(employerOf(experts.get(id)!), (counts.get(employerOf(experts.get(id)!)) ?? 0) + 1);
            for (const c of counts.values()) expect(c).toBeLessThanOrEqual(t.panelSize - 1);
          }
          const short = result.unfilled.find((u) => u.taskId === t.id);
          if (panel.length === t.panelSize) expect(short).toBeUndefined();
          else {
            expect(short?.missing).toBe(t.panelSize - panel.length);
            expect(UNFILLED_REASON_CODES).toContain(short!.reason);
            expect(short!.message).toContain(`能力域“${t.domain}”`);
          }
        }
        const missing = result.unfilled.reduce((n, u) => n + u.missing, 0);
        expect(missing).toBe(result.stats.slotsWanted - result.stats.maxFillable);
        expect(result.maxLoadRatio).toBeCloseTo(result.maxLoadLowerBound, 12);
      }),
      { numRuns: 120 },
    );
  });

  it('gives the same assignment for the same input in any order', () => {
    fc.assert(
      fc.property(inputArb(5, 8, 3), fc.nat(), (input, seed) => {
        const shuffle = <T>(items: readonly T[]) =>
          items
            .map((item, i) => ({ item, k: (i * 2654435761 + seed) % 4294967296 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.item);
        const reordered = { ...input, tasks: shuffle(input.tasks), experts: shuffle(input.experts) };
        expect(solveAssignment(reordered)).toEqual(solveAssignment(input));
      }),
      { numRuns: 60 },
    );
  });

  it('fills as many slots as exhaustive search, at the lowest possible maximum load', () => {
    fc.assert(
      fc.property(inputArb(2, 4, 2), (input) => {
        fc.pre(input.tasks.length <= 4);
        const result = solveAssignment(input);
        const best = exhaustive(input);
        expect(result.stats.slotsFilled).toBe(best.filled);
        expect(result.maxLoadLowerBound).toBeCloseTo(best.maxRatio, 12);
        expect(result.maxLoadRatio).toBeCloseTo(best.maxRatio, 12);
      }),
      { numRuns: 100 },
    );
  });
});

/** Every panel of every task, kept only if it respects caps and the employer mix. */
function exhaustive(input: AssignmentInput): { filled: number; maxRatio: number } {
  const experts = input.experts;
  const ratio = (load: number[]) => Math.max(0, ...experts.map((x, j) => (x.cap > 0 ? load[j] / x.cap : load[j])));
  const options = input.tasks.map((t) => {
    const pool = experts.map((x, j) => (eligible(input, t, x) ? j : -1)).filter((j) => j >= 0);
    const panels: number[][] = [];
    const grow = (from: number, panel: number[]) => {
      panels.push(panel);
      if (panel.length === t.panelSize) return;
      for (let k = from; k < pool.length; k++) grow(k + 1, [...panel, pool[k]]);
    };
    grow(0, []);
    return panels.filter((p) => {
      if (input.policy!.minDistinctEmployers < 2 || t.panelSize < 2) return true;
      return new Set(p.map((j) => employerOf(experts[j]))).size > 1 || p.length < t.panelSize;
    });
  });
  let best = { filled: -1, maxRatio: Infinity };
  const load = experts.map((x) => x.currentLoad);
  const walk = (i: number, filled: number) => {
    if (i === options.length) {
      const r = ratio(load);
      if (filled > best.filled || (filled === best.filled && r < best.maxRatio)) best = { filled, maxRatio: r };
      return;
    }
    for (const panel of options[i]) {
      if (panel.some((j) => load[j] + 1 > experts[j].cap)) continue;
      for (const j of panel) load[j]++;
      walk(i + 1, filled + panel.length);
      for (const j of panel) load[j]--;
    }
  };
  walk(0, 0);
  return best;
}
