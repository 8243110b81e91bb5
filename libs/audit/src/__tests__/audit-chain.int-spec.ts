import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@ff/config';
import { SYSTEM_ACTOR, type Actor } from '@ff/core';
import { dataSourceOptions, runMigrations } from '@ff/database';
import { scratchSchema } from '@ff/runtime';
import { AuditAnchors } from '../audit-anchors';
import { AuditEvent } from '../audit-event.entity';
import { auditHash } from '../audit-hash';
import { AuditSealer } from '../audit-sealer';
import { AuditVerifier } from '../audit-verifier';
import { AuditService } from '../audit.service';

/**
 * The audit chain on the real PostgreSQL, in a schema of its own: writers that never wait on a
 * global lock, a sealer that links what they committed in the order it became visible, a sealer
 * killed mid-pass, and every kind of tampering — with the signed checkpoints where an attack
 * rewrites the chain consistently.
 */
describe('audit chain: sealed after commit, anchored outside the database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ff-audit-'));
  const database = {
    url: process.env.DATABASE_URL!,
    schema: scratchSchema(process.env.DATABASE_SCHEMA!, 'audit'),
    poolSize: 40,
  };
  const auditConfig = (over: Partial<AppConfig['audit']> = {}): AppConfig['audit'] => ({
    hashAlgorithm: 'sha256',
    sealIntervalMs: 10,
    maxSealLagSeconds: 60,
    anchorIntervalSeconds: 300,
    anchorKeyFile: join(dir, 'anchor-key.pem'),
    anchorsFile: join(dir, 'anchors.jsonl'),
    ...over,
  });
  const config = { database, audit: auditConfig() } as AppConfig;
  let ds: DataSource;
  let audit: AuditService;
  let anchors: AuditAnchors;
  let sealer: AuditSealer;
  let verifier: AuditVerifier;
  const official: Actor = {
    userId: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d',
    role: 'official',
    enterpriseId: null,
    regionCode: '330000',
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const withTriggerOff = async (statements: Array<[string, unknown[]?]>) => {
    await ds.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`);
      for (const [sql, params] of statements) await em.query(sql, params);
      await em.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change`);
    });
  };

  const write = (n: number, action = 'test.event') =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        audit.recordStandalone(
          i % 2 ? official : SYSTEM_ACTOR,
          { requestId: `req-${i}`, ip: '10.0.0.1' },
          {
            action,
            entityType: 'probe',
            entityId: String(i),
            // Keys out of order, nested values, Chinese text and a Date: jsonb gives them back reordered.
            before: { z: i, a: { y: [1, '二', null], b: true } },
            after: { 名称: '未来工厂', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)), n: i / 3 },
          },
        ),
      ),
    );

  /** An empty chain with no checkpoints, then `n` events sealed. */
  async function freshChain(n: number): Promise<void> {
    await ds.query(`TRUNCATE audit_events`);
    await ds.query(`UPDATE audit_chain_head SET seq = 0, hash = NULL, hash_alg = NULL`);
    rmSync(config.audit.anchorsFile, { force: true });
    await write(n);
    expect(await sealer.drain()).toBe(n);
  }

  const seqs = async (action: string): Promise<Array<{ id: string; seq: string; entity_id: string }>> =>
    ds.query(`SELECT id, seq::text AS seq, entity_id FROM audit_events e WHERE action = $1 ORDER BY e.seq`, [action]);

  beforeAll(async () => {
    await runMigrations(config);
    ds = await new DataSource({ ...dataSourceOptions(config), entities: [AuditEvent] }).initialize();
    audit = new AuditService(ds);
    anchors = new AuditAnchors(config);
    sealer = new AuditSealer(ds, anchors, config);
    verifier = new AuditVerifier(ds, anchors, config);
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${database.schema}" CASCADE`);
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('100 writers with random commit delays and rollbacks: every committed event sealed once, in commit order', async () => {
    let writing = true;
    let sealedWhileWriting = 0;
    const loop = (async () => {
      while (writing) {
        sealedWhileWriting += await sealer.sealBatch(25);
        await sleep(3);
      }
    })();
    interface Writer {
      began: bigint;
      committed?: bigint;
      events: string[];
    }
    const writers: Writer[] = await Promise.all(
      Array.from({ length: 100 }, async (_, w): Promise<Writer> => {
        // Staggered over a second, so that many writers commit before others begin.
        await sleep(w * 10 + Math.random() * 20);
        const events = Array.from({ length: 1 + (w % 3) }, (_, k) => `w${w}-e${k}`);
        const began = process.hrtime.bigint();
        try {
          await ds.transaction(async (em) => {
            for (const entityId of events) {
              await audit.record(em, official, {}, { action: 'test.concurrent', entityType: 'probe', entityId });
              await sleep(Math.random() * 20);
            }
            if (w % 7 === 3) throw new Error('rolled back');
          });
          return { began, committed: process.hrtime.bigint(), events };
        } catch {
          return { began, events };
        }
      }),
    );
    writing = false;
    await loop;
    await sealer.drain();

    const committed = writers.filter((w) => w.committed);
    const rows = await seqs('test.concurrent');
    expect(sealedWhileWriting).toBeGreaterThan(0);
    // Exactly the committed events, each once; nothing of a rolled-back writer.
    expect(rows.map((r) => r.entity_id).sort()).toEqual(committed.flatMap((w) => w.events).sort());
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL`)).toEqual([{ n: 0 }]);

    // Commit order: a writer that had committed before another began is earlier in the chain.
    const seqOf = new Map(rows.map((r) => [r.entity_id, BigInt(r.seq)]));
    const span = (w: Writer) => w.events.map((e) => seqOf.get(e)!);
    let pairs = 0;
    for (const a of committed) {
      for (const b of committed) {
        if (a === b || a.committed! >= b.began) continue;
        pairs++;
        const lastOfA = span(a).reduce((m, s) => (s > m ? s : m));
        const firstOfB = span(b).reduce((m, s) => (s < m ? s : m));
        expect(lastOfA < firstOfB).toBe(true);
      }
    }
    // The check above must have had something to check, however loaded the machine.
    expect(pairs).toBeGreaterThan(0);

    const result = await verifier.verify({ pageSize: 7 });
    expect(result).toMatchObject({ ok: true, checked: rows.length, problems: [] });
  });

  it('an event whose transaction commits late is sealed late, never skipped', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let recorded!: () => void;
    const lateRecorded = new Promise<void>((r) => (recorded = r));
    const late = ds.transaction(async (em) => {
      await audit.record(em, official, {}, { action: 'test.late', entityType: 'probe', entityId: 'late' });
      recorded();
      await held;
    });
    await lateRecorded;
    await write(5, 'test.early');
    await sealer.drain();
    const [lateRow] = await ds.query(`SELECT id FROM audit_events WHERE action = 'test.late'`);
    expect(lateRow).toBeUndefined(); // not visible yet: its transaction is open
    release();
    await late;
    expect(await sealer.drain()).toBe(1);
    const early = await seqs('test.early');
    const [lateSealed] = await seqs('test.late');
    // Its id was taken before the early events' ids; its place is after them.
    expect(BigInt(lateSealed.id)).toBeLessThan(BigInt(early[0].id));
    expect(BigInt(lateSealed.seq)).toBeGreaterThan(BigInt(early[early.length - 1].seq));
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('a sealer killed mid-pass leaves nothing half-sealed; the next one seals everything once', async () => {
    await freshChain(10);
    await write(3000, 'test.backlog');
    const name = `ff-sealer-${process.pid}`;
    const base = dataSourceOptions(config);
    const doomed = await new DataSource({
      ...base,
      extra: { ...(base.extra ?? {}), application_name: name },
      entities: [AuditEvent],
    }).initialize();
    const before = await sealer.head();
    const pass = new AuditSealer(doomed, anchors, config).sealBatch(3000);
    // Kill its connection as soon as its pass has a transaction open (head locked, rows being sealed).
    for (let i = 0; i < 5000; i++) {
      const [row] = await ds.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL`,
        [name],
      );
      if (row) {
        await ds.query(`SELECT pg_terminate_backend($1)`, [row.pid]);
        break;
      }
      await sleep(1);
    }
    await expect(pass).rejects.toThrow();
    await doomed.destroy().catch(() => undefined);
    expect(await sealer.head()).toEqual(before);
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE seq IS NOT NULL`)).toEqual([{ n: 10 }]);

    expect(await sealer.drain()).toBe(3000);
    expect(await sealer.drain()).toBe(0);
    expect(await verifier.verify({ pageSize: 500 })).toMatchObject({ ok: true, checked: 3010 });
  });

  it('reports the head and the unsealed count from one snapshot, even while a pass commits', async () => {
    await freshChain(1);
    await write(2000, 'test.status');
    const total = 2001;
    const draining = sealer.drain();
    const seen: Array<{ seq: number; unsealed: number }> = [];
    let done = false;
    void draining.finally(() => (done = true));
    while (!done) {
      const { head, lag } = await sealer.status();
      seen.push({ seq: Number(head.seq), unsealed: lag.unsealed });
    }
    await draining;
    // Every event is either chained (at or below the head) or counted unsealed — never neither.
    for (const s of seen) expect(s.seq + s.unsealed).toBe(total);
    expect(await sealer.status()).toMatchObject({ head: { seq: String(total) }, lag: { unsealed: 0 } });
  });

  it('records many events of one change at once; the chain takes them in their order', async () => {
    await freshChain(1);
    await ds.transaction((em) =>
      audit.recordMany(
        em,
        official,
        { requestId: 'import-1' },
        Array.from({ length: 2500 }, (_, i) => ({ action: 'test.many', entityType: 'probe', entityId: String(i) })),
      ),
    );
    expect(await sealer.drain()).toBe(2500);
    const rows = await seqs('test.many');
    expect(rows.map((r) => Number(r.entity_id))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(await verifier.verify()).toMatchObject({ ok: true, checked: 2501 });
  });

  it('lets exactly one update through the append-only trigger: sealing an unsealed row', async () => {
    await freshChain(2);
    await write(1, 'test.unsealed');
    await expect(ds.query(`UPDATE audit_events SET action = 'x' WHERE action = 'test.unsealed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`UPDATE audit_events SET hash = 'f00' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_events WHERE seq = 2`)).rejects.toThrow(/append-only/);
    expect(await sealer.drain()).toBe(1);
  });

  describe('tampering is detected', () => {
    beforeEach(() => freshChain(20));

    it('an edited row, at that row', async () => {
      await withTriggerOff([
        [`UPDATE audit_events SET occurred_at = occurred_at + interval '1 millisecond' WHERE seq = 7`],
      ]);
      const r = await verifier.verify({ pageSize: 4 });
      expect(r).toMatchObject({ ok: false, checked: 6, brokenAt: { seq: '7', reason: 'hash_mismatch' } });
      expect(r.problems[0].message).toBe(
        '审计链第 7 条（记录号 ' + r.brokenAt!.id + '）的内容与其哈希不符：记录已被篡改',
      );
    });

    it('a deleted row, at the gap it leaves', async () => {
      await withTriggerOff([[`DELETE FROM audit_events WHERE seq = 11`]]);
      expect(await verifier.verify({ pageSize: 4 })).toMatchObject({
        ok: false,
        checked: 10,
        brokenAt: { seq: '12', reason: 'sequence_gap' },
      });
    });

    it('an inserted row, even one hashed correctly, at the row after it', async () => {
      const [prev] = await ds.query(`SELECT hash FROM audit_events WHERE seq = 5`);
      const forged = {
        occurredAt: new Date(),
        actorId: null,
        actorRole: 'system',
        action: 'forged',
        entityType: 'probe',
        entityId: 'x',
        before: null,
        after: null,
        requestId: null,
        ip: null,
      };
      await withTriggerOff([
        [`UPDATE audit_events SET seq = seq + 1000 WHERE seq > 5`],
        [`UPDATE audit_events SET seq = seq - 999 WHERE seq > 1000`],
        [
          `INSERT INTO audit_events (occurred_at, actor_role, action, entity_type, entity_id, seq, prev_hash, hash, hash_alg, sealed_at)
           VALUES ($1, 'system', 'forged', 'probe', 'x', 6, $2, $3, 'sha256', now())`,
          [forged.occurredAt, prev.hash, auditHash(prev.hash, forged)],
        ],
      ]);
      expect(await verifier.verify()).toMatchObject({
        ok: false,
        checked: 6,
        brokenAt: { seq: '7', reason: 'chain_broken' },
      });
    });

    it('two rows swapped', async () => {
      await withTriggerOff([
        [`UPDATE audit_events SET seq = -1 WHERE seq = 8`],
        [`UPDATE audit_events SET seq = 8 WHERE seq = 9`],
        [`UPDATE audit_events SET seq = 9 WHERE seq = -1`],
      ]);
      expect(await verifier.verify()).toMatchObject({
        ok: false,
        checked: 7,
        brokenAt: { seq: '8', reason: 'chain_broken' },
      });
    });

    it('a truncated tail: by the head row, and by a checkpoint when the head is rewritten too', async () => {
      await sealer.anchorNow();
      await withTriggerOff([[`DELETE FROM audit_events WHERE seq > 17`]]);
      const byHead = await verifier.verify();
      expect(byHead).toMatchObject({ ok: false, checked: 17, problems: [{ code: 'truncated' }] });

      const [last] = await ds.query(`SELECT hash FROM audit_events WHERE seq = 17`);
      await ds.query(`UPDATE audit_chain_head SET seq = 17, hash = $1`, [last.hash]);
      const byAnchor = await verifier.verify();
      expect(byAnchor).toMatchObject({ ok: false, checked: 17, problems: [{ code: 'truncated', seq: '20' }] });
      expect(byAnchor.problems[0].message).toContain('签名检查点记录了第 20 条');
      // Without the checkpoint, a shorter chain would verify: that is what checkpoints are for.
      expect(await verifier.verify({ anchorsFile: join(dir, 'none.jsonl') })).toMatchObject({ ok: true, checked: 17 });
    });

    it('a chain rebuilt after an edit: consistent in itself, refuted by a checkpoint', async () => {
      await sealer.anchorNow();
      // The attacker edits row 4 and recomputes every hash after it, head included.
      const rows = await ds.getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
      rows[3].action = 'rewritten';
      let prev: string | null = rows[2].hash;
      const statements: Array<[string, unknown[]]> = [];
      for (const row of rows.slice(3)) {
        const hash = auditHash(prev, row);
        statements.push([
          `UPDATE audit_events SET action = $2, prev_hash = $3, hash = $4 WHERE id = $1`,
          [row.id, row.action, prev, hash],
        ]);
        prev = hash;
      }
      await withTriggerOff(statements);
      await ds.query(`UPDATE audit_chain_head SET hash = $1`, [prev]);

      expect(await verifier.verify({ anchorsFile: join(dir, 'none.jsonl') })).toMatchObject({ ok: true, checked: 20 });
      const r = await verifier.verify();
      expect(r).toMatchObject({ ok: false, checked: 19, brokenAt: { seq: '20', reason: 'anchor_mismatch' } });
    });

    it('a forged or edited checkpoint', async () => {
      const anchor = (await sealer.anchorNow())!;
      const { appendFileSync } = await import('node:fs');
      appendFileSync(config.audit.anchorsFile, `${JSON.stringify({ ...anchor, seq: '999' })}\nnot json\n`);
      const r = await verifier.verify();
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.code).sort()).toEqual(['anchor_bad_signature', 'anchors_malformed']);
      expect(r.anchors).toMatchObject({ count: 1, verified: 1, latestSeq: '20' });
    });
  });

  it('switches to SM3 at a checkpoint; both algorithms verify, and an SM3 row edited is caught', async () => {
    await freshChain(5);
    const sm3Config = { database, audit: auditConfig({ hashAlgorithm: 'sm3' }) } as AppConfig;
    const sm3Sealer = new AuditSealer(ds, anchors, sm3Config);
    await write(5, 'test.sm3');
    expect(await sm3Sealer.drain()).toBe(5);
    const algs = await ds.query(`SELECT hash_alg, count(*)::int AS n FROM audit_events GROUP BY 1 ORDER BY 1`);
    expect(algs).toEqual([
      { hash_alg: 'sha256', n: 5 },
      { hash_alg: 'sm3', n: 5 },
    ]);
    // The switch wrote a checkpoint of the last SHA-256 head.
    const { anchors: written } = await anchors.read();
    expect(written.map((a) => [a.seq, a.alg])).toEqual([['5', 'sha256']]);
    expect(await verifier.verify()).toMatchObject({ ok: true, checked: 10 });

    await withTriggerOff([[`UPDATE audit_events SET entity_id = 'edited' WHERE seq = 8`]]);
    expect(await verifier.verify()).toMatchObject({ ok: false, brokenAt: { seq: '8', reason: 'hash_mismatch' } });
  });

  it('reports events left unsealed beyond the bound as a problem', async () => {
    await freshChain(1);
    await write(1, 'test.waiting');
    await withTriggerOff([[`UPDATE audit_events SET occurred_at = now() - interval '10 minutes' WHERE seq IS NULL`]]);
    const r = await verifier.verify();
    expect(r).toMatchObject({ ok: false, checked: 1, unsealed: { count: 1 } });
    expect(r.problems[0]).toMatchObject({ code: 'unsealed_overdue' });
    expect(r.problems[0].message).toContain('封链进程（worker）');
  });
});
