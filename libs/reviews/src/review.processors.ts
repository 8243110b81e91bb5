import { Injectable } from '@nestjs/common';
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
  handle(payload: JobPayloads['review.assign']) {
    return this.assignment.preview(payload.roundId, payload.run);
  }
}

@Injectable()
@JobProcessor('review.publish')
export class PublishProcessor implements JobHandler<'review.publish'> {
  constructor(private readonly publisher: RoundPublishService) {}
  handle(payload: JobPayloads['review.publish']) {
    return this.publisher.run(payload.roundId, payload.run, payload.by, payload.unfilledReason ?? null);
  }
}

@Injectable()
@JobProcessor('review.reassign')
export class ReassignProcessor implements JobHandler<'review.reassign'> {
  constructor(private readonly reassign: ReassignService) {}
  handle(payload: JobPayloads['review.reassign']) {
    return this.reassign.run(payload.taskId);
  }
}

@Injectable()
@JobProcessor('review.deadline')
export class DeadlineProcessor implements JobHandler<'review.deadline'> {
  constructor(private readonly deadlines: DeadlineService) {}
  handle(payload: JobPayloads['review.deadline']) {
    return this.deadlines.run(payload.taskId, payload.kind, payload.hours);
  }
}

@Injectable()
@JobProcessor('review.aggregate')
export class AggregateProcessor implements JobHandler<'review.aggregate'> {
  constructor(private readonly aggregation: AggregationService) {}
  handle(payload: JobPayloads['review.aggregate']) {
    return this.aggregation.run(payload.roundId, payload.applicationId);
  }
}
