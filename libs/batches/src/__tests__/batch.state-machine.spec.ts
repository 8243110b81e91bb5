import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_STATE_MACHINE, batchStateMachineTable } from '../batch.state-machine';
import type { Batch } from '../entities/batch.entity';

const batch = (opens: string, closes: string) =>
  ({ submissionOpensAt: new Date(opens), submissionClosesAt: new Date(closes) }) as Batch;
const window = batch('2026-03-01T01:00:00Z', '2026-04-30T09:00:00Z');

describe('the batch state machine', () => {
  it('opens a draft once and closes an open batch once', () => {
    expect(BATCH_STATE_MACHINE.transition('draft', 'open', 'official', window)).toMatchObject({ ok: true, to: 'open' });
    expect(BATCH_STATE_MACHINE.transition('open', 'close', 'official', window)).toMatchObject({
      ok: true,
      to: 'closed',
    });
    expect(BATCH_STATE_MACHINE.transition('open', 'open', 'official', window)).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: '批次当前状态为“申报中”，不能执行“开放申报”',
    });
    expect(BATCH_STATE_MACHINE.transition('closed', 'open', 'official', window)).toMatchObject({ ok: false });
    expect(BATCH_STATE_MACHINE.allowedEvents('draft', 'official')).toEqual(['open']);
    expect(BATCH_STATE_MACHINE.allowedEvents('closed', 'official')).toEqual([]);
  });

  it('opens only a batch whose window ends after it starts', () => {
    expect(
      BATCH_STATE_MACHINE.transition(
        'draft',
        'open',
        'official',
        batch('2026-04-30T09:00:00Z', '2026-03-01T01:00:00Z'),
      ),
    ).toEqual({ ok: false, code: 'invalid_window', message: '申报截止时间须晚于开始时间' });
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const r of batchStateMachineTable())
      expect(readme).toContain(`| ${r.from} | ${r.event} | ${r.to} | ${r.by} |`);
  });
});
