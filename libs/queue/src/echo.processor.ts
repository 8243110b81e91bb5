import { Injectable } from '@nestjs/common';
import { JobHandler, JobProcessor } from './job-processor.decorator';
import type { JobPayloads } from './jobs';

@Injectable()
@JobProcessor('system.echo')
export class EchoProcessor implements JobHandler<'system.echo'> {
  async handle({ token }: JobPayloads['system.echo']) {
    return { token };
  }
}
