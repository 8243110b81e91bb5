import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, RequestMeta, isSystemActor } from '@ff/core';
import { AuditEvent } from './audit-event.entity';
import { auditHash } from './audit-hash';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** First row whose stored hash or link does not match its recomputed value. */
  brokenAt?: { id: string; reason: 'hash_mismatch' | 'chain_broken' };
}

/** JSON round-trip so what we hash is exactly what jsonb will give back (no Dates, no undefined). */
const plain = (v: unknown): object | null => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/**
 * The one audit writer. `record` runs inside the caller's transaction, so the event commits or
 * rolls back with the change it describes. Rows form a sha256 chain; a transaction-scoped advisory
 * lock serialises appends so two writers never link to the same predecessor.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(em: EntityManager, actor: Actor | null, meta: RequestMeta, entry: AuditEntry): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff_audit_chain'))`);
    const [last] = await em.query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`);
    const event = {
      occurredAt: new Date(),
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
    const prevHash: string | null = last?.hash ?? null;
    await em.insert(AuditEvent, { ...event, prevHash, hash: auditHash(prevHash, event) });
  }

  /**
   * Many events of one change (an import's enterprises, applications, self-assessments), chained in
   * order under one lock: the same rows and hashes `record` would write one by one, without a
   * round trip per event.
   */
  async recordMany(em: EntityManager, actor: Actor | null, meta: RequestMeta, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff_audit_chain'))`);
    const [last] = await em.query(`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`);
    let prevHash: string | null = last?.hash ?? null;
    const occurredAt = new Date();
    const rows = entries.map((entry) => {
      const event = {
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
      const row = { ...event, prevHash, hash: auditHash(prevHash, event) };
      prevHash = row.hash;
      return row;
    });
    // Inserted in order, so ids follow the chain (the verifier walks by id).
    for (let at = 0; at < rows.length; at += 1000) await em.insert(AuditEvent, rows.slice(at, at + 1000));
  }

  /** Records an event on its own (logins, denied accesses): nothing else to commit with. */
  recordStandalone(actor: Actor | null, meta: RequestMeta, entry: AuditEntry): Promise<void> {
    return this.dataSource.transaction((em) => this.record(em, actor, meta, entry));
  }

  /** Walks the whole chain in id order, in pages, recomputing every hash. */
  async verify(pageSize = 5000): Promise<AuditVerification> {
    let prevHash: string | null = null;
    let afterId = '0';
    let checked = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.id > :afterId', { afterId })
        .orderBy('e.id', 'ASC')
        .limit(pageSize)
        .getMany();
      if (rows.length === 0) return { ok: true, checked };
      for (const row of rows) {
        if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'chain_broken' } };
        if (auditHash(prevHash, row) !== row.hash) {
          return { ok: false, checked, brokenAt: { id: row.id, reason: 'hash_mismatch' } };
        }
        prevHash = row.hash;
        checked++;
      }
      afterId = rows[rows.length - 1].id;
    }
  }

  async historyOf(entityType: string, entityId: string): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { entityType, entityId },
      order: { id: 'ASC' },
    });
  }
}
