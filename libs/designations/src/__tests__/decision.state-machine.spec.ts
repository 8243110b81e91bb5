import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECISION_STATUSES, DECISION_TRANSITIONS, decisionStateMachineRows } from '../decision.state-machine';

describe('the decision state machine', () => {
  it('reaches every status from a proposal', () => {
    const reached = new Set(['proposed']);
    for (const t of DECISION_TRANSITIONS) if (t.from.some((f) => reached.has(f))) reached.add(t.to);
    expect([...reached].sort()).toEqual([...DECISION_STATUSES].sort());
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const row of decisionStateMachineRows()) expect(readme).toContain(row);
  });
});
