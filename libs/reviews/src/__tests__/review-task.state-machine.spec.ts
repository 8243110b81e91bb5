import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REVIEW_TASK_EVENTS,
  REVIEW_TASK_STATUSES,
  REVIEW_TASK_TRANSITIONS,
  taskStateMachineTable,
  taskTransition,
} from '../review-task.state-machine';

describe('the review task state machine', () => {
  it('walks assigned → accepted → submitted → reopened → submitted', () => {
    expect(taskTransition('assigned', 'accept', 'expert')).toMatchObject({ ok: true, to: 'accepted' });
    expect(taskTransition('accepted', 'submit', 'expert')).toMatchObject({ ok: true, to: 'submitted' });
    expect(taskTransition('submitted', 'reopen', 'official', '请统一评分尺度')).toMatchObject({
      ok: true,
      to: 'reopened',
    });
    expect(taskTransition('reopened', 'submit', 'expert')).toMatchObject({ ok: true, to: 'submitted' });
  });

  it('needs a written reason to decline or reopen', () => {
    expect(taskTransition('assigned', 'decline', 'expert', '  ')).toMatchObject({
      ok: false,
      code: 'task_reason_required',
    });
    expect(taskTransition('assigned', 'decline', 'expert', '与企业有利害关系')).toMatchObject({
      ok: true,
      to: 'declined',
    });
    expect(taskTransition('submitted', 'reopen', 'official')).toMatchObject({
      ok: false,
      code: 'task_reason_required',
    });
  });

  it('refuses events the status does not allow, naming it in Chinese, and events of another party', () => {
    expect(taskTransition('declined', 'accept', 'expert')).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: '评审任务当前状态为“已谢绝”，不能执行“接受任务”',
    });
    expect(taskTransition('assigned', 'expire', 'expert')).toMatchObject({
      ok: false,
      code: 'transition_not_permitted',
    });
    expect(taskTransition('submitted', 'reopen', 'expert', '想再改一下分数')).toMatchObject({
      ok: false,
      code: 'transition_not_permitted',
    });
  });

  it('is deterministic: at most one transition per (status, event)', () => {
    for (const status of REVIEW_TASK_STATUSES)
      for (const event of REVIEW_TASK_EVENTS)
        expect(
          REVIEW_TASK_TRANSITIONS.filter((t) => t.event === event && t.from.includes(status)).length,
        ).toBeLessThanOrEqual(1);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const r of taskStateMachineTable()) expect(readme).toContain(`| ${r.from} | ${r.event} | ${r.to} | ${r.by} |`);
  });
});
