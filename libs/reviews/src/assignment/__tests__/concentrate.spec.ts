import { buildCandidateModel } from '../candidates';
import { concentrate } from '../concentrate';
import { solveAssignment } from '../solver';
import { AssignmentInput } from '../types';
import { expert, task } from './fixtures';

const DOMAINS = ['system_assurance', 'data_platform', 'technology_support', 'model_driven_development'];

/**
 * n applications × d domains, panels of one, n experts with every domain (primary) and room for
 * exactly d tasks each: the lowest maximum load is 1, and it is reached just as well by one
 * expert per application (n pairs) as by experts scattered over every application (up to n × d).
 */
function round(n: number, d: number): AssignmentInput {
  const domains = DOMAINS.slice(0, d);
  return {
    tasks: Array.from({ length: n }, (_, a) =>
      domains.map((domain) =>
        task({ id: `a${a}-${domain}`, applicationId: `a${a}`, enterpriseId: `e${a}`, domain, panelSize: 1 }),
      ),
    ).flat(),
    experts: Array.from({ length: n }, (_, x) =>
      expert({
        id: `x${x}`,
        employer: { creditCode: `E${x}`, name: `单位${x}` },
        expertise: domains.map((domain) => ({ domain, level: 'primary' as const })),
        cap: d,
      }),
    ),
    period: { from: '2026-06-01', to: '2026-06-30' },
  };
}

const pairs = (assignments: { applicationId: string; expertId: string }[]) =>
  new Set(assignments.map((a) => `${a.applicationId}/${a.expertId}`)).size;

describe('concentrate', () => {
  it('gathers scattered tasks so each expert reviews one application, loads unchanged', () => {
    const input = round(3, 3);
    const model = buildCandidateModel(input);
    // Latin square: expert (a + k) mod 3 holds domain k of application a — 9 pairs.
    const index = (id: string) => model.tasks.findIndex((t) => t.id === id);
    const chosen: number[][] = model.tasks.map(() => []);
    for (let a = 0; a < 3; a++)
      DOMAINS.slice(0, 3).forEach((domain, k) => (chosen[index(`a${a}-${domain}`)] = [(a + k) % 3]));
    const loads = (c: number[][]) => [0, 1, 2].map((x) => c.filter((list) => list.includes(x)).length);
    expect(loads(chosen)).toEqual([3, 3, 3]);
    expect(concentrate(model, chosen)).toBe(6);
    expect(loads(chosen)).toEqual([3, 3, 3]);
    for (let a = 0; a < 3; a++) {
      const held = model.tasks.flatMap((t, i) => (t.applicationId === `a${a}` ? chosen[i] : []));
      expect(new Set(held).size).toBe(1);
    }
  });

  // Reached from wherever the flow starts for up to three domains per application. With four, a
  // flow that splits each application two and two between two experts is a local optimum of both
  // passes (each move would take two tasks at once); see the README.
  it('the solver reaches one expert per application at the proven lowest maximum load', () => {
    // Every instance of 2–6 applications × 2–3 domains (4 × 2 needs the pairwise exchange: the flow
    // gives each expert two tasks of one domain, which no block re-solve can trade).
    for (let n = 2; n <= 6; n++)
      for (let d = 2; d <= 3; d++) {
        const result = solveAssignment(round(n, d));
        expect(result.unfilled).toEqual([]);
        expect([result.maxLoadRatio, result.maxLoadLowerBound]).toEqual([1, 1]);
        expect({ n, d, pairs: pairs(result.assignments) }).toEqual({ n, d, pairs: n });
      }
  });
});
