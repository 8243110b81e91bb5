import { Injectable } from '@nestjs/common';
import { JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { PublicityService } from './publicity.service';

/** The window-end job: unpacks the id; PublicityService.close is idempotent and does nothing early. */
@Injectable()
@JobProcessor('publicity.close')
export class PublicityCloseProcessor implements JobHandler<'publicity.close'> {
  constructor(private readonly publicity: PublicityService) {}
  handle(payload: JobPayloads['publicity.close']) {
    return this.publicity.close(payload.publicityId);
  }
}
