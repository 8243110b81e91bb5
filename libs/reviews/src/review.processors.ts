import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { AggregationService } from './aggregation.service';
import { AssignmentService } from './assignment.service';
import { DeadlineService } from './deadline.service';
import { ReassignService } from './reassign.service';
import { RoundPublishService } from './round-publish.service';

/* The review jobs: each handler only unpacks the ids and calls its service, which is idempotent. */

@Injectable()
@JobProcessor('review.assign')
export class AssignProcessor implements JobHandler<'review.assign'> {
  constructor(private readonly assignment: AssignmentService) {}
  process(job: Job<JobPayloads['review.assign']>) {
    return this.assignment.preview(job.data.roundId, job.data.run);
  }
}

@Injectable()
@JobProcessor('review.publish')
export class PublishProcessor implements JobHandler<'review.publish'> {
  constructor(private readonly publisher: RoundPublishService) {}
  process(job: Job<JobPayloads['review.publish']>) {
    return this.publisher.run(job.data.roundId, job.data.run, job.data.by, job.data.unfilledReason ?? null);
  }
}

@Injectable()
@JobProcessor('review.reassign')
export class ReassignProcessor implements JobHandler<'review.reassign'> {
  constructor(private readonly reassign: ReassignService) {}
  process(job: Job<JobPayloads['review.reassign']>) {
    return this.reassign.run(job.data.taskId);
  }
}

@Injectable()
@JobProcessor('review.deadline')
export class DeadlineProcessor implements JobHandler<'review.deadline'> {
  constructor(private readonly deadlines: DeadlineService) {}
  process(job: Job<JobPayloads['review.deadline']>) {
    return this.deadlines.run(job.data.taskId, job.data.kind, job.data.hours);
  }
}

@Injectable()
@JobProcessor('review.aggregate')
export class AggregateProcessor implements JobHandler<'review.aggregate'> {
  constructor(private readonly aggregation: AggregationService) {}
  process(job: Job<JobPayloads['review.aggregate']>) {
    return this.aggregation.run(job.data.roundId, job.data.applicationId);
  }
}
