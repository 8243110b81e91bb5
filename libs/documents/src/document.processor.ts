import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { DocumentStore } from './document-store.service';

/** `document.render`: unpacks the id; the store renders once and marks the row (idempotent). */
@Injectable()
@JobProcessor('document.render')
export class DocumentRenderProcessor implements JobHandler<'document.render'> {
  constructor(private readonly store: DocumentStore) {}
  process(job: Job<JobPayloads['document.render']>) {
    const attempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
    return this.store.render(job.data.documentId, job.attemptsMade + 1 >= attempts);
  }
}
