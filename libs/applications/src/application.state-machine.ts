import { type StateTransition, defineStateMachine } from '@ff/core';

/**
 * The application's one state machine: every status, every allowed transition and who fires it.
 * A `defineStateMachine` definition: services call `transition()` and then persist the result with
 * `compareAndSet` (`WHERE id = $1 AND status = $from`) in the transaction that writes the audit
 * event, so two concurrent transitions can never both win. The README renders `APPLICATION_TRANSITIONS` as a table.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'precheck_passed',
  'returned',
  'county_recommended',
  'city_recommended',
  'withdrawn',
  'under_review',
  'reviewed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_NAMES: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交（形式审查中）',
  precheck_passed: '形式审查通过',
  returned: '已退回',
  county_recommended: '县级已推荐',
  city_recommended: '市级已推荐',
  withdrawn: '已撤回',
  under_review: '专家评审中',
  reviewed: '评审完成',
};

export const APPLICATION_EVENTS = [
  'submit',
  'precheck_pass',
  'precheck_fail',
  'county_recommend',
  'county_return',
  'city_recommend',
  'city_return',
  'county_recommend_withdraw',
  'city_recommend_withdraw',
  'withdraw',
  'review_start',
  'review_complete',
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const APPLICATION_EVENT_NAMES: Record<ApplicationEvent, string> = {
  submit: '提交申报',
  precheck_pass: '形式审查通过',
  precheck_fail: '形式审查未通过，退回',
  county_recommend: '县级推荐',
  county_return: '县级退回',
  city_recommend: '市级推荐',
  city_return: '市级退回',
  county_recommend_withdraw: '撤回县级推荐',
  city_recommend_withdraw: '撤回市级推荐',
  withdraw: '撤回申报',
  review_start: '发布专家评审任务',
  review_complete: '专家评审结果定稿',
};

/**
 * Who may fire a transition. Recommenders are split by the level of their jurisdiction
 * (a county code or a city code); `system` is the worker running the pre-check. `importer` is the
 * official or recommender who commits an Excel import with `submit: true`: it submits, on behalf of
 * the enterprise (audited as 代为提交), the drafts and returned applications that import created or
 * updated — only `SubmissionsService.submitImported`, called by the import commit, fires as it.
 */
export type TransitionFirer =
  'enterprise' | 'importer' | 'system' | 'county_recommender' | 'city_recommender' | 'province';

export const FIRER_NAMES: Record<TransitionFirer, string> = {
  enterprise: '申报企业',
  importer: '导入单位（提交导入时代为提交）',
  system: '系统（形式审查）',
  county_recommender: '县级推荐单位',
  city_recommender: '市级推荐单位',
  province: '省级主管部门（专家评审）',
};

export type ApplicationTransition = StateTransition<ApplicationStatus, ApplicationEvent, TransitionFirer>;

export const APPLICATION_STATE_MACHINE = defineStateMachine<ApplicationStatus, ApplicationEvent, TransitionFirer>({
  subject: '申报',
  states: APPLICATION_STATUSES,
  names: APPLICATION_STATUS_NAMES,
  events: APPLICATION_EVENT_NAMES,
  firers: FIRER_NAMES,
  transitions: [
    { from: ['draft', 'returned'], event: 'submit', to: 'submitted', firers: ['enterprise', 'importer'] },
    { from: ['submitted'], event: 'precheck_pass', to: 'precheck_passed', firers: ['system'] },
    { from: ['submitted'], event: 'precheck_fail', to: 'returned', firers: ['system'] },
    { from: ['precheck_passed'], event: 'county_recommend', to: 'county_recommended', firers: ['county_recommender'] },
    { from: ['precheck_passed'], event: 'county_return', to: 'returned', firers: ['county_recommender'] },
    { from: ['county_recommended'], event: 'city_recommend', to: 'city_recommended', firers: ['city_recommender'] },
    { from: ['county_recommended'], event: 'city_return', to: 'returned', firers: ['city_recommender'] },
    // Before the province starts review, a recommender may take its recommendation back.
    {
      from: ['county_recommended'],
      event: 'county_recommend_withdraw',
      to: 'precheck_passed',
      firers: ['county_recommender'],
    },
    {
      from: ['city_recommended'],
      event: 'city_recommend_withdraw',
      to: 'county_recommended',
      firers: ['city_recommender'],
    },
    {
      from: ['draft', 'returned', 'submitted', 'precheck_passed', 'county_recommended'],
      event: 'withdraw',
      to: 'withdrawn',
      firers: ['enterprise'],
    },
    { from: ['city_recommended'], event: 'review_start', to: 'under_review', firers: ['province'] },
    { from: ['under_review'], event: 'review_complete', to: 'reviewed', firers: ['province'] },
  ],
});
export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = APPLICATION_STATE_MACHINE.transitions;

/** The enterprise may change its self-assessment, evidence, tier and construction type only here. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'returned'];
export const isEditable = (status: ApplicationStatus) => EDITABLE_STATUSES.includes(status);

export type TransitionResult =
  | { ok: true; to: ApplicationStatus; transition: ApplicationTransition }
  | { ok: false; code: 'invalid_transition' | 'transition_not_permitted'; message: string };

/**
 * Pure: the next status for `event` fired by `firer` in `state`, or why not. `invalid_transition`
 * (→ 409) when the status does not allow the event — the message names the current status;
 * `transition_not_permitted` (→ 403) when the event exists there but belongs to someone else.
 */
export function transition(
  state: ApplicationStatus,
  event: ApplicationEvent,
  firer: TransitionFirer,
): TransitionResult {
  return APPLICATION_STATE_MACHINE.transition(state, event, firer) as TransitionResult;
}

/** The table the README shows: one row per (from, event, firer). */
export const stateMachineTable = () => APPLICATION_STATE_MACHINE.table();
