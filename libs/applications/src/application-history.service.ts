import { Injectable } from '@nestjs/common';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ApplicationAccess } from './application-access.service';
import { HistoryEntry, toHistoryEntry } from './dto/history.view';

/** 申报历程: the application's own audit events (submissions and recommendations are recorded on it). */
@Injectable()
export class ApplicationHistoryService {
  constructor(
    private readonly audit: AuditService,
    private readonly access: ApplicationAccess,
  ) {}

  async history(actor: Actor, meta: RequestMeta, id: string): Promise<HistoryEntry[]> {
    await this.access.visible(actor, meta, id);
    const events = await this.audit.historyOf('application', id);
    // Refused look-ups are the auditor's business, not part of the application's story.
    return events.filter((e) => e.action !== 'access.denied').map(toHistoryEntry);
  }
}
