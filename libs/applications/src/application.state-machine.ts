/**
 * The application's one state machine: every status, every allowed transition and who fires it.
 * Services call `transition()` and then persist the result with a compare-and-set UPDATE
 * (`WHERE id = $1 AND status = $from`) in the transaction that writes the audit event, so two
 * concurrent transitions can never both win. The README renders `APPLICATION_TRANSITIONS` as a table.
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

export interface ApplicationTransition {
  from: readonly ApplicationStatus[];
  event: ApplicationEvent;
  to: ApplicationStatus;
  by: TransitionFirer;
}

export const APPLICATION_TRANSITIONS: readonly ApplicationTransition[] = [
  { from: ['draft', 'returned'], event: 'submit', to: 'submitted', by: 'enterprise' },
  { from: ['draft', 'returned'], event: 'submit', to: 'submitted', by: 'importer' },
  { from: ['submitted'], event: 'precheck_pass', to: 'precheck_passed', by: 'system' },
  { from: ['submitted'], event: 'precheck_fail', to: 'returned', by: 'system' },
  { from: ['precheck_passed'], event: 'county_recommend', to: 'county_recommended', by: 'county_recommender' },
  { from: ['precheck_passed'], event: 'county_return', to: 'returned', by: 'county_recommender' },
  { from: ['county_recommended'], event: 'city_recommend', to: 'city_recommended', by: 'city_recommender' },
  { from: ['county_recommended'], event: 'city_return', to: 'returned', by: 'city_recommender' },
  // Before the province starts review, a recommender may take its recommendation back.
  {
    from: ['county_recommended'],
    event: 'county_recommend_withdraw',
    to: 'precheck_passed',
    by: 'county_recommender',
  },
  { from: ['city_recommended'], event: 'city_recommend_withdraw', to: 'county_recommended', by: 'city_recommender' },
  {
    from: ['draft', 'returned', 'submitted', 'precheck_passed', 'county_recommended'],
    event: 'withdraw',
    to: 'withdrawn',
    by: 'enterprise',
  },
  { from: ['city_recommended'], event: 'review_start', to: 'under_review', by: 'province' },
  { from: ['under_review'], event: 'review_complete', to: 'reviewed', by: 'province' },
];

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
  // A (status, event) pair may have several firers, but always one target status.
  const candidates = APPLICATION_TRANSITIONS.filter((x) => x.event === event && x.from.includes(state));
  if (!candidates.length) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `申报当前状态为“${APPLICATION_STATUS_NAMES[state]}”，不能执行“${APPLICATION_EVENT_NAMES[event]}”`,
    };
  }
  const t = candidates.find((x) => x.by === firer);
  if (!t) {
    return {
      ok: false,
      code: 'transition_not_permitted',
      message: `“${APPLICATION_EVENT_NAMES[event]}”只能由${candidates.map((x) => FIRER_NAMES[x.by]).join('或')}执行`,
    };
  }
  return { ok: true, to: t.to, transition: t };
}

/** The table the README shows: one row per (from, event). */
export function stateMachineTable(): { from: string; event: string; to: string; by: string }[] {
  return APPLICATION_TRANSITIONS.flatMap((t) =>
    t.from.map((from) => ({
      from: `${APPLICATION_STATUS_NAMES[from]} (\`${from}\`)`,
      event: `${APPLICATION_EVENT_NAMES[t.event]} (\`${t.event}\`)`,
      to: `${APPLICATION_STATUS_NAMES[t.to]} (\`${t.to}\`)`,
      by: FIRER_NAMES[t.by],
    })),
  );
}
