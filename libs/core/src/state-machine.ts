import { AppError } from './app-error';
import { TransitionErrors } from './transitions.errors';

/**
 * One shape for every state machine: statuses, events and firers with their Chinese names, and a
 * table of transitions — from which statuses, on which event, to which status, fired by whom, and
 * an optional guard (a condition the table states, e.g. "a written reason"). `transition()` answers
 * what the table says; services persist the result with `compareAndSet` (libs/database) in the
 * transaction that writes the audit event, and the README renders `table()`.
 */
export interface TransitionGuard<C, G extends string = string> {
  /** The error code when the guard refuses, e.g. `reason_required`. */
  code: G;
  /** What the README's table adds to the event, e.g. `须填理由`. */
  label: string;
  /** The Chinese message when it refuses (given the event's name); by default “<event>”须满足：<label>. */
  message?: string | ((ctx: C, event: string) => string);
  /** True when the transition may happen given the context. */
  test: (ctx: C) => boolean;
}

/** Who proposed a step and who now fires it — what the four-eyes guard compares. */
export interface FourEyesContext {
  proposedBy: string;
  actorId: string;
}

/**
 * Separation of duties as a guard: the step is taken only by someone other than its proposer
 * (decisions, re-review outcomes). The tables back it with a CHECK constraint.
 */
export const fourEyes = <C extends FourEyesContext>(code: string): TransitionGuard<C> => ({
  code,
  label: '提出人以外的另一人',
  test: (c) => c.proposedBy !== c.actorId,
});

export interface StateTransition<S extends string, E extends string, F extends string, C = void> {
  from: readonly S[];
  event: E;
  to: S;
  firers: readonly F[];
  guard?: TransitionGuard<C>;
  /** A qualifier the README shows after the firer, e.g. `公示期满且无未决异议`. */
  note?: string;
}

export interface StateMachineDefinition<S extends string, E extends string, F extends string, C = void> {
  /** The thing whose status this is, e.g. `申报` — the start of every refusal message. */
  subject: string;
  states: readonly S[];
  names: Record<S, string>;
  events: Record<E, string>;
  firers: Record<F, string>;
  transitions: readonly StateTransition<S, E, F, C>[];
}

export type MachineTransitionResult<S extends string, E extends string, F extends string, C> =
  | { ok: true; to: S; transition: StateTransition<S, E, F, C> }
  | { ok: false; code: 'invalid_transition' | 'transition_not_permitted' | (string & {}); message: string };

export interface StateMachine<
  S extends string,
  E extends string,
  F extends string,
  C = void,
> extends StateMachineDefinition<S, E, F, C> {
  /**
   * Pure: the next status for `event` fired by `firer` in `status`, or why not — `invalid_transition`
   * (→ 409) when the status does not allow the event, naming the current status;
   * `transition_not_permitted` (→ 403) when someone else fires it; the guard's code when its
   * condition does not hold.
   */
  transition(status: S, event: E, firer: F, ctx?: C): MachineTransitionResult<S, E, F, C>;
  /**
   * `transition`, throwing its refusal from `TransitionErrors` — or, for a guard, `guardError(code)`
   * (the guard's code from its context's table; without it, the 409 `invalid_transition`).
   */
  assert(status: S, event: E, firer: F, ctx?: C, guardError?: (code: string) => AppError): S;
  /**
   * The 409 `invalid_transition` for `current` (null: the row is gone): with `event`, the status does
   * not allow it; without, a concurrent change won — what `compareAndSet`'s `lost` returns.
   */
  conflict(current: S | null, event?: E): AppError;
  /** The events `firer` may fire from `status` (guards not evaluated: they depend on the request). */
  allowedEvents(status: S, firer: F): E[];
  /** The README's table: one row per (from, event, firer). */
  table(): { from: string; event: string; to: string; by: string }[];
}

export function defineStateMachine<S extends string, E extends string, F extends string, C = void>(
  def: StateMachineDefinition<S, E, F, C>,
): StateMachine<S, E, F, C> {
  for (const t of def.transitions)
    for (const from of t.from) {
      // A (status, event) pair always leads to one status, whoever fires it.
      const other = def.transitions.find((x) => x !== t && x.event === t.event && x.from.includes(from));
      if (other && other.to !== t.to)
        throw new Error(`${def.subject}: ${from} --${t.event}--> has two targets (${t.to}, ${other.to})`);
    }
  const conflict = (current: S | null, event?: E) =>
    TransitionErrors.raise(
      'invalid_transition',
      def.subject,
      current ? (def.names[current] ?? current) : '未知',
      event && def.events[event],
    );
  type Decision = { ok: true; to: S; transition: StateTransition<S, E, F, C> } | { ok: false; error: AppError };
  const decide = (status: S, event: E, firer: F): Decision => {
    const candidates = def.transitions.filter((x) => x.event === event && x.from.includes(status));
    if (!candidates.length) return { ok: false, error: conflict(status, event) };
    const t = candidates.find((x) => x.firers.includes(firer));
    if (!t) {
      const who = [...new Set(candidates.flatMap((x) => x.firers))].map((f) => def.firers[f]).join('或');
      return { ok: false, error: TransitionErrors.raise('transition_not_permitted', def.events[event], who) };
    }
    return { ok: true, to: t.to, transition: t };
  };
  const transition = (status: S, event: E, firer: F, ctx?: C): MachineTransitionResult<S, E, F, C> => {
    const d = decide(status, event, firer);
    if (!d.ok) return { ok: false, code: d.error.code, message: d.error.message };
    const guard = d.transition.guard;
    if (guard && !guard.test(ctx as C)) {
      const m = guard.message ?? `“${def.events[event]}”须满足：${guard.label}`;
      return { ok: false, code: guard.code, message: typeof m === 'function' ? m(ctx as C, def.events[event]) : m };
    }
    return d;
  };
  const assert = (status: S, event: E, firer: F, ctx?: C, guardError?: (code: string) => AppError): S => {
    const d = decide(status, event, firer);
    if (!d.ok) throw d.error;
    const guard = d.transition.guard;
    if (guard && !guard.test(ctx as C)) throw guardError ? guardError(guard.code) : conflict(status, event);
    return d.to;
  };
  const allowedEvents = (status: S, firer: F): E[] => [
    ...new Set(def.transitions.filter((t) => t.from.includes(status) && t.firers.includes(firer)).map((t) => t.event)),
  ];
  const label = <K extends string>(names: Record<K, string>, k: K) => `${names[k]} (\`${k}\`)`;
  const table = () =>
    def.transitions.flatMap((t) =>
      t.from.flatMap((from) =>
        t.firers.map((f) => ({
          from: label(def.names, from),
          event: label(def.events, t.event) + (t.guard ? `，${t.guard.label}` : ''),
          to: label(def.names, t.to),
          by: def.firers[f] + (t.note ? `（${t.note}）` : ''),
        })),
      ),
    );
  return { ...def, transition, assert, conflict, allowedEvents, table };
}
