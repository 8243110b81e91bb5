import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { AuditAnchor, AuditAnchors } from './audit-anchors';
import { AuditEvent } from './audit-event.entity';
import { AuditHashAlgorithm, auditHash } from './audit-hash';

export interface ChainHead {
  seq: string;
  hash: string | null;
  alg: AuditHashAlgorithm | null;
}

export interface SealerLag {
  unsealed: number;
  /** Age of the oldest unsealed event, in seconds (0 when none). */
  oldestUnsealedSeconds: number;
}

/**
 * Links audit events into the hash chain after their transactions commit, so that business
 * transactions never wait on a global lock (they only insert their event).
 *
 * Order: each pass seals every event visible to it and not yet sealed, in transaction-id order
 * (then id). An event whose transaction commits late is simply not visible yet: a later pass finds
 * it (`seq IS NULL`, no high-water mark to skip past) and gives it a later place. So the chain
 * follows the order in which events became visible, and an event whose transaction committed
 * before another began is always the earlier (its transaction id is the smaller).
 *
 * Safety: a pass is one transaction holding the row lock of `audit_chain_head`, so sealers in
 * several processes take turns; a sealer killed mid-pass leaves nothing half-sealed (the pass rolls
 * back) and the next pass starts from the stored head. Sealing twice is impossible: only rows with
 * `seq IS NULL` are taken, under that lock, and the table's trigger refuses any other update.
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger('AuditSealer');
  private lastAnchor?: { seq: string; at: number };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchors,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seals at most `limit` events; answers how many it sealed. */
  async sealBatch(limit = 2000): Promise<number> {
    const alg = this.config.audit.hashAlgorithm;
    let switchedFrom: ChainHead | null = null;
    const sealed = await this.dataSource.transaction(async (em) => {
      const [head] = await em.query(`SELECT seq::text AS seq, hash, hash_alg AS alg FROM audit_chain_head FOR UPDATE`);
      const rows = await em
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq IS NULL')
        .orderBy('e.xid', 'ASC')
        .addOrderBy('e.id', 'ASC')
        .limit(limit)
        .getMany();
      if (rows.length === 0) return 0;
      if (head.alg && head.alg !== alg) switchedFrom = head as ChainHead;
      let seq = BigInt(head.seq);
      let prev: string | null = head.hash;
      const ids: string[] = [];
      const seqs: string[] = [];
      const prevs: (string | null)[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        seq += 1n;
        const hash = auditHash(prev, row, alg);
        ids.push(row.id);
        seqs.push(seq.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      await em.query(
        `UPDATE audit_events e
            SET seq = v.seq, prev_hash = v.prev, hash = v.hash, hash_alg = $5, sealed_at = now()
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
          WHERE e.id = v.id AND e.seq IS NULL`,
        [ids, seqs, prevs, hashes, alg],
      );
      await em.query(`UPDATE audit_chain_head SET seq = $1, hash = $2, hash_alg = $3, sealed_at = now()`, [
        seq.toString(),
        prev,
        alg,
      ]);
      return rows.length;
    });
    // A change of algorithm happens at a checkpoint: the old head is signed before the new hashes count.
    if (switchedFrom) this.anchorHead(switchedFrom);
    return sealed;
  }

  /** Seals until nothing visible is left; answers how many it sealed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.sealBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  async head(): Promise<ChainHead> {
    const [head] = await this.dataSource.query(`SELECT seq::text AS seq, hash, hash_alg AS alg FROM audit_chain_head`);
    return head;
  }

  async lag(): Promise<SealerLag> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS unsealed,
              coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float AS oldest
         FROM audit_events WHERE seq IS NULL`,
    );
    return { unsealed: row.unsealed, oldestUnsealedSeconds: Math.max(0, Math.round(row.oldest * 10) / 10) };
  }

  /**
   * The head and the lag read in one statement, so one snapshot: read apart, a seal committed
   * between the two reads would show no unsealed events beside the head before them.
   */
  async status(): Promise<{ head: ChainHead; lag: SealerLag }> {
    const [row] = await this.dataSource.query(
      `SELECT h.seq::text AS seq, h.hash, h.hash_alg AS alg, u.unsealed, u.oldest
         FROM audit_chain_head h,
              (SELECT count(*)::int AS unsealed,
                      coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float AS oldest
                 FROM audit_events WHERE seq IS NULL) u`,
    );
    return {
      head: { seq: row.seq, hash: row.hash, alg: row.alg },
      lag: { unsealed: row.unsealed, oldestUnsealedSeconds: Math.max(0, Math.round(row.oldest * 10) / 10) },
    };
  }

  /** Signs and stores a checkpoint of the current head now (when the chain has one). */
  async anchorNow(): Promise<AuditAnchor | null> {
    return this.anchorHead(await this.head());
  }

  /** A checkpoint when the head has moved and the interval has passed since the last one. */
  async anchorIfDue(now = Date.now()): Promise<AuditAnchor | null> {
    const head = await this.head();
    if (!head.hash || head.seq === this.lastAnchor?.seq) return null;
    if (this.lastAnchor && now - this.lastAnchor.at < this.config.audit.anchorIntervalSeconds * 1000) return null;
    return this.anchorHead(head);
  }

  private anchorHead(head: ChainHead): AuditAnchor | null {
    if (!head.hash || !head.alg) return null;
    const anchor = this.anchors.write({ seq: head.seq, hash: head.hash, alg: head.alg });
    this.lastAnchor = { seq: head.seq, at: Date.now() };
    return anchor;
  }
}
