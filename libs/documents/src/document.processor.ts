import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { DocumentStore } from './document-store.service';

/** `document.render`: unpacks the id; the store renders once and marks the row (idempotent). */
@Injectable()
@JobProcessor('document.render')
export class DocumentRenderProcessor implements JobHandler<'document.render'> {
  constructor(private readonly store: DocumentStore) {}
  handle(payload: JobPayloads['document.render'], ctx: JobContext) {
    return this.store.render(payload.documentId, ctx.isFinalAttempt);
  }
}
