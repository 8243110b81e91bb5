import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ReviewIntakeService } from '@ff/applications';
import { NotificationsService } from '@ff/notifications';
import { getRuleSet } from '@ff/rules';
import { reserveAlternates } from './alternates';
import { parseSlotId } from './assignment-input';
import { AssignmentService } from './assignment.service';
import { Clock } from './clock';
import { DeadlineScheduler } from './deadline.scheduler';
import { toUnfilledSlotView } from './dto/round.view';
import { Expert } from './entities/expert.entity';
import { ReviewRound, movesApplications } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';
import { RoundsService } from './rounds.service';
import { taskNotice } from './task-notices';

/**
 * Publication of a round's preview, the `review.publish` job. Everything that must happen once —
 * tasks, the applications' move to 评审中 (initial rounds only), the experts' notices, the round's status and its audit
 * event — commits in one transaction under the round's row lock, so a worker killed mid-way
 * leaves nothing and its retry publishes once; a retry after the commit only re-queues the
 * deadline jobs, whose ids make that harmless.
 */
@Injectable()
export class RoundPublishService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly intake: ReviewIntakeService,
    private readonly notifications: NotificationsService,
    private readonly scheduler: DeadlineScheduler,
    private readonly clock: Clock,
    private readonly assignment: AssignmentService,
  ) {}

  async run(
    roundId: string,
    run: number,
    by: string,
    unfilledReason: string | null = null,
  ): Promise<{ outcome: string; tasks?: number }> {
    const mail: string[] = [];
    const outcome = await this.dataSource.transaction(async (em) => {
      const round = await em.findOne(ReviewRound, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
      if (!round) throw new Error(`review round ${roundId} not found`);
      if (round.status !== 'draft') return { outcome: 'already_published' };
      if (round.preview?.run !== run || round.previewRun !== run) return { outcome: 'stale_preview' };
      // The request checked the acknowledgement; a job without one never publishes empty slots.
      const unfilledSlots = round.preview.result.unfilled.filter((u) => u.missing > 0);
      if (unfilledSlots.length && !unfilledReason) return { outcome: 'unfilled_not_acknowledged' };
      const actor: Actor = { ...SYSTEM_ACTOR, userId: by, role: 'official' };
      const now = this.clock.now();
      const acceptBy = RoundsService.acceptBy(now, round);
      const apps = new Map((await this.intake.byIds(round.applicationIds, em)).map((a) => [a.applicationId, a]));
      const domains = new Map(getRuleSet().domains.map((d) => [d.code, d.name]));
      const experts = new Map(
        (
          await em.findBy(Expert, { id: In([...new Set(round.preview.result.assignments.map((a) => a.expertId))]) })
        ).map((e) => [e.id, e]),
      );
      const tasks: ReviewTask[] = [];
      for (const a of round.preview.result.assignments) {
        const { applicationId, domain } = parseSlotId(a.taskId);
        tasks.push(
          em.create(ReviewTask, {
            roundId,
            applicationId,
            submissionId: apps.get(applicationId)!.submissionId,
            domainCode: domain,
            expertId: a.expertId,
            status: 'assigned' as const,
            explanation: a.why,
            acceptBy,
            remindersSent: [],
          }),
        );
      }
      const saved = await em.save(tasks, { chunk: 500 });
      // Alternates under the same rules, with the published panels fixed and their loads counted.
      const panels = new Map<string, string[]>();
      for (const a of round.preview.result.assignments)
        panels.set(a.taskId, [...(panels.get(a.taskId) ?? []), a.expertId]);
      const alternates = reserveAlternates(await this.assignment.input(round, em), panels);
      const reserved = Object.values(alternates).reduce((n, list) => n + list.length, 0);
      if (movesApplications(round.kind)) await this.intake.startReview(em, actor, {}, round.applicationIds, roundId);
      for (const t of saved) {
        const e = experts.get(t.expertId)!;
        mail.push(
          ...(await this.notifications.notify(em, [
            taskNotice('assigned', t, e, { domainName: domains.get(t.domainCode) ?? t.domainCode, round }),
          ])),
        );
      }
      await em.update(
        ReviewRound,
        { id: roundId },
        {
          status: 'published',
          publishedAt: now,
          unfilledSlots,
          unfilledReason: unfilledSlots.length ? unfilledReason : null,
          alternates,
          version: round.version + 1,
        },
      );
      await this.audit.record(
        em,
        actor,
        {},
        {
          action: 'review_round.published',
          entityType: 'review_round',
          entityId: roundId,
          before: { status: 'draft' },
          after: {
            status: 'published',
            run,
            tasks: saved.length,
            applications: round.applicationIds.length,
            alternates: reserved,
            ...(unfilledSlots.length ? { unfilledReason, unfilledSlots: unfilledSlots.map(toUnfilledSlotView) } : {}),
          },
        },
      );
      return { outcome: 'published', tasks: saved.length };
    });
    await this.notifications.dispatch(mail);
    await this.scheduler.scheduleRound(roundId);
    return outcome;
  }
}
