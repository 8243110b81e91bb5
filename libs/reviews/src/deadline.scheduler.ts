import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueService, jobId } from '@ff/queue';
import { Clock } from './clock';
import { ReviewRound } from './entities/review-round.entity';
import { ReviewTask } from './entities/review-task.entity';

const HOUR = 3600_000;

/**
 * Deadlines as delayed jobs, one per task and moment: the acceptance deadline, each reminder before
 * the due date, the hard closing date. Ids are deterministic, so scheduling twice (a retried
 * publication, a restart) queues nothing new; delayed jobs live in the queue backend and survive
 * restarts. Each handler re-reads the task and the clock, so a job that fires early or late does
 * the right thing.
 */
@Injectable()
export class DeadlineScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async scheduleRound(roundId: string): Promise<void> {
    const round = await this.dataSource.manager.findOneByOrFail(ReviewRound, { id: roundId });
    const tasks = await this.dataSource.manager.find(ReviewTask, { where: { roundId } });
    for (const t of tasks) await this.scheduleTask(t, round);
  }

  async scheduleTask(task: ReviewTask, round: ReviewRound): Promise<void> {
    const now = this.clock.now().getTime();
    const at = (d: Date | number) => ({ delay: Math.max(0, new Date(d).getTime() - now) });
    if (task.status === 'assigned')
      await this.queue.enqueue(
        'review.deadline',
        { taskId: task.id, kind: 'accept' },
        { jobId: jobId('review.deadline', task.id, 'accept'), ...at(task.acceptBy) },
      );
    for (const h of round.reminderHours) {
      const when = round.dueAt.getTime() - h * HOUR;
      if (when < now) continue;
      await this.queue.enqueue(
        'review.deadline',
        { taskId: task.id, kind: 'remind', hours: h },
        { jobId: jobId('review.deadline', task.id, `remind${h}`), ...at(when) },
      );
    }
    await this.queue.enqueue(
      'review.deadline',
      { taskId: task.id, kind: 'close' },
      { jobId: jobId('review.deadline', task.id, 'close'), ...at(round.closesAt) },
    );
  }
}
