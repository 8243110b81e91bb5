import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta, isSystemActor } from '@ff/core';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON round-trip so what we hash is exactly what jsonb will give back (no Dates, no undefined). */
const plain = (v: unknown): object | null => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * The one audit writer. `record` runs inside the caller's transaction, so the event commits or
 * rolls back with the change it describes. It only inserts the event, taking no lock: the sealer
 * (`AuditSealer`) links it into the hash chain once it has committed.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(em: EntityManager, actor: Actor | null, meta: RequestMeta, entry: AuditEntry): Promise<void> {
    await em.insert(AuditEvent, this.row(actor, meta, entry, new Date()));
  }

  /**
   * Many events of one change (an import's enterprises, applications, self-assessments) in a few
   * multi-row inserts instead of a round trip per event; like `record`, they wait unsealed for the
   * sealer, in the transaction of the change.
   */
  async recordMany(em: EntityManager, actor: Actor | null, meta: RequestMeta, entries: AuditEntry[]): Promise<void> {
    const occurredAt = new Date();
    const rows = entries.map((entry) => this.row(actor, meta, entry, occurredAt));
    for (let at = 0; at < rows.length; at += 1000) await em.insert(AuditEvent, rows.slice(at, at + 1000));
  }

  private row(actor: Actor | null, meta: RequestMeta, entry: AuditEntry, occurredAt: Date) {
    return {
      occurredAt,
      actorId: actor && !isSystemActor(actor) ? actor.userId : null,
      actorRole: actor ? (isSystemActor(actor) ? 'system' : actor.role) : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: plain(entry.before),
      after: plain(entry.after),
      requestId: meta.requestId ?? null,
      ip: meta.ip ?? null,
    };
  }

  /** Records an event on its own (logins, denied accesses): nothing else to commit with. */
  recordStandalone(actor: Actor | null, meta: RequestMeta, entry: AuditEntry): Promise<void> {
    return this.dataSource.transaction((em) => this.record(em, actor, meta, entry));
  }

  async historyOf(entityType: string, entityId: string): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { entityType, entityId },
      order: { id: 'ASC' },
    });
  }
}
