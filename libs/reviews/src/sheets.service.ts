import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, ErrorDetail, RequestMeta, TransitionErrors } from '@ff/core';
import { ReviewIntakeService } from '@ff/applications';
import { BatchesService } from '@ff/batches';
import { QueueService, jobId } from '@ff/queue';
import { FILE_STORAGE, type FileStorage } from '@ff/storage';
import { Clause, ScoringPolicy, SubDomain, TierCode, getRuleSet } from '@ff/rules';
import { Clock } from './clock';
import { MaterialView, PanelSheetView, SaveSheetDto, SheetView } from './dto/sheet.dto';
import { TaskView } from './dto/task.view';
import { ReviewTask } from './entities/review-task.entity';
import { ClauseScore, ScoreSheet } from './entities/score-sheet.entity';
import { ReviewErrors } from './reviews.errors';
import {
  REVIEW_TASK_STATE_MACHINE,
  REVIEW_TASK_STATUS_NAMES,
  ReviewTaskStatus,
  SCORABLE_TASK_STATUSES,
} from './review-task.state-machine';
import { fireTask } from './task-transitions';
import { TasksService, taskView } from './tasks.service';

interface TaskScope {
  tier: TierCode;
  policy: ScoringPolicy;
  subdomains: { sub: SubDomain; clauses: Clause[] }[];
}

/** What is missing before a sheet can be submitted: unscored clauses, comments below the top score. */
export function sheetGaps(
  clauses: Clause[],
  scores: Record<string, ClauseScore>,
  policy: ScoringPolicy,
  no: number,
): ErrorDetail[] {
  const top = Math.max(...policy.scale.map((s) => s.value));
  const gaps: ErrorDetail[] = [];
  for (const c of clauses) {
    const s = scores[c.id];
    if (s?.score === undefined || s.score === null)
      gaps.push({
        field: `sheets[${no}].${c.id}.score`,
        code: 'score_missing',
        message: `能力子域 ${no} 条款 ${c.label || c.id} 尚未评分`,
      });
    else if (s.score < top && !(s.comment ?? '').trim())
      gaps.push({
        field: `sheets[${no}].${c.id}.comment`,
        code: 'comment_required',
        message: `能力子域 ${no} 条款 ${c.label || c.id} 评分低于最高档，须填写评审意见`,
      });
  }
  return gaps;
}

/**
 * Score sheets: an expert's scores per clause for each sub-domain of its task, saved as drafts
 * with merge semantics and frozen by submitting the task; the frozen application material it
 * scores; the panel's sheets, shown only after the expert has submitted its own (blind review).
 */
