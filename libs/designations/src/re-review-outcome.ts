import { type FourEyesContext, defineStateMachine, fourEyes } from '@ff/core';

/**
 * The outcome of a designation's re-review (复核) in an expert round: proposed by one official on
 * the round's final result, in force once another official confirms it (four eyes — also a CHECK
 * in the table), at most one per designation and round. Confirmation applies it to the
 * designation in the same transaction: `maintained` → active, validity extended; `failed` →
 * revoked for `failed_re_review`, with that reason's ban.
 */
export const RE_REVIEW_OUTCOMES = ['maintained', 'failed'] as const;
export type ReReviewOutcome = (typeof RE_REVIEW_OUTCOMES)[number];
export const RE_REVIEW_OUTCOME_NAMES: Record<ReReviewOutcome, string> = {
  maintained: '复核通过，维持认定',
  failed: '复核未通过，撤销认定',
};

export const RE_REVIEW_OUTCOME_STATUSES = ['proposed', 'confirmed'] as const;
export type ReReviewOutcomeStatus = (typeof RE_REVIEW_OUTCOME_STATUSES)[number];
export const RE_REVIEW_OUTCOME_STATUS_NAMES: Record<ReReviewOutcomeStatus, string> = {
  proposed: '待确认',
  confirmed: '已确认',
};

/** Proposed → confirmed by a second official: the same four-eyes guard as a decision's. */
export const RE_REVIEW_OUTCOME_STATE_MACHINE = defineStateMachine<
  ReReviewOutcomeStatus,
  'confirm',
  'official',
  FourEyesContext
>({
  subject: '复核结论',
  states: RE_REVIEW_OUTCOME_STATUSES,
  names: RE_REVIEW_OUTCOME_STATUS_NAMES,
  events: { confirm: '确认' },
  firers: { official: '省级主管部门' },
  transitions: [
    {
      from: ['proposed'],
      event: 'confirm',
      to: 'confirmed',
      firers: ['official'],
      guard: fourEyes('re_review_outcome_same_official'),
    },
  ],
});

/** A `re_review_outcomes` row as `SELECT *` returns it. */
export interface ReReviewOutcomeRow {
  id: string;
  designation_id: string;
  round_id: string;
  result_id: string;
  outcome: ReReviewOutcome;
  note: string;
  status: ReReviewOutcomeStatus;
  proposed_by: string;
  proposed_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  version: number;
}

export const toReReviewOutcomeView = (r: ReReviewOutcomeRow) => ({
  id: r.id,
  designationId: r.designation_id,
  roundId: r.round_id,
  resultId: r.result_id,
  reReviewOutcome: r.outcome,
  reReviewOutcomeName: RE_REVIEW_OUTCOME_NAMES[r.outcome],
  reReviewNote: r.note,
  status: r.status,
  statusName: RE_REVIEW_OUTCOME_STATUS_NAMES[r.status],
  proposedBy: r.proposed_by,
  proposedAt: r.proposed_at,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
  version: r.version,
});
