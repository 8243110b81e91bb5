import { addYearsInclusive, nextDate } from './calendar/working-days';

/**
 * A designation's lifecycle after it is made (active from the day of designation): re-review
 * (复核), through an expert round or recorded by an official, and revocation. `expired` is not a
 * stored status: it is read off the last valid day (see `effectiveStatus`). Every move is a
 * compare-and-set `UPDATE … WHERE status = :from` in the transaction that audits it; an outcome
 * of a re-review round takes effect only when a second official confirms it (four eyes).
 */
export const STORED_DESIGNATION_STATUSES = ['active', 'under_re_review', 'revoked'] as const;
export type StoredDesignationStatus = (typeof STORED_DESIGNATION_STATUSES)[number];

const NAMES: Record<StoredDesignationStatus, string> = { active: '有效', under_re_review: '复核中', revoked: '已撤销' };

export const DESIGNATION_TRANSITIONS: readonly {
  from: StoredDesignationStatus;
  event: string;
  to: StoredDesignationStatus;
  by: string;
}[] = [
  { from: 'active', event: '开启复核评审轮次', to: 'under_re_review', by: '省级主管部门（有效期届满前）' },
  { from: 'active', event: '登记复核', to: 'under_re_review', by: '省级主管部门（不经专家评审）' },
  {
    from: 'under_re_review',
    event: '复核通过，维持认定（有效期延长）',
    to: 'active',
    by: '省级主管部门（经复核评审轮次的：提出人以外的另一人确认）',
  },
  {
    from: 'under_re_review',
    event: '复核未通过（撤销并限制申报）',
    to: 'revoked',
    by: '省级主管部门（经复核评审轮次的：提出人以外的另一人确认）',
  },
  { from: 'active', event: '撤销（编码原因）', to: 'revoked', by: '省级主管部门' },
  { from: 'under_re_review', event: '撤销（编码原因）', to: 'revoked', by: '省级主管部门' },
];

/** The rows of the README's table, one per transition. */
export const designationStateMachineRows = (): string[] =>
  DESIGNATION_TRANSITIONS.map(
    (t) => `| ${NAMES[t.from]} \`${t.from}\` | ${t.event} | ${NAMES[t.to]} \`${t.to}\` | ${t.by} |`,
  );

/**
 * A designation maintained after 复核 stays valid for the policy's years more: from the day after
 * its last valid day, or from today when it had already lapsed (no validity in the past).
 */
export function extendedValidUntil(validUntil: string, today: string, years: number): string {
  const next = nextDate(validUntil);
  return addYearsInclusive(next > today ? next : today, years);
}
