import { solveAssignment } from '../solver';
import { AssignmentExpert, AssignmentInput, AssignmentTask, DEFAULT_CONFLICT_POLICY } from '../types';
import { expert, task } from './fixtures';

const PERIOD = { from: '2026-06-01', to: '2026-06-30' };
let n = 0;
/** Experts from distinct employers and a county away from the applicant unless told otherwise. */
const pool = (count: number, overrides: Partial<AssignmentExpert> = {}) =>
  Array.from({ length: count }, () => {
    n++;
    return expert({
      id: `x${String(n).padStart(2, '0')}`,
      employer: { creditCode: `E${n}`, name: `单位${n}` },
      ...overrides,
    });
  });
const solve = (input: Partial<AssignmentInput> & Pick<AssignmentInput, 'tasks' | 'experts'>) =>
  solveAssignment({ period: PERIOD, ...input });
const panelOf = (result: ReturnType<typeof solve>, taskId: string) =>
  result.assignments.filter((a) => a.taskId === taskId).map((a) => a.expertId);

beforeEach(() => (n = 0));

describe('solveAssignment', () => {
  it('fills a panel and says why each expert was chosen', () => {
    const result = solve({ tasks: [task()], experts: pool(3) });
    expect(panelOf(result, 't1')).toEqual(['x01', 'x02', 'x03']);
    expect(result.unfilled).toEqual([]);
    expect(result.assignments[0].why).toMatchObject({
      domain: 'system_assurance',
      level: 'primary',
      loadAfter: 1,
      cap: 10,
    });
    expect(result.assignments[0].why.summary).toBe('专家张三，主要能力域“安全防护体系”，本轮任务 1/10，成本 2.8');
  });

  it('names the conflict rules that emptied the candidate list (the issue’s example)', () => {
    const experts = [
      ...pool(2),
      ...pool(1, { regionCode: '330106' }),
      ...pool(1, { regionCode: '330106' }),
      expert({ id: 'x09', employer: { creditCode: task().applicant.creditCode, name: '申报企业' } }),
    ];
    const result = solve({ tasks: [task()], experts });
    expect(result.unfilled).toEqual([
      expect.objectContaining({
        taskId: 't1',
        missing: 1,
        reason: 'conflict',
        message: '能力域“安全防护体系”经回避（同单位回避 1 名、本地回避 2 名）后仅有 2 名可选专家，需要 3 名',
      }),
    ]);
    expect(result.stats).toMatchObject({ slotsWanted: 3, slotsFilled: 2, maxFillable: 2 });
  });

  it('reports expertise, availability, exclusion, cap and employer mix as the reasons they are', () => {
    const t = (id: string, domain = 'system_assurance') =>
      task({ id, domain, domainName: domain === 'system_assurance' ? '安全防护体系' : domain });
    const reason = (input: Parameters<typeof solve>[0]) => solve(input).unfilled.map((u) => [u.reason, u.message]);
    expect(reason({ tasks: [t('a', 'data_platform')], experts: pool(3) })).toEqual([
      ['expertise', '能力域“data_platform”仅有 0 名专家具备该能力，需要 3 名'],
    ]);
    expect(
      reason({
        tasks: [t('a')],
        experts: [...pool(2), ...pool(1, { unavailable: [{ from: '2026-06-29', to: null }] })],
      }),
    ).toEqual([['availability', '能力域“安全防护体系”回避后的 3 名专家中仅 2 名在评审期内有空，需要 3 名']]);
    expect(
      reason({ tasks: [t('a')], experts: pool(3), exclusions: [{ expertId: 'x07', taskId: 'a', reason: '已拒绝' }] }),
    ).toEqual([['exclusion', '能力域“安全防护体系”排除已拒绝或撤下的专家后仅有 2 名可选专家，需要 3 名']]);
    expect(reason({ tasks: [t('a')], experts: [...pool(2), ...pool(1, { cap: 2, currentLoad: 2 })] })).toEqual([
      ['cap', '能力域“安全防护体系”的 3 名可选专家中仅 2 名尚未达到任务上限，需要 3 名'],
    ]);
    const sameShop = { employer: { creditCode: 'ONE', name: '同一研究院' } };
    expect(reason({ tasks: [t('a')], experts: pool(3, sameShop) })).toEqual([
      ['employer_diversity', '能力域“安全防护体系”同一单位至多 2 名，可同时选用的专家仅 2 名，需要 3 名'],
    ]);
  });

  it('a panel draws on at least two employers, unless the policy turns the rule off', () => {
    const experts = [...pool(3, { employer: { creditCode: 'ONE', name: '同一研究院' } }), ...pool(1, { cap: 1 })];
    const result = solve({ tasks: [task()], experts });
    expect(panelOf(result, 't1')).toContain('x04');
    const off = solve({ tasks: [task()], experts, policy: { ...DEFAULT_CONFLICT_POLICY, minDistinctEmployers: 1 } });
    expect(off.unfilled).toEqual([]);
  });

  it('fills what a greedy round-robin would miss: the scarce expert goes where only it fits', () => {
    const tasks = [
      task({ id: 'a', panelSize: 1 }),
      task({ id: 'b', panelSize: 1, domain: 'data_platform', applicationId: 'a2', enterpriseId: 'e2' }),
    ];
    const both = expert({
      id: 'x1',
      cap: 1,
      expertise: [
        { domain: 'system_assurance', level: 'primary' },
        { domain: 'data_platform', level: 'primary' },
      ],
    });
    const one = expert({ id: 'x2', cap: 1, employer: { creditCode: 'E2', name: '单位2' } });
    const result = solve({ tasks, experts: [both, one] });
    expect(result.assignments.map((a) => [a.taskId, a.expertId])).toEqual([
      ['a', 'x2'],
      ['b', 'x1'],
    ]);
  });

  it('minimises the maximum load relative to caps, and reports it with its lower bound', () => {
    const tasks = Array.from({ length: 6 }, (_, i) =>
      task({ id: `t${i}`, applicationId: `a${i}`, enterpriseId: `e${i}`, panelSize: 1 }),
    );
    const result = solve({ tasks, experts: [...pool(1, { cap: 8 }), ...pool(1, { cap: 4 })] });
    expect(result.loads.map((l) => [l.expertId, l.load])).toEqual([
      ['x01', 4],
      ['x02', 2],
    ]);
    expect(result.maxLoadRatio).toBe(0.5);
    expect(result.maxLoadLowerBound).toBe(0.5);
  });

  it('prefers primary expertise, then one expert on several domains of the same application', () => {
    const secondary = pool(1, { expertise: [{ domain: 'system_assurance', level: 'secondary' }] });
    const primary = pool(1);
    expect(panelOf(solve({ tasks: [task({ panelSize: 1 })], experts: [...secondary, ...primary] }), 't1')).toEqual([
      'x02',
    ]);

    const tasks = [task({ id: 'sa', panelSize: 1 }), task({ id: 'dp', panelSize: 1, domain: 'data_platform' })];
    const twoDomains = expert({
      id: 'x9',
      expertise: [
        { domain: 'system_assurance', level: 'primary' },
        { domain: 'data_platform', level: 'primary' },
      ],
    });
    // A busy expert holds the maximum load anyway, so concentrating costs nothing on that count.
    const busy = pool(1, { expertise: [{ domain: 'lean_management', level: 'primary' }], currentLoad: 5 });
    const experts = [
      ...pool(1),
      ...pool(1, { expertise: [{ domain: 'data_platform', level: 'primary' }] }),
      twoDomains,
    ];
    const result = solve({ tasks, experts: [...experts, ...busy] });
    expect(result.assignments.map((a) => a.expertId)).toEqual(['x9', 'x9']);
    expect(result.assignments[0].why.sameApplicationTasks).toBe(1);
    expect(result.assignments[0].why.summary).toContain('同一申报共承担 2 个能力域');
  });

  it('keeps fixed assignments, counts them for load and panel, and lists the conflicts they override', () => {
    const local = expert({ id: 'x0', regionCode: '330106', cap: 2 });
    const result = solve({
      tasks: [task()],
      experts: [local, ...pool(3)],
      fixed: [{ taskId: 't1', expertId: 'x0', reason: '省厅指定' }],
    });
    expect(result.assignments.filter((a) => a.taskId === 't1')).toHaveLength(3);
    const fixed = result.assignments.find((a) => a.fixed)!;
    expect(fixed.expertId).toBe('x0');
    expect(fixed.why.overriddenConflicts.map((c) => c.rule)).toEqual(['local_avoidance']);
    expect(fixed.why.summary).toContain('覆盖回避：专家与申报企业同在西湖区（本地回避）');
    expect(result.loads.find((l) => l.expertId === 'x0')!.load).toBe(1);
  });

  it('refuses duplicate ids and fixed assignments to unknown tasks', () => {
    expect(() => solve({ tasks: [task(), task()], experts: [] })).toThrow('duplicate task id t1');
    expect(() => solve({ tasks: [task()], experts: [], fixed: [{ taskId: 't1', expertId: 'nobody' }] })).toThrow(
      'unknown',
    );
  });

  it('an empty round is a valid round', () => {
    const result = solve({ tasks: [] as AssignmentTask[], experts: pool(2) });
    expect(result).toMatchObject({ assignments: [], unfilled: [], maxLoadRatio: 0, maxLoadLowerBound: 0 });
  });
});
