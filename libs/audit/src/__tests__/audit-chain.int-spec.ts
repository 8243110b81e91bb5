import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '@ff/core';
import { dataSourceOptions, runMigrations } from '@ff/database';
import { scratchSchema } from '@ff/runtime';
import { AuditEvent } from '../audit-event.entity';
import { AuditService } from '../audit.service';

/**
 * The hash chain on the real PostgreSQL, in a schema of its own: many writers at once, a writer
 * that rolls back, and rows edited or deleted behind the application's back.
 */
describe('audit chain', () => {
  const config = {
    database: {
      url: process.env.DATABASE_URL!,
      schema: scratchSchema(process.env.DATABASE_SCHEMA!, 'audit'),
      poolSize: 12,
    },
  };
  let ds: DataSource;
  let audit: AuditService;
  const official: Actor = {
    userId: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d',
    role: 'official',
    enterpriseId: null,
    regionCode: '330000',
  };

  const withTriggerOff = async (sql: string, params: unknown[]) => {
    await ds.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`);
      await em.query(sql, params);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`);
    });
  };

  beforeAll(async () => {
    await runMigrations(config);
    ds = await new DataSource({ ...dataSourceOptions(config), entities: [AuditEvent] }).initialize();
    audit = new AuditService(ds);
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
    await ds.destroy();
  });

  it('stays one unbroken chain with 60 writers at once', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        audit.recordStandalone(
          i % 2 ? official : SYSTEM_ACTOR,
          { requestId: `req-${i}`, ip: '10.0.0.1' },
          {
            action: 'test.concurrent',
            entityType: 'probe',
            entityId: String(i),
            // Keys out of order, nested values, Chinese text and a Date: jsonb gives them back reordered.
            before: { z: i, a: { y: [1, '二', null], b: true } },
            after: { 名称: '未来工厂', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), n: i / 3 },
          },
        ),
      ),
    );
    const rows: Array<{ prev_hash: string | null; hash: string }> = await ds.query(
      `SELECT prev_hash, hash FROM audit_events ORDER BY id`,
    );
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(60);
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? null : rows[i - 1].hash));
    expect(await audit.verify(7)).toEqual({ ok: true, checked: 60 });
  });

  it('keeps no trace of an event whose transaction rolled back', async () => {
    const before = await ds.getRepository(AuditEvent).count();
    await expect(
      ds.transaction(async (em) => {
        await audit.record(em, official, {}, { action: 'test.rolled_back', entityType: 'probe' });
        throw new Error('the change it described failed');
      }),
    ).rejects.toThrow('the change it described failed');
    await audit.recordStandalone(official, {}, { action: 'test.after_rollback', entityType: 'probe' });
    expect(await ds.getRepository(AuditEvent).count()).toBe(before + 1);
    expect(await ds.getRepository(AuditEvent).countBy({ action: 'test.rolled_back' })).toBe(0);
    expect(await audit.verify()).toEqual({ ok: true, checked: before + 1 });
  });

  it('refuses edits and deletes outright', async () => {
    await expect(ds.query(`DELETE FROM audit_events WHERE action = 'test.after_rollback'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`UPDATE audit_events SET ip = NULL`)).rejects.toThrow(/append-only/);
  });

  it('gives away a row deleted behind its back at the row after it', async () => {
    const [victim, next] = await ds.query(
      `SELECT id FROM audit_events WHERE action = 'test.concurrent' ORDER BY id OFFSET 10 LIMIT 2`,
    );
    await withTriggerOff(`DELETE FROM audit_events WHERE id = $1`, [victim.id]);
    expect(await audit.verify(4)).toEqual({
      ok: false,
      checked: 10,
      brokenAt: { id: next.id, reason: 'chain_broken' },
    });
  });

  it('gives away an edited row at that row, however small the edit', async () => {
    const [first] = await ds.query(`SELECT id FROM audit_events ORDER BY id LIMIT 1`);
    await withTriggerOff(`UPDATE audit_events SET occurred_at = occurred_at + interval '1 millisecond' WHERE id = $1`, [
      first.id,
    ]);
    expect(await audit.verify()).toEqual({
      ok: false,
      checked: 0,
      brokenAt: { id: first.id, reason: 'hash_mismatch' },
    });
  });
});
