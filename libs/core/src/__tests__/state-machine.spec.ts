import { AppError } from '../app-error';
import { defineStateMachine } from '../state-machine';

type S = 'draft' | 'open' | 'closed';
type E = 'open' | 'close' | 'reopen';
type F = 'official' | 'system';

const machine = defineStateMachine<S, E, F, { reason?: string }>({
  subject: '批次',
  states: ['draft', 'open', 'closed'],
  names: { draft: '未开放', open: '申报中', closed: '已截止' },
  events: { open: '开放', close: '截止', reopen: '重新开放' },
  firers: { official: '省级主管部门', system: '系统' },
  transitions: [
    { from: ['draft'], event: 'open', to: 'open', firers: ['official'] },
    { from: ['open'], event: 'close', to: 'closed', firers: ['official', 'system'], note: '截止时间已到' },
    {
      from: ['closed'],
      event: 'reopen',
      to: 'open',
      firers: ['official'],
      guard: { code: 'reason_required', label: '须填理由', test: (c) => !!c?.reason?.trim() },
    },
  ],
});

describe('defineStateMachine', () => {
  it('answers the next status for an allowed event and firer', () => {
    expect(machine.transition('draft', 'open', 'official')).toMatchObject({ ok: true, to: 'open' });
    expect(machine.transition('open', 'close', 'system')).toMatchObject({ ok: true, to: 'closed' });
  });

  it('refuses an event the status does not allow (409), naming the status in Chinese', () => {
    expect(machine.transition('closed', 'open', 'official')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: '批次当前状态为“已截止”，不能执行“开放”',
    });
  });

  it('refuses an event fired by someone else (403), naming who fires it', () => {
    expect(machine.transition('draft', 'open', 'system')).toEqual({
      ok: false,
      code: 'transition_not_permitted',
      message: '“开放”只能由省级主管部门执行',
    });
  });

  it("applies the table's guard with its code", () => {
    expect(machine.transition('closed', 'reopen', 'official', { reason: ' ' })).toEqual({
      ok: false,
      code: 'reason_required',
      message: '“重新开放”须满足：须填理由',
    });
    expect(machine.transition('closed', 'reopen', 'official', { reason: '延期' })).toMatchObject({ ok: true });
  });

  it('asserts a transition: the next status, or its refusal raised from the shared table', () => {
    expect(machine.assert('draft', 'open', 'official')).toBe('open');
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as AppError;
      }
      throw new Error('not refused');
    };
    expect(refusal(() => machine.assert('closed', 'open', 'official'))).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      message: '批次当前状态为“已截止”，不能执行“开放”',
    });
    expect(refusal(() => machine.assert('draft', 'open', 'system'))).toMatchObject({
      status: 403,
      code: 'transition_not_permitted',
    });
    const own = new AppError('reason_required', 400, '请填写理由');
    expect(refusal(() => machine.assert('closed', 'reopen', 'official', {}, () => own))).toBe(own);
  });

  it('names the status a concurrent winner left, for compareAndSet', () => {
    expect(machine.conflict('closed')).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      message: '批次状态已被他人更新为“已截止”，本次操作未生效，请刷新后重试',
    });
    expect(machine.conflict(null).message).toContain('“未知”');
  });

  it('lists the events a firer may fire from a status', () => {
    expect(machine.allowedEvents('open', 'system')).toEqual(['close']);
    expect(machine.allowedEvents('draft', 'system')).toEqual([]);
    expect(machine.allowedEvents('closed', 'official')).toEqual(['reopen']);
  });

  it('renders one README row per (from, event, firer), with guards and notes', () => {
    expect(machine.table()).toContainEqual({
      from: '已截止 (`closed`)',
      event: '重新开放 (`reopen`)，须填理由',
      to: '申报中 (`open`)',
      by: '省级主管部门',
    });
    expect(
      machine
        .table()
        .filter((r) => r.event.startsWith('截止'))
        .map((r) => r.by),
    ).toEqual(['省级主管部门（截止时间已到）', '系统（截止时间已到）']);
  });

  it('refuses a table where one (status, event) leads to two statuses', () => {
    expect(() =>
      defineStateMachine<S, E, F>({
        ...machine,
        transitions: [
          { from: ['draft'], event: 'open', to: 'open', firers: ['official'] },
          { from: ['draft'], event: 'open', to: 'closed', firers: ['system'] },
        ],
      }),
    ).toThrow(/two targets/);
  });
});
