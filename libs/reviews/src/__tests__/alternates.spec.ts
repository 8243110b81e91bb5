import { reserveAlternates } from '../alternates';
import { DEFAULT_CONFLICT_POLICY, type AssignmentInput } from '../assignment';
import { expert, task } from '../assignment/__tests__/fixtures';

describe('alternates reserved at publication', () => {
  const employer = (i: number) => ({ creditCode: `91330200MA2BBBBB${String(i).padStart(2, '0')}`, name: `单位${i}` });
  const pool = [1, 2, 3, 4, 5].map((i) =>
    expert({ id: `x${i}`, name: `专家${i}`, employer: employer(i), currentLoad: i }),
  );
  const input = (overrides: Partial<AssignmentInput> = {}): AssignmentInput => ({
    tasks: [task({ panelSize: 2 })],
    experts: pool,
    period: { from: '2026-06-01', to: '2026-06-30' },
    policy: DEFAULT_CONFLICT_POLICY,
    ...overrides,
  });

  it('are the next best eligible experts off the panel, cheapest (least loaded) first', () => {
    const reserved = reserveAlternates(input(), new Map([['t1', ['x1', 'x2']]]), 2);
    expect(reserved.t1.map((a) => a.expertId)).toEqual(['x3', 'x4']);
    expect(reserved.t1[0].summary).toContain('专家3');
  });

  it('follow the same conflict rules and hand exclusions', () => {
    const vendorOf = {
      ...task({ panelSize: 2 }),
      applicant: { ...task().applicant, vendorCreditCodes: [employer(3).creditCode] },
    };
    const reserved = reserveAlternates(
      input({ tasks: [vendorOf], exclusions: [{ taskId: 't1', expertId: 'x4', reason: '人工移除' }] }),
      new Map([['t1', ['x1', 'x2']]]),
      2,
    );
    expect(reserved.t1.map((a) => a.expertId)).toEqual(['x5']);
  });
});
