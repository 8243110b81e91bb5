import { type FourEyesContext, type StateTransition, defineStateMachine, fourEyes } from '@ff/core';

/**
 * The decision's one state machine. A proposal takes effect only when a second official confirms
 * it (four eyes: the confirmer is never the proposer — the guard below, also a CHECK in the table);
 * designating outcomes are then published (公示) and become designations when the window closes
 * without an open objection. An upheld objection leads to a revision that supersedes the published
 * decision. Every step is a `compareAndSet` (`UPDATE … WHERE status = :from`) in the transaction
 * that audits it.
 */
export const DECISION_STATUSES = ['proposed', 'confirmed', 'published', 'designated', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DECISION_STATUS_NAMES: Record<DecisionStatus, string> = {
  proposed: '待确认',
  confirmed: '已确认',
  published: '公示中',
  designated: '已认定',
  superseded: '已被修改',
};

export type DecisionEvent = 'confirm' | 'publish' | 'designate' | 'supersede';
export type DecisionFirer = 'official' | 'system';
/** What the guards look at: the decision as read, and who fires the event. */
export interface DecisionContext extends FourEyesContext {
  outcome: string;
}

export const DECISION_STATE_MACHINE = defineStateMachine<DecisionStatus, DecisionEvent, DecisionFirer, DecisionContext>(
  {
    subject: '认定意见',
    states: DECISION_STATUSES,
    names: DECISION_STATUS_NAMES,
    events: { confirm: '确认', publish: '公示', designate: '认定', supersede: '修改' },
    firers: { official: '省级主管部门', system: '系统' },
    transitions: [
      {
        from: ['proposed'],
        event: 'confirm',
        to: 'confirmed',
        firers: ['official'],
        guard: fourEyes('decision_same_official'),
      },
      { from: ['confirmed'], event: 'publish', to: 'published', firers: ['official'], note: '认定类意见' },
      { from: ['published'], event: 'designate', to: 'designated', firers: ['system'], note: '公示期满且无未决异议' },
      {
        from: ['published'],
        event: 'supersede',
        to: 'superseded',
        firers: ['official'],
        note: '异议成立后修改意见经确认',
      },
      {
        from: ['confirmed'],
        event: 'supersede',
        to: 'superseded',
        firers: ['official'],
        note: '现场核查后的新意见经确认，仅“暂缓”意见',
        guard: { code: 'decision_not_deferred', label: '仅“暂缓”意见', test: (c) => c.outcome === 'defer_onsite' },
      },
    ],
  },
);
export const DECISION_TRANSITIONS: readonly StateTransition<
  DecisionStatus,
  DecisionEvent,
  DecisionFirer,
  DecisionContext
>[] = DECISION_STATE_MACHINE.transitions;

/** The rows of the README's table, one per transition. */
export const decisionStateMachineRows = (): string[] =>
  DECISION_TRANSITIONS.flatMap((t) =>
    t.from.map((from) => {
      const by = t.firers.map((f) => DECISION_STATE_MACHINE.firers[f]).join('或');
      return `| ${DECISION_STATUS_NAMES[from]} \`${from}\` | ${t.event} | ${DECISION_STATUS_NAMES[t.to]} \`${t.to}\` | ${by}（${t.note ?? t.guard?.label}） |`;
    }),
  );
