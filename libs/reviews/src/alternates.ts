import { AssignmentInput, solveAssignment } from './assignment';

/** How many alternates publication reserves per task. */
export const ALTERNATES_PER_TASK = 2;

/** An expert held in reserve for a task, best first, with the solver's cost and reason. */
export interface ReservedAlternate {
  expertId: string;
  cost: number;
  summary: string;
}

/**
 * The alternates of every task of a round at publication: with the published panel fixed, the
 * same solver (same conflict rules, availability, caps, employer mix, hand exclusions) is asked for
 * `per` more experts on the task alone; those it picks, cheapest first, are the task's reserve.
 * Reassignment tries them before searching the whole pool again.
 */
export function reserveAlternates(
  input: AssignmentInput,
  panels: ReadonlyMap<string, readonly string[]>,
  per = ALTERNATES_PER_TASK,
): Record<string, ReservedAlternate[]> {
  const out: Record<string, ReservedAlternate[]> = {};
  for (const task of input.tasks) {
    const panel = panels.get(task.id) ?? [];
    const result = solveAssignment({
      ...input,
      tasks: [{ ...task, panelSize: panel.length + per }],
      fixed: panel.map((expertId) => ({ taskId: task.id, expertId })),
      exclusions: (input.exclusions ?? []).filter((e) => e.taskId === task.id),
    });
    out[task.id] = result.assignments
      .filter((a) => !a.fixed)
      .sort((a, b) => a.cost - b.cost || a.expertId.localeCompare(b.expertId))
      .map((a) => ({ expertId: a.expertId, cost: a.cost, summary: a.why.summary }));
  }
  return out;
}
