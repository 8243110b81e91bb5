import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { solveAssignment } from './assignment';
import { slotId } from './assignment-input';
import { AssignmentService } from './assignment.service';
import { Clock } from './clock';
import { AdjustmentDto, ManualConflictDto } from './dto/round.dto';
import { RoundView, toRoundView } from './dto/round.view';
import { ExpertConflict } from './entities/expert-conflict.entity';
import { PreviewAdjustment } from './entities/review-round.entity';
import { ReviewErrors } from './reviews.errors';
import { RoundsService } from './rounds.service';

/**
 * Hand edits of a round's preview. Adding an expert passes the same checks as the solver's own
 * choices — the solver is asked to place exactly that pair and reports the conflicts it would
 * override, a domain outside the expert's expertise and the load against the cap; any of them
 * needs a written reason, kept with the edit and in the audit log. Edits are replayed as fixed
 * assignments and exclusions, and the solver re-runs for the rest (a new preview run).
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly rounds: RoundsService,
    private readonly assignment: AssignmentService,
    private readonly clock: Clock,
  ) {}

  async adjust(actor: Actor, meta: RequestMeta, roundId: string, dto: AdjustmentDto): Promise<RoundView> {
    const round = await this.rounds.getOrFail(actor, meta, roundId);
    if (!round.applicationIds.includes(dto.applicationId))
      throw ReviewErrors.field('round_application_ineligible', 'applicationId', dto.applicationId);
    const slot = slotId(dto.applicationId, dto.domain);
    const input = await this.assignment.input(round);
    const task = input.tasks.find((t) => t.id === slot);
    if (!task)
      throw ReviewErrors.field('assignment_not_eligible', 'domain', `能力域“${dto.domain}”不属于该申报层级的评价范围`);
    const current = round.preview?.result.assignments.filter((a) => a.taskId === slot) ?? [];
    const at = this.clock.now().toISOString();
    const edits: PreviewAdjustment[] = [];
    let overridden: string[] = [];

    if (dto.op !== 'add') {
      if (!dto.removeExpertId || !current.some((a) => a.expertId === dto.removeExpertId))
        throw ReviewErrors.raise('assignment_not_found');
      edits.push({
        op: 'remove',
        taskId: slot,
        expertId: dto.removeExpertId,
        reason: dto.overrideReason ?? null,
        by: actor.userId,
        at,
      });
    }
    if (dto.op !== 'remove') {
      const expert = input.experts.find((e) => e.id === dto.addExpertId);
      if (!dto.addExpertId || !expert)
        throw ReviewErrors.field('assignment_not_eligible', 'addExpertId', '该专家不存在或已停用');
      if (current.some((a) => a.expertId === expert.id))
        throw ReviewErrors.field('assignment_not_eligible', 'addExpertId', '该专家已在此任务中');
      const load = (round.preview?.result.assignments ?? []).filter((a) => a.expertId === expert.id).length;
      const check = solveAssignment({
        ...input,
        tasks: [task],
        experts: [{ ...expert, currentLoad: expert.currentLoad + load }],
        fixed: [{ taskId: slot, expertId: expert.id }],
        exclusions: [],
      });
      const placed = check.assignments.find((a) => a.expertId === expert.id);
      overridden = [
        ...(placed?.why.overriddenConflicts.map((c) => c.reason) ?? []),
        ...(placed && placed.why.level === null ? ['该专家不具备此能力域专长'] : []),
        ...(placed && placed.why.loadAfter > placed.why.cap ? [`超出该专家每轮任务上限（${placed.why.cap}）`] : []),
      ];
      if (overridden.length && !dto.overrideReason)
        throw ReviewErrors.field('assignment_override_reason_required', 'overrideReason', overridden.join('；'));
      edits.push({
        op: 'add',
        taskId: slot,
        expertId: expert.id,
        reason: dto.overrideReason ?? null,
        by: actor.userId,
        at,
      });
    }
    const saved = await this.rounds.bumpRun(
      actor,
      meta,
      roundId,
      'review_round.adjusted',
      {
        op: dto.op,
        slot,
        add: dto.addExpertId ?? null,
        remove: dto.removeExpertId ?? null,
        overrideReason: dto.overrideReason ?? null,
        overridden,
      },
      dto.run,
      (r) => r.adjustments.push(...edits),
    );
    return toRoundView(saved);
  }

  /** A conflict added by hand: the expert is never placed on that enterprise's tasks. */
  async addConflict(actor: Actor, meta: RequestMeta, dto: ManualConflictDto): Promise<{ id: string }> {
    return this.dataSource.transaction(async (em) => {
      const res = await em
        .createQueryBuilder()
        .insert()
        .into(ExpertConflict)
        .values({
          expertId: dto.expertId,
          enterpriseId: dto.enterpriseId,
          reason: dto.reason,
          source: 'manual',
          createdBy: actor.userId,
        })
        .orUpdate(['reason'], ['expert_id', 'enterprise_id', 'source'])
        .returning(['id'])
        .execute();
      const id = res.raw[0].id as string;
      await this.audit.record(em, actor, meta, {
        action: 'expert_conflict.recorded',
        entityType: 'expert_conflict',
        entityId: id,
        after: dto,
      });
      return { id };
    });
  }
}
