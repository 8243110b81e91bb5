import { buildCandidateModel } from '../candidates';
import { consolidate } from '../consolidate';
import { AssignmentExpert, ExpertiseLevel } from '../types';
import { expert, task } from './fixtures';

// One application with two domains; x1 holds one, x9 the other and could take both.
const both = (level: ExpertiseLevel): AssignmentExpert =>
  expert({
    id: 'x9',
    employer: { creditCode: 'E9', name: '单位9' },
    expertise: [
      { domain: 'system_assurance', level },
      { domain: 'data_platform', level: 'primary' },
    ],
  });
const one = expert({ id: 'x1', employer: { creditCode: 'E1', name: '单位1' } });
const tasks = [task({ id: 'dp', domain: 'data_platform', panelSize: 1 }), task({ id: 'sa', panelSize: 1 })];
const setup = (x9: AssignmentExpert) => {
  const model = buildCandidateModel({ tasks, experts: [one, x9], period: { from: '2026-06-01', to: '2026-06-30' } });
  const index = (id: string) => model.experts.findIndex((e) => e.id === id);
  // tasks sort to dp, sa; experts to x1, x9
  return { model, chosen: [[index('x9')], [index('x1')]], x1: index('x1'), x9: index('x9') };
};

describe('consolidate', () => {
  it('moves a lone task to an expert already on the application when its load allows', () => {
    const { model, chosen, x9 } = setup(both('primary'));
    expect(consolidate(model, chosen, Int32Array.from([5, 5]))).toBe(1);
    expect(chosen).toEqual([[x9], [x9]]);
  });

  it('never past the proven load level, and never from primary to secondary expertise', () => {
    const tight = setup(both('primary'));
    expect(consolidate(tight.model, tight.chosen, Int32Array.from([5, 1]))).toBe(0);
    const secondary = setup(both('secondary'));
    expect(consolidate(secondary.model, secondary.chosen, Int32Array.from([5, 5]))).toBe(0);
    expect(secondary.chosen).toEqual([[secondary.x9], [secondary.x1]]);
  });
});