@Injectable()
export class SheetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly intake: ReviewIntakeService,
    private readonly batches: BatchesService,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  private async scope(task: ReviewTask, em: EntityManager = this.dataSource.manager): Promise<TaskScope> {
    const [app] = await this.intake.byIds([task.applicationId], em);
    const batch = await this.batches.getOrFail(app.batchId, em);
    const ruleSet = getRuleSet(batch.ruleSetVersion);
    const subdomains = ruleSet.subdomains
      .filter((s) => s.domain === task.domainCode && s.requirements[app.tier])
      .map((sub) => ({
        sub,
        clauses: sub.requirements[app.tier]!.filter((c) => c.industry === null || c.industry === app.industryMode),
      }));
    return { tier: app.tier, policy: batch.scoringPolicy, subdomains };
  }

  async material(actor: Actor, meta: RequestMeta, id: string): Promise<MaterialView> {
    const task = await this.tasks.visible(actor, meta, id);
    const { subdomains } = await this.scope(task);
    const frozen = (await this.intake.frozen(task.applicationId, task.submissionId))!;
    const nos = new Set(subdomains.map((s) => s.sub.no));
    const ids = new Set(subdomains.flatMap((s) => s.clauses.map((c) => c.id)));
    const report = (frozen.precheckReport ?? {}) as { subdomains?: { no: number }[] };
    return {
      applicationId: task.applicationId,
      submissionId: frozen.submissionId,
      contentHash: frozen.contentHash,
      enterpriseName: frozen.content.enterprise.name,
      tier: frozen.content.tier,
      industryMode: frozen.content.industryMode,
      declarations: frozen.content.declarations.filter((d) => ids.has(d.clauseId)),
      precheck: (report.subdomains ?? []).filter((s) => nos.has(s.no)),
    };
  }

  /**
   * One evidence file of the frozen submission, if a declaration of this task's clauses cites it;
   * any other id answers like an unknown one (audited).
   */
  async evidence(actor: Actor, meta: RequestMeta, id: string, evidenceId: string) {
    const task = await this.tasks.visible(actor, meta, id);
    const { subdomains } = await this.scope(task);
    const ids = new Set(subdomains.flatMap((s) => s.clauses.map((c) => c.id)));
    const frozen = (await this.intake.frozen(task.applicationId, task.submissionId))!;
    const file = frozen.content.declarations
      .filter((d) => ids.has(d.clauseId))
      .flatMap((d) => d.evidence)
      .find((e) => e.id === evidenceId);
    if (!file) throw await this.tasks.denyEvidence(actor, meta, evidenceId);
    return { file, stream: await this.storage.open(file.sha256) };
  }

  async list(actor: Actor, meta: RequestMeta, id: string): Promise<SheetView[]> {
    const task = await this.tasks.visible(actor, meta, id);
    // Officials read sheets of submitted tasks only: drafts are the expert's own.
    if (actor.role !== 'expert' && task.status !== 'submitted') throw await this.tasks.denyDraft(actor, meta, id);
    const scope = await this.scope(task);
    const sheets = await this.dataSource.manager.find(ScoreSheet, { where: { taskId: id } });
    return scope.subdomains.map((s) =>
      this.view(
        task,
        s,
        scope.policy,
        sheets.find((x) => x.subdomainNo === s.sub.no),
      ),
    );
  }

  private view(
    task: ReviewTask,
    s: TaskScope['subdomains'][number],
    policy: ScoringPolicy,
    sheet?: ScoreSheet,
  ): SheetView {
    const scores = sheet?.scores ?? {};
    return {
      taskId: task.id,
      subdomainNo: s.sub.no,
      subdomainName: s.sub.name,
      editable: SCORABLE_TASK_STATUSES.includes(task.status),
      clauses: s.clauses.map((c) => ({
        clauseId: c.id,
        label: c.label,
        text: c.text,
        obligation: c.obligation,
        score: scores[c.id]?.score ?? null,
        comment: scores[c.id]?.comment ?? null,
      })),
      incomplete: sheetGaps(s.clauses, scores, policy, s.sub.no).length,
      version: sheet?.version ?? 0,
    };
  }

  /** Merge-saves one sub-domain's draft: only the given clauses and fields change. */
  async save(actor: Actor, meta: RequestMeta, id: string, no: number, dto: SaveSheetDto): Promise<SheetView> {
    const task = await this.tasks.visible(actor, meta, id);
    if (actor.role !== 'expert') throw ReviewErrors.raise('sheet_expert_only');
    return this.dataSource.transaction(async (em) => {
      const [current] = await em.query(`SELECT status FROM review_tasks WHERE id = $1 FOR UPDATE`, [id]);
      if (!SCORABLE_TASK_STATUSES.includes(current.status))
        throw TransitionErrors.raise(
          'invalid_transition',
          REVIEW_TASK_STATE_MACHINE.subject,
          REVIEW_TASK_STATUS_NAMES[current.status as ReviewTaskStatus],
          '保存评分',
        );
      const scope = await this.scope(task, em);
      const s = scope.subdomains.find((x) => x.sub.no === no);
      if (!s) throw ReviewErrors.field('sheet_subdomain_not_in_task', 'subdomainNo', no);
      const allowed = new Set(scope.policy.scale.map((x) => x.value));
      const scaleText = scope.policy.scale.map((x) => `${x.value} ${x.label}`).join('、');
      const errors: ErrorDetail[] = [];
      for (const [clauseId, v] of Object.entries(dto.scores)) {
        if (!s.clauses.some((c) => c.id === clauseId))
          errors.push({
            field: `scores.${clauseId}`,
            code: 'sheet_clause_unknown',
            message: ReviewErrors.specs.sheet_clause_unknown.message(clauseId),
          });
        else if (typeof v !== 'object' || v === null || Array.isArray(v))
          errors.push({
            field: `scores.${clauseId}`,
            code: 'invalid',
            message: `scores.${clauseId} 应为 { score, comment }`,
          });
        else {
          if (v.score !== undefined && v.score !== null && !allowed.has(v.score))
            errors.push({
              field: `scores.${clauseId}.score`,
              code: 'sheet_score_off_scale',
              message: ReviewErrors.specs.sheet_score_off_scale.message(v.score, scaleText),
            });
          if (
            v.comment !== undefined &&
            v.comment !== null &&
            (typeof v.comment !== 'string' || v.comment.length > 2000)
          )
            errors.push({
              field: `scores.${clauseId}.comment`,
              code: 'invalid',
              message: '评审意见应为不超过 2000 字的文本',
            });
        }
      }
      if (errors.length) throw ReviewErrors.withDetails('sheet_score_off_scale', errors, '见 details', scaleText);
      let sheet = await em.findOne(ScoreSheet, { where: { taskId: id, subdomainNo: no } });
      sheet ??= em.create(ScoreSheet, { taskId: id, subdomainNo: no, scores: {}, version: 0 });
      for (const [clauseId, v] of Object.entries(dto.scores)) {
        const prev = sheet.scores[clauseId] ?? { score: null, comment: null };
        sheet.scores[clauseId] = {
          score: v.score === undefined ? prev.score : v.score,
          comment: v.comment === undefined ? prev.comment : v.comment?.trim() || null,
        };
      }
      sheet.version += 1;
      const saved = await em.save(sheet);
      return this.view({ ...task, status: current.status }, s, scope.policy, saved);
    });
  }

  /** Submits every sheet of the task: complete and on the scale, then frozen; aggregation follows. */
  async submit(actor: Actor, meta: RequestMeta, id: string): Promise<TaskView> {
    const task = await this.tasks.visible(actor, meta, id);
    const saved = await this.dataSource.transaction(async (em) => {
      const scope = await this.scope(task, em);
      const sheets = await em.find(ScoreSheet, { where: { taskId: id } });
      const gaps = scope.subdomains.flatMap((s) =>
        sheetGaps(s.clauses, sheets.find((x) => x.subdomainNo === s.sub.no)?.scores ?? {}, scope.policy, s.sub.no),
      );
      if (gaps.length) throw ReviewErrors.withDetails('sheet_incomplete', gaps, gaps.length);
      const t = await fireTask(em, task, 'submit', actor.role === 'expert' ? 'expert' : 'official', {
        submittedAt: this.clock.now(),
      });
      await this.tasks.record(em, actor, meta, task, t, 'review_task.submit', {
        sheets: sheets.map((s) => ({ subdomainNo: s.subdomainNo, version: s.version })),
      });
      return t;
    });
    await this.maybeAggregate(saved.roundId, saved.applicationId);
    return taskView(saved);
  }

  /** Queues the aggregation when no task of the application is still open; the id names the state. */
  async maybeAggregate(roundId: string, applicationId: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('assigned','accepted','reopened'))::int AS open,
              count(*) FILTER (WHERE status = 'submitted')::int AS submitted,
              coalesce(sum(version) FILTER (WHERE status = 'submitted'), 0)::int AS generation
       FROM review_tasks WHERE round_id = $1 AND application_id = $2`,
      [roundId, applicationId],
    );
    if (row.open > 0 || row.submitted === 0) return;
    await this.queue.enqueue(
      'review.aggregate',
      { roundId, applicationId, generation: row.generation },
      { jobId: jobId('review.aggregate', roundId, applicationId, String(row.generation)) },
    );
  }

  /** The other experts' sheets of the same application and domain — only once the caller's own task is submitted. */
  async panel(actor: Actor, meta: RequestMeta, id: string): Promise<PanelSheetView[]> {
    const task = await this.tasks.visible(actor, meta, id);
    if (actor.role === 'expert' && task.status !== 'submitted') throw await this.tasks.denyDraft(actor, meta, id);
    const rows: { expert_id: string; subdomain_no: number; scores: object }[] = await this.dataSource.query(
      `SELECT t.expert_id, s.subdomain_no, s.scores FROM review_tasks t JOIN score_sheets s ON s.task_id = t.id
       WHERE t.round_id = $1 AND t.application_id = $2 AND t.domain_code = $3 AND t.status = 'submitted'
       ORDER BY s.subdomain_no, t.expert_id`,
      [task.roundId, task.applicationId, task.domainCode],
    );
    return rows.map((r) => ({ expertId: r.expert_id, subdomainNo: r.subdomain_no, scores: r.scores }));
  }
}
