/**
 * The decision's one state machine. A proposal takes effect only when a second official confirms
 * it (four eyes: the confirmer is never the proposer — also a CHECK in the table); designating
 * outcomes are then published (公示) and become designations when the window closes without an
 * open objection. An upheld objection leads to a revision that supersedes the published decision.
 * Every step is a compare-and-set `UPDATE … WHERE status = :from` in the transaction that audits it.
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

export const DECISION_TRANSITIONS: readonly { from: DecisionStatus; event: string; to: DecisionStatus; by: string }[] =
  [
    { from: 'proposed', event: 'confirm', to: 'confirmed', by: '省级主管部门（提出人以外的另一人）' },
    { from: 'confirmed', event: 'publish', to: 'published', by: '省级主管部门（认定类意见）' },
    { from: 'published', event: 'designate', to: 'designated', by: '系统（公示期满且无未决异议）' },
    { from: 'published', event: 'supersede', to: 'superseded', by: '省级主管部门（异议成立后修改意见经确认）' },
    {
      from: 'confirmed',
      event: 'supersede',
      to: 'superseded',
      by: '省级主管部门（现场核查后的新意见经确认，仅“暂缓”意见）',
    },
  ];

/** The rows of the README's table, one per transition. */
export const decisionStateMachineRows = (): string[] =>
  DECISION_TRANSITIONS.map(
    (t) =>
      `| ${DECISION_STATUS_NAMES[t.from]} \`${t.from}\` | ${t.event} | ${DECISION_STATUS_NAMES[t.to]} \`${t.to}\` | ${t.by} |`,
  );
