import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESIGNATION_TRANSITIONS, designationStateMachineRows, extendedValidUntil } from '../designation.state-machine';

describe('the designation lifecycle', () => {
  it('is the table the README shows', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const row of designationStateMachineRows()) expect(readme).toContain(row);
  });

  it('never leaves a revocation', () => {
    expect(DESIGNATION_TRANSITIONS.filter((t) => t.from === 'revoked')).toEqual([]);
  });

  it('extends a maintained validity from the day after its last day, or from today once lapsed', () => {
    expect(extendedValidUntil('2029-11-25', '2029-08-01', 3)).toBe('2032-11-25');
    expect(extendedValidUntil('2029-02-28', '2028-12-01', 3)).toBe('2032-02-29');
    expect(extendedValidUntil('2029-11-25', '2030-01-10', 3)).toBe('2033-01-09');
  });
});
