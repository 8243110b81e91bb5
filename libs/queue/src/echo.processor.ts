import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, JobProcessor } from './job-processor.decorator';
import type { JobPayloads } from './jobs';

@Injectable()
@JobProcessor('system.echo')
export class EchoProcessor implements JobHandler<'system.echo'> {
  async process(job: Job<JobPayloads['system.echo']>) {
    return { token: job.data.token };
  }
}
