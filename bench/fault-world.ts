import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { hashPassword } from '@ff/identity';
import { notificationMessageId } from '@ff/notifications';
import { jobId } from '@ff/queue';
import { http, okCaller, type Reply } from './fault-env';
import { type ApiCall, NARRATIVE, addExpert, completeDraft, openBatch } from './bench-portal';

const PASSWORD = 'Fault-Passw0rd!';
const OUTCOMES = ['application.precheck_pass', 'application.precheck_fail', 'application.precheck_stale'];

export interface Draft {
  id: string;
  token: string;
  clauseId: string;
}

/** The data the fault scenarios act on, made over HTTP like a user would (the official directly in SQL). */
export class World {
  private serial = 0;
  private constructor(
    private readonly base: string,
    private sql: Client,
    readonly official: string,
    readonly batchId: string,
  ) {
    this.ok = okCaller(base);
  }

  /** A call that must succeed: the answer's body. */
  readonly ok: ApiCall;

  /** A staff account made directly in SQL (as the first-run admin would), signed in. */
  static async staff(base: string, sql: Client, role: 'official' | 'recommender', region: string): Promise<string> {
    const username = `fault_${role}_${randomBytes(3).toString('hex')}`;
    await sql.query(
      `INSERT INTO users (username, display_name, password_hash, role, region_code, password_changed_at)
       VALUES ($1, '故障演练主管部门', $2, $3, $4, now())`,
      [username, await hashPassword(PASSWORD), role, region],
    );
    const login = await http(base, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login ${role}: ${login.status} ${login.text}`);
    return login.body.accessToken as string;
  }

  static async create(base: string, _env: NodeJS.ProcessEnv, sql: Client): Promise<World> {
    const official = await World.staff(base, sql, 'official', '330000');
    const batch = await openBatch(okCaller(base), official, {
      code: `FAULT-${Date.now().toString(36)}`,
      title: '故障演练批次',
      tiers: ['workshop'],
    });
    return new World(base, sql, official, batch.id as string);
  }

  useSql(sql: Client): void {
    this.sql = sql;
  }

  private call(token: string | null, method: string, path: string, body?: unknown): Promise<Reply> {
    return http(this.base, token, method, `/api/v1${path}`, body);
  }

  /**
   * `n` enterprises, each with a complete draft (every clause met, one evidence file); `passing`
   * adds 申报条件事项 meeting every default threshold, so the pre-check passes.
   */
  async drafts(n: number, passing = false): Promise<Draft[]> {
    const one = async (): Promise<Draft> => {
      const i = this.serial++;
      const username = `fault_ent_${randomBytes(4).toString('hex')}`;
      await this.ok(null, 'POST', '/auth/register', { username, displayName: `演练企业${i}`, password: PASSWORD });
      const token = (await this.ok(null, 'POST', '/auth/login', { username, password: PASSWORD }))
        .accessToken as string;
      const { id, clauses } = await completeDraft(this.ok, token, {
        batchId: this.batchId,
        tier: 'workshop',
        enterpriseName: `演练企业${Date.now().toString(36)}${i}有限公司`,
        passing,
      });
      return { id, token, clauseId: clauses[0].clauseId };
    };
    const out: Draft[] = [];
    for (let i = 0; i < n; i += 6) out.push(...(await Promise.all(Array.from({ length: Math.min(6, n - i) }, one))));
    return out;
  }

  submit(d: Draft): Promise<Reply> {
    return this.call(d.token, 'POST', `/applications/${d.id}/submit`);
  }

  /** One request of the mixed load: reads of lists and details, a one-clause save (a write). */
  mixedRequest(lane: number, d?: Draft): Promise<Reply> {
    const kind = lane % 4;
    if (kind === 0) return this.call(this.official, 'GET', '/applications?pageSize=20');
    if (kind === 1) return this.call(this.official, 'GET', '/batches');
    if (kind === 2) return this.call(this.official, 'GET', `/batches/${this.batchId}`);
    return d
      ? this.call(d.token, 'PUT', `/applications/${d.id}/self-assessment/${d.clauseId}`, {
          status: 'met',
          narrative: `${NARRATIVE}（${Date.now()}）`,
        })
      : this.call(this.official, 'GET', '/applications?pageSize=5&page=2');
  }

  async statusOf(d: Draft): Promise<string> {
    return (await this.sql.query(`SELECT status FROM applications WHERE id = $1`, [d.id])).rows[0].status;
  }

  /** Submissions still waiting for their pre-check. */
  async pending(): Promise<number> {
    const { rows } = await this.sql.query(
      `SELECT count(*)::int AS n FROM application_submissions WHERE precheck_status = 'pending'`,
    );
    return rows[0].n;
  }

  /** Every draft submitted once, pre-checked once: one submission, not pending, one outcome event. */
  async exactlyOnce(drafts: Draft[]): Promise<{ ok: boolean; detail: string }> {
    const { rows } = await this.sql.query(
      `SELECT a.id,
              (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id) AS submissions,
              (SELECT count(*)::int FROM application_submissions s WHERE s.application_id = a.id AND s.precheck_status = 'pending') AS pending,
              (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = a.id::text AND e.action = ANY($2)) AS outcomes
         FROM applications a WHERE a.id = ANY($1)`,
      [drafts.map((d) => d.id), OUTCOMES],
    );
    const wrong = rows.filter((r) => r.submissions !== 1 || r.pending !== 0 || r.outcomes !== 1);
    const outcomes = rows.reduce((s, r) => s + r.outcomes, 0);
    return {
      ok: rows.length === drafts.length && wrong.length === 0,
      detail: `(${rows.length} applications, ${outcomes} outcome events, ${wrong.length} wrong${wrong.length ? `: ${JSON.stringify(wrong.slice(0, 3))}` : ''})`,
    };
  }

  /** Applications marked submitted without the submission they point at. */
  async halfWritten(): Promise<number> {
    const { rows } = await this.sql.query(
      `SELECT count(*)::int AS n FROM applications a WHERE a.status <> 'draft' AND NOT EXISTS
         (SELECT 1 FROM application_submissions s WHERE s.id = a.current_submission_id)`,
    );
    return rows[0].n;
  }
}

const HOUR = 3600_000;
/** The round's one reminder (1 h before the due date) is scheduled this long after its creation. */
export const REMINDER_AFTER_MS = 30 * 60_000;

/** Polls an HTTP read (or any probe) until it gives a value; the worker may be down meanwhile. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 240_000) {
  const started = Date.now();
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v as T;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the pipeline made: the ids the exactly-once checks count effects of. */
export interface PipelineIds {
  applications: string[];
  roundId: string;
  publicityId: string;
  imports: string[];
  /** Tasks an expert declined: each one review.reassign job. */
  declined: string[];
}

/** A task that no longer counts: declined or not accepted in time (its slot is reassigned). */
const VACATED = `('declined', 'expired')`;

/**
 * Every other job type driven through the API, as people would, while the worker is being killed:
 * recommended applications → a review round (review.assign), its publication (review.publish →
 * notification.send, review.deadline), tasks declined by an expert (review.reassign), a reminder that falls due during the run, experts scoring
 * (review.aggregate), assessment reports (document.render), decisions and a 公示 whose window end
 * (publicity.close) designates, certificates (document.render), and workbook uploads (import.validate).
 * The only shortcuts: the review's due date and the 公示 window (five working days) are moved in SQL
 * so that the reminder and the window end are due, and their delayed jobs promoted — the same jobs
 * the system scheduled, just due now.
 */
export class Pipeline {
  constructor(
    private readonly world: World,
    private readonly sql: () => Client,
    private readonly base: string,
    private readonly promote: (
      queue: 'designations' | 'reviews',
      jobIds: string[],
      before: () => Promise<void>,
    ) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  /** An expert added by the official over HTTP (every domain, an e-mail), first password changed, signed in. */
  async expert(): Promise<string> {
    const w = this.world;
    const username = `fault_ex_${randomBytes(4).toString('hex')}`;
    const expert = await addExpert(w.ok, w.official, PASSWORD, {
      username,
      name: `专家${username.slice(-4)}`,
      email: `${username}@faults.test`,
      employerName: `评审单位${username}`,
      maxTasksPerRound: 100,
    });
    return expert.token;
  }

  /** The batch's import template, as its download gives it (bytes, not text). */
  async template(): Promise<Buffer> {
    const res = await fetch(`${this.base}/api/v1/batches/${this.world.batchId}/import-template`, {
      headers: { authorization: `Bearer ${this.world.official}` },
    });
    if (res.status !== 200) throw new Error(`template: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Uploads `n` workbooks (the template with `rows` filled by the caller): n import.validate jobs. */
  async imports(workbook: Buffer, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const form = new FormData();
      form.append(
        'file',
        new Blob([workbook], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        `申报导入${i}.xlsx`,
      );
      const r = await this.world.ok(this.world.official, 'POST', `/batches/${this.world.batchId}/imports`, form);
      ids.push(r.id as string);
    }
    return ids;
  }

  /**
   * Drives the review, designation and document jobs for `drafts` (pre-check passing drafts);
   * `out` gets each id as soon as it exists, so the killer's probe sees that work in flight.
   */
  async run(
    drafts: Draft[],
    experts: string[],
    county: string,
    city: string,
    officialB: string,
    out: Partial<PipelineIds>,
  ) {
    const w = this.world;
    const official = w.official;
    const ids = drafts.map((d) => d.id);
    out.applications = ids;
    await Promise.all(drafts.map((d) => w.ok(d.token, 'POST', `/applications/${d.id}/submit`)));
    await eventually('the pre-checks of the reviewed applications', async () => {
      const { rows } = await this.sql().query(`SELECT status FROM applications WHERE id = ANY($1)`, [ids]);
      if (rows.some((r) => !['submitted', 'precheck_passed'].includes(r.status)))
        throw new Error(`pre-check did not pass: ${JSON.stringify(rows)}`);
      return rows.every((r) => r.status === 'precheck_passed');
    });
    this.log('pre-checks passed; recommending');
    for (const d of drafts)
      for (const who of [county, city])
        await w.ok(who, 'POST', `/applications/${d.id}/recommendation`, {
          decision: 'recommend',
          comment: '同意推荐',
        });
    const dueAt = Date.now() + HOUR + REMINDER_AFTER_MS;
    const round = await w.ok(official, 'POST', '/review-rounds', {
      batchId: w.batchId,
      title: '故障演练评审',
      applicationIds: ids,
      panelSizes: { workshop: 1, smart_factory: 1, future_factory: 1 },
      dueAt: new Date(dueAt).toISOString(),
      closesAt: new Date(dueAt + 24 * HOUR).toISOString(),
      reminderHours: [1],
    });
    const roundId = round.id as string;
    out.roundId = roundId;
    await eventually('the assignment preview (review.assign)', async () => {
      const r = await w.ok(official, 'GET', `/review-rounds/${roundId}/preview`).catch(() => null);
      return r && r.run === 1;
    });
    this.log('preview computed; publishing');
    await w.ok(official, 'POST', `/review-rounds/${roundId}/publish`, { run: 1 });
    await eventually('the publication (review.publish)', async () => {
      const r = await w.ok(official, 'GET', `/review-rounds/${roundId}`);
      return r.status === 'published';
    });
    this.log('published; an expert declines two tasks (review.reassign)');
    const mine = (
      (await w.ok(experts[0], 'GET', '/review-tasks?pageSize=100')).items as { id: string; status: string }[]
    )
      .filter((t) => t.status === 'assigned')
      .slice(0, 2)
      .map((t) => t.id);
    out.declined = mine;
    for (const id of mine)
      await w.ok(experts[0], 'POST', `/review-tasks/${id}/decline`, { reason: '时间冲突，无法按期完成评审' });
    await eventually('each declined task replaced or escalated (review.reassign)', async () => {
      const { rows } = await this.sql().query(
        `SELECT count(*)::int AS n FROM unnest($1::text[]) AS d(id)
          WHERE EXISTS (SELECT 1 FROM review_tasks t WHERE t.replaces_task_id::text = d.id)
             OR EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = d.id AND e.action = 'review_task.reassign_failed')`,
        [mine],
      );
      return rows[0].n === mine.length;
    });
    this.log('reassigned; the reminder made due now (review.deadline)');
    // The shortcut (as for the 公示 below): the due date moved so that the reminder is due now, and
    // the delayed reminder jobs the publication scheduled promoted — the same jobs, just due now.
    const { rows: taskRows } = await this.sql().query(`SELECT id FROM review_tasks WHERE round_id = $1`, [roundId]);
    await this.promote(
      'reviews',
      taskRows.map((t) => jobId('review.deadline', t.id, 'remind1')),
      async () =>
        void (await this.sql().query(`UPDATE review_rounds SET due_at = now() + interval '1 hour' WHERE id = $1`, [
          roundId,
        ])),
    );
    await eventually(
      'every task reminded (review.deadline)',
      async () => {
        const { rows } = await this.sql().query(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE 1 = ANY(reminders_sent))::int AS reminded
             FROM review_tasks WHERE round_id = $1 AND status NOT IN ${VACATED}`,
          [roundId],
        );
        return rows[0].n > 0 && rows[0].n === rows[0].reminded;
      },
      240_000,
    );
    this.log('reminded; experts accept and score');
    for (const expert of experts) {
      const tasks = (await w.ok(expert, 'GET', '/review-tasks?pageSize=100')).items as { id: string; status: string }[];
      for (const task of tasks.filter((t) => t.status === 'assigned')) {
        await w.ok(expert, 'POST', `/review-tasks/${task.id}/accept`);
        const sheets = (await w.ok(expert, 'GET', `/review-tasks/${task.id}/sheets`)) as unknown as {
          subdomainNo: number;
          clauses: { clauseId: string }[];
        }[];
        for (const s of sheets)
          await w.ok(expert, 'PUT', `/review-tasks/${task.id}/sheets/${s.subdomainNo}`, {
            scores: Object.fromEntries(s.clauses.map((c) => [c.clauseId, { score: 1, comment: null }])),
          });
        await w.ok(expert, 'POST', `/review-tasks/${task.id}/submit`);
      }
    }
    await eventually('final results (review.aggregate)', async () => {
      const r = (await w.ok(official, 'GET', `/review-rounds/${roundId}/results`)) as unknown as {
        status: string;
      }[];
      return r.length === ids.length && r.every((x) => x.status === 'final');
    });
    this.log('results final; assessment reports, decisions, 公示');
    for (const id of ids) await w.ok(official, 'POST', `/applications/${id}/assessment-report`);
    const proposed = (await w.ok(official, 'POST', '/decisions/bulk-propose', {
      applicationIds: ids,
      outcome: 'designate_applied',
      reasonCode: 'meets_applied_tier',
    })) as unknown as { id: string }[];
    await w.ok(officialB, 'POST', '/decisions/bulk-confirm', { decisionIds: proposed.map((d) => d.id) });
    const publicity = await w.ok(official, 'POST', '/publicities', { batchId: w.batchId });
    const publicityId = publicity.id as string;
    out.publicityId = publicityId;
    await this.promote(
      'designations',
      [jobId('publicity.close', publicityId)],
      async () =>
        void (await this.sql().query(
          `UPDATE publicities SET starts_at = LEAST(starts_at, now() - interval '2 seconds'),
                  ends_at = now() - interval '1 second' WHERE id = $1`,
          [publicityId],
        )),
    );
    const designations = await eventually('the designations (publicity.close)', async () => {
      const r = await w.ok(official, 'GET', `/designations?batchId=${w.batchId}&pageSize=100`);
      const items = r.items as { id: string }[];
      return items.length === ids.length ? items : null;
    });
    this.log('designated; certificates');
    for (const d of designations) await w.ok(official, 'POST', `/designations/${d.id}/certificate`);
    return out as PipelineIds;
  }
}

/** One line of the exactly-once table: a job type, how many jobs, what was counted, how many wrong. */
export interface EffectRow {
  job: string;
  jobs: number;
  effects: string;
  wrong: number;
  detail?: string;
}

const n = async (sql: Client, text: string, params: unknown[] = []): Promise<number> =>
  (await sql.query(text, params)).rows[0].n as number;

/** Work still to do, per job type (what a kill can catch in flight). */
export async function inFlight(sql: Client, ids: Partial<PipelineIds>): Promise<Record<string, number>> {
  return {
    'precheck.run': await n(
      sql,
      `SELECT count(*)::int AS n FROM application_submissions WHERE precheck_status = 'pending'`,
    ),
    'import.validate': await n(
      sql,
      `SELECT count(*)::int AS n FROM application_imports WHERE status IN ('queued', 'validating')`,
    ),
    'review.assign': ids.roundId
      ? await n(sql, `SELECT count(*)::int AS n FROM review_rounds WHERE id = $1 AND preview_run = 0`, [ids.roundId])
      : 0,
    'review.publish': ids.roundId
      ? await n(
          sql,
          `SELECT count(*)::int AS n FROM review_rounds WHERE id = $1 AND status = 'draft' AND EXISTS
             (SELECT 1 FROM audit_events e WHERE e.entity_id = $1::text AND e.action = 'review_round.publish_requested')`,
          [ids.roundId],
        )
      : 0,
    'review.deadline': ids.roundId
      ? await n(
          sql,
          `SELECT count(*)::int AS n FROM review_tasks t JOIN review_rounds r ON r.id = t.round_id
            WHERE t.round_id = $1 AND NOT (1 = ANY(t.reminders_sent)) AND r.due_at - interval '1 hour' <= now()
              AND t.status NOT IN ${VACATED}`,
          [ids.roundId],
        )
      : 0,
    'review.aggregate': ids.roundId
      ? await n(
          sql,
          `SELECT count(DISTINCT t.application_id)::int AS n FROM review_tasks t WHERE t.round_id = $1
             AND NOT EXISTS (SELECT 1 FROM review_tasks o WHERE o.round_id = t.round_id
                              AND o.application_id = t.application_id
                              AND o.status NOT IN ('submitted', 'declined', 'expired'))
             AND NOT EXISTS (SELECT 1 FROM review_results x WHERE x.round_id = t.round_id
                              AND x.application_id = t.application_id)`,
          [ids.roundId],
        )
      : 0,
    'review.reassign': ids.roundId
      ? await n(
          sql,
          `SELECT count(*)::int AS n FROM review_tasks t WHERE t.round_id = $1 AND t.status IN ${VACATED}
             AND NOT EXISTS (SELECT 1 FROM review_tasks r WHERE r.replaces_task_id = t.id)
             AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_id = t.id::text
                              AND e.action = 'review_task.reassign_failed')`,
          [ids.roundId],
        )
      : 0,
    'publicity.close': await n(
      sql,
      `SELECT count(*)::int AS n FROM publicities WHERE status = 'open' AND ends_at <= now()`,
    ),
    'document.render': await n(sql, `SELECT count(*)::int AS n FROM documents WHERE status = 'rendering'`),
    'notification.send': await n(sql, `SELECT count(*)::int AS n FROM notifications WHERE email_status = 'pending'`),
  };
}

/**
 * Each job's effect counted in SQL: rows, audit events per entity and action, notifications per
 * dedupe key (and e-mails the relay received), documents per input hash and their stored files.
 */
export async function jobEffects(
  sql: Client,
  ids: PipelineIds,
  mails: string[],
  fileExists: (sha256: string, size: number) => boolean,
): Promise<EffectRow[]> {
  const rows: EffectRow[] = [];
  const events = (action: string, entityIds: string[]) =>
    sql.query(
      `SELECT x.id, (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = x.id AND e.action = $1) AS n
         FROM unnest($2::text[]) AS x(id)`,
      [action, entityIds],
    );
  const wrongOnce = (r: { rows: { n: number }[] }) => r.rows.filter((x) => x.n !== 1).length;

  // import.validate: each upload validated (not queued, not half-way), one import.validated event.
  const imp = await sql.query(
    `SELECT i.id, i.status,
            (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = i.id::text AND e.action = 'import.validated') AS n
       FROM application_imports i WHERE i.id = ANY($1)`,
    [ids.imports],
  );
  const impWrong = imp.rows.filter((r) => r.n !== 1 || !['validated', 'failed'].includes(r.status));
  const statuses = [...new Set(imp.rows.map((r) => r.status))].join('/');
  rows.push({
    job: 'import.validate',
    jobs: ids.imports.length,
    effects: `${imp.rows.length} imports ${statuses}, ${imp.rows.reduce((s, r) => s + r.n, 0)} import.validated events`,
    wrong: impWrong.length + (imp.rows.length === ids.imports.length ? 0 : 1),
    detail: impWrong.length ? JSON.stringify(impWrong.slice(0, 3)) : undefined,
  });

  // review.assign / review.publish: one preview, one publication, one task per application and domain.
  const round = (await sql.query(`SELECT status, preview_run FROM review_rounds WHERE id = $1`, [ids.roundId])).rows[0];
  const previewed = await events('review_round.previewed', [ids.roundId]);
  rows.push({
    job: 'review.assign',
    jobs: 1,
    effects: `preview run ${round.preview_run}, ${previewed.rows[0].n} review_round.previewed event`,
    wrong: wrongOnce(previewed) + (round.preview_run === 1 ? 0 : 1),
  });
  const published = await events('review_round.published', [ids.roundId]);
  const tasks = await sql.query(
    `SELECT id, application_id, domain_code, reminders_sent, status FROM review_tasks WHERE round_id = $1`,
    [ids.roundId],
  );
  const perSlot = new Map<string, number>();
  for (const t of tasks.rows.filter((x) => !['declined', 'expired'].includes(x.status)))
    perSlot.set(`${t.application_id}/${t.domain_code}`, (perSlot.get(`${t.application_id}/${t.domain_code}`) ?? 0) + 1);
  const assignedNotices = await n(sql, `SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = ANY($1)`, [
    tasks.rows.map((t) => `review.task_assigned:${t.id}`),
  ]);
  const appsWithTasks = new Set(tasks.rows.map((t) => t.application_id)).size;
  rows.push({
    job: 'review.publish',
    jobs: 1,
    effects: `${tasks.rows.length} tasks (${appsWithTasks} applications, ${perSlot.size} slots each held once), ${assignedNotices} assigned notices, ${published.rows[0].n} published event`,
    wrong:
      wrongOnce(published) +
      [...perSlot.values()].filter((c) => c !== 1).length +
      (round.status === 'published' ? 0 : 1) +
      (appsWithTasks === ids.applications.length ? 0 : 1) +
      (assignedNotices === tasks.rows.length ? 0 : 1),
  });

  // review.reassign: per declined task one replacement (one reassigned event, one assigned notice),
  // or — nobody eligible left — one reassign_failed event and one escalation per official; never both.
  const reassign = await sql.query(
    `SELECT d.id,
            (SELECT count(*)::int FROM review_tasks t WHERE t.replaces_task_id::text = d.id) AS replacements,
            (SELECT count(*)::int FROM audit_events e JOIN review_tasks t ON e.entity_id = t.id::text
              WHERE t.replaces_task_id::text = d.id AND e.action = 'review_task.reassigned') AS reassigned,
            (SELECT count(*)::int FROM notifications x JOIN review_tasks t ON x.dedupe_key = 'review.task_assigned:' || t.id
              WHERE t.replaces_task_id::text = d.id) AS notices,
            (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = d.id
                AND e.action = 'review_task.reassign_failed') AS failed,
            (SELECT count(*)::int FROM notifications x WHERE x.dedupe_key LIKE 'review.escalation:unfilled:' || d.id || ':%') AS escalations,
            (SELECT count(DISTINCT x.dedupe_key)::int FROM notifications x
              WHERE x.dedupe_key LIKE 'review.escalation:unfilled:' || d.id || ':%') AS escalated_to
       FROM unnest($1::text[]) AS d(id)`,
    [ids.declined],
  );
  const reassignWrong = reassign.rows.filter(
    (r) =>
      !(r.replacements === 1 && r.reassigned === 1 && r.notices === 1 && r.failed === 0 && r.escalations === 0) &&
      !(r.replacements === 0 && r.failed === 1 && r.escalations > 0 && r.escalations === r.escalated_to),
  );
  const sum = (key: string) => reassign.rows.reduce((s, r) => s + (r[key] as number), 0);
  rows.push({
    job: 'review.reassign',
    jobs: ids.declined.length,
    effects: `${ids.declined.length} declined: ${sum('replacements')} replacement tasks, ${sum('reassigned')} reassigned events, ${sum('notices')} assigned notices; ${sum('failed')} unfilled, ${sum('escalations')} escalations`,
    wrong: reassignWrong.length + (reassign.rows.length === ids.declined.length ? 0 : 1),
    detail: reassignWrong.length ? JSON.stringify(reassignWrong.slice(0, 3)) : undefined,
  });

  // review.deadline (the reminder): each task reminded once, one reminder notice per task.
  const reminders = await sql.query(
    `SELECT t.id, array_length(t.reminders_sent, 1) AS marks,
            (SELECT count(*)::int FROM notifications x WHERE x.dedupe_key = 'review.task_reminder:' || t.id || ':1') AS notices
       FROM review_tasks t WHERE t.round_id = $1 AND t.status NOT IN ${VACATED}`,
    [ids.roundId],
  );
  const remWrong = reminders.rows.filter((r) => r.marks !== 1 || r.notices !== 1);
  rows.push({
    job: 'review.deadline',
    jobs: reminders.rows.length,
    effects: `${reminders.rows.filter((r) => r.marks === 1).length} tasks reminded, ${reminders.rows.reduce((s, r) => s + r.notices, 0)} reminder notices`,
    wrong: remWrong.length,
    detail: remWrong.length ? JSON.stringify(remWrong.slice(0, 3)) : undefined,
  });

  // review.aggregate: one final result per application, one review_result.computed event each.
  const results = await sql.query(
    `SELECT r.id::text AS id, r.status, r.application_id FROM review_results r WHERE r.round_id = $1`,
    [ids.roundId],
  );
  const computed = await events(
    'review_result.computed',
    results.rows.map((r) => r.id),
  );
  const perApp = new Set(results.rows.map((r) => r.application_id)).size;
  rows.push({
    job: 'review.aggregate',
    jobs: ids.applications.length,
    effects: `${results.rows.length} results (${results.rows.filter((r) => r.status === 'final').length} final), ${computed.rows.reduce((s, r) => s + r.n, 0)} computed events`,
    wrong:
      wrongOnce(computed) +
      Math.abs(results.rows.length - ids.applications.length) +
      (perApp === ids.applications.length ? 0 : 1),
  });

  // publicity.close: closed once, one designation per application, one designation.issued each.
  const pub = (await sql.query(`SELECT status FROM publicities WHERE id = $1`, [ids.publicityId])).rows[0];
  const closed = await events('publicity.closed', [ids.publicityId]);
  const desig = await sql.query(
    `SELECT id::text AS id, application_id FROM designations WHERE application_id = ANY($1)`,
    [ids.applications],
  );
  const issued = await events(
    'designation.issued',
    desig.rows.map((d) => d.id),
  );
  // Certificate numbers: per batch and tier, serials 1..n without a gap or a repeat, numbers unique.
  const serials = await sql.query(
    `SELECT batch_id, tier, count(*)::int AS n, count(DISTINCT serial)::int AS distinct_serials,
            count(DISTINCT certificate_number)::int AS numbers, min(serial)::int AS lo, max(serial)::int AS hi
       FROM designations WHERE batch_id IN (SELECT batch_id FROM designations WHERE application_id = ANY($1))
      GROUP BY batch_id, tier`,
    [ids.applications],
  );
  const gaps = serials.rows.filter(
    (r) => r.distinct_serials !== r.n || r.numbers !== r.n || r.lo !== 1 || r.hi !== r.n,
  );
  rows.push({
    job: 'publicity.close',
    jobs: 1,
    effects: `${pub.status}, ${closed.rows[0].n} closed event, ${desig.rows.length} designations, ${issued.rows.reduce((s, r) => s + r.n, 0)} issued events, certificate serials ${serials.rows.map((r) => `${r.lo}–${r.hi}`).join(', ')} ${gaps.length ? 'WITH GAPS' : 'gapless'}`,
    wrong:
      wrongOnce(closed) +
      wrongOnce(issued) +
      gaps.length +
      (pub.status === 'closed' ? 0 : 1) +
      Math.abs(desig.rows.length - ids.applications.length),
  });

  // document.render: reports and certificates, one row per input hash, ready, one rendered event, its file.
  const docs = await sql.query(
    `SELECT id::text AS id, kind, subject_id, input_hash, status, sha256, size::int AS size FROM documents
      WHERE subject_id = ANY($1)`,
    [[...ids.applications, ...desig.rows.map((d) => d.id)]],
  );
  const rendered = await events(
    'document.rendered',
    docs.rows.map((d) => d.id),
  );
  const perHash = new Map<string, number>();
  for (const d of docs.rows)
    perHash.set(
      `${d.kind}/${d.subject_id}/${d.input_hash}`,
      (perHash.get(`${d.kind}/${d.subject_id}/${d.input_hash}`) ?? 0) + 1,
    );
  const notReady = docs.rows.filter((d) => d.status !== 'ready');
  const noFile = docs.rows.filter((d) => d.status === 'ready' && !fileExists(d.sha256, d.size));
  const expected = ids.applications.length + desig.rows.length;
  rows.push({
    job: 'document.render',
    jobs: expected,
    effects: `${docs.rows.length} documents (${docs.rows.filter((d) => d.kind === 'assessment_report').length} reports, ${docs.rows.filter((d) => d.kind === 'certificate').length} certificates), ${rendered.rows.reduce((s, r) => s + r.n, 0)} rendered events, ${docs.rows.length - noFile.length} files`,
    wrong:
      wrongOnce(rendered) +
      [...perHash.values()].filter((c) => c !== 1).length +
      notReady.length +
      noFile.length +
      Math.abs(docs.rows.length - expected),
    detail: notReady.length || noFile.length ? JSON.stringify([...notReady, ...noFile].slice(0, 3)) : undefined,
  });

  // notification.send: every e-mail sent, none pending; the relay received each message (its
  // Message-ID, stable per notification) and no other. A delivery repeated because the worker died
  // between the relay's acceptance and the commit carries the same Message-ID: counted apart.
  const notes = await sql.query(`SELECT id, email_status, dedupe_key FROM notifications WHERE email_to IS NOT NULL`);
  const sent = notes.rows.filter((r) => r.email_status === 'sent');
  const unsent = notes.rows.length - sent.length;
  const keys = new Set(notes.rows.map((r) => r.dedupe_key)).size;
  const received = new Set(mails);
  const expectedIds = new Set(sent.map((r) => notificationMessageId(r.id)));
  const missing = [...expectedIds].filter((m) => !received.has(m));
  const foreign = [...received].filter((m) => !expectedIds.has(m));
  rows.push({
    job: 'notification.send',
    jobs: notes.rows.length,
    effects: `${sent.length} sent, ${unsent} unsent; relay: ${received.size} distinct messages, ${mails.length - received.size} repeated deliveries of one`,
    wrong: unsent + missing.length + foreign.length + (notes.rows.length - keys),
    detail: missing.length || foreign.length ? JSON.stringify({ missing, foreign }).slice(0, 300) : undefined,
  });
  return rows;
}
