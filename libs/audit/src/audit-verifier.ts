import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { AuditAnchor, AuditAnchors, anchorSignedBy } from './audit-anchors';
import { AuditEvent } from './audit-event.entity';
import { AUDIT_HASH_ALGORITHMS, AuditHashAlgorithm, auditHash } from './audit-hash';

export type AuditProblemCode =
  | 'sequence_gap'
  | 'chain_broken'
  | 'hash_mismatch'
  | 'unknown_algorithm'
  | 'anchor_mismatch'
  | 'truncated'
  | 'anchor_bad_signature'
  | 'anchors_malformed'
  | 'unsealed_overdue';

export interface AuditProblem {
  code: AuditProblemCode;
  /** The row the problem shows at, when there is one. */
  id?: string;
  seq?: string;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed rows whose link and hash were recomputed. */
  checked: number;
  rowsPerSecond: number;
  /** The first row of the chain that does not verify, and why. */
  brokenAt?: { id: string; seq: string; reason: AuditProblemCode };
  head: { seq: string; hash: string | null };
  unsealed: { count: number; oldestSeconds: number };
  anchors: { file: string; count: number; verified: number; latestSeq: string | null };
  /** Every problem found, in Chinese, the chain's first. */
  problems: AuditProblem[];
}

export interface VerifyOptions {
  pageSize?: number;
  /** Checkpoints to compare with; default the configured file. */
  anchorsFile?: string;
  /** PEM file of the public key the checkpoints are signed with; default the configured key's. */
  publicKeyFile?: string;
}

/**
 * Recomputes the chain in sequence order, a page at a time (memory stays flat over millions of
 * rows), and compares it with the signed checkpoints kept outside the database: an edit shows as a
 * hash mismatch, a deleted row as a gap in the sequence, a reordering as a broken link, a deleted
 * tail as a checkpoint beyond the chain's end, and a chain rebuilt after an edit as a checkpoint
 * whose hash the rebuilt row no longer has.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchors,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(options: VerifyOptions = {}): Promise<AuditVerification> {
    const started = process.hrtime.bigint();
    const pageSize = options.pageSize ?? 5000;
    const problems: AuditProblem[] = [];
    const anchorsFile = options.anchorsFile ?? this.anchors.file;
    const { anchors, verified } = await this.loadAnchors(anchorsFile, options.publicKeyFile, problems);

    let prevHash: string | null = null;
    let expected = 1n;
    let afterSeq = '0';
    let checked = 0;
    let brokenAt: AuditVerification['brokenAt'];
    walk: for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.seq > :afterSeq', { afterSeq })
        .orderBy('e.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      if (rows.length === 0) break;
      for (const row of rows) {
        const problem = this.check(row, expected, prevHash, anchors.get(row.seq!));
        if (problem) {
          problems.unshift(problem);
          brokenAt = { id: row.id, seq: row.seq!, reason: problem.code };
          break walk;
        }
        prevHash = row.hash;
        expected += 1n;
        checked++;
      }
      afterSeq = rows[rows.length - 1].seq!;
    }

    const lastSeq = (expected - 1n).toString();
    const [head] = await this.dataSource.query(`SELECT seq::text AS seq, hash FROM audit_chain_head`);
    if (!brokenAt) {
      const beyond = [...anchors.values()].filter((a) => BigInt(a.seq) > expected - 1n);
      const furthest = beyond.sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1))[0];
      if (furthest) {
        problems.unshift({
          code: 'truncated',
          seq: furthest.seq,
          message: `审计链只到第 ${lastSeq} 条，但 ${furthest.at} 的签名检查点记录了第 ${furthest.seq} 条：最新的记录已被删除`,
        });
      } else if (BigInt(head?.seq ?? 0) > expected - 1n) {
        problems.unshift({
          code: 'truncated',
          seq: head.seq,
          message: `审计链只到第 ${lastSeq} 条，但链头记录为第 ${head.seq} 条：最新的记录已被删除`,
        });
      }
    }

    const [lag] = await this.dataSource.query(
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float AS oldest
         FROM audit_events WHERE seq IS NULL`,
    );
    const oldestSeconds = Math.max(0, Math.round(lag.oldest));
    if (lag.n > 0 && oldestSeconds > this.config.audit.maxSealLagSeconds) {
      problems.push({
        code: 'unsealed_overdue',
        message: `有 ${lag.n} 条审计记录尚未封入哈希链，最早一条已等待 ${oldestSeconds} 秒（上限 ${this.config.audit.maxSealLagSeconds} 秒）：请检查封链进程（worker）是否在运行`,
      });
    }

    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const latest = [...anchors.values()].reduce<AuditAnchor | null>(
      (m, a) => (!m || BigInt(a.seq) > BigInt(m.seq) ? a : m),
      null,
    );
    return {
      ok: problems.length === 0,
      checked,
      rowsPerSecond: seconds > 0 ? Math.round(checked / seconds) : checked,
      ...(brokenAt ? { brokenAt } : {}),
      head: { seq: head?.seq ?? '0', hash: head?.hash ?? null },
      unsealed: { count: lag.n, oldestSeconds },
      anchors: { file: anchorsFile, count: anchors.size, verified, latestSeq: latest?.seq ?? null },
      problems,
    };
  }

  private check(
    row: AuditEvent,
    expected: bigint,
    prevHash: string | null,
    anchor: AuditAnchor | undefined,
  ): AuditProblem | null {
    const at = { id: row.id, seq: row.seq! };
    if (BigInt(row.seq!) !== expected) {
      return {
        code: 'sequence_gap',
        ...at,
        message: `审计链第 ${expected} 条缺失（下一条为第 ${row.seq} 条，记录号 ${row.id}）：记录已被删除`,
      };
    }
    if (row.prevHash !== prevHash) {
      return {
        code: 'chain_broken',
        ...at,
        message: `审计链第 ${row.seq} 条（记录号 ${row.id}）与前一条的链接不符：记录被插入、删除或调换了顺序`,
      };
    }
    if (!AUDIT_HASH_ALGORITHMS.includes(row.hashAlg as AuditHashAlgorithm)) {
      return { code: 'unknown_algorithm', ...at, message: `审计链第 ${row.seq} 条的哈希算法“${row.hashAlg}”未知` };
    }
    if (auditHash(prevHash, row, row.hashAlg!) !== row.hash) {
      return {
        code: 'hash_mismatch',
        ...at,
        message: `审计链第 ${row.seq} 条（记录号 ${row.id}）的内容与其哈希不符：记录已被篡改`,
      };
    }
    if (anchor && anchor.hash !== row.hash) {
      return {
        code: 'anchor_mismatch',
        ...at,
        message: `审计链第 ${row.seq} 条与 ${anchor.at} 的签名检查点不符：此后的链已被重建`,
      };
    }
    return null;
  }

  /** The checkpoints whose signature verifies, by sequence number; the others are problems. */
  private async loadAnchors(
    file: string,
    publicKeyFile: string | undefined,
    problems: AuditProblem[],
  ): Promise<{ anchors: Map<string, AuditAnchor>; verified: number }> {
    const { anchors: all, malformedLines } = await this.anchors.read(file);
    if (malformedLines.length) {
      problems.push({
        code: 'anchors_malformed',
        message: `检查点文件 ${file} 第 ${malformedLines.join('、')} 行无法读取`,
      });
    }
    const byseq = new Map<string, AuditAnchor>();
    if (all.length === 0) return { anchors: byseq, verified: 0 };
    let key: KeyObject;
    try {
      key = this.anchors.publicKey(publicKeyFile);
    } catch (e) {
      problems.push({
        code: 'anchor_bad_signature',
        message: `无法读取检查点的验签公钥：${(e as Error).message}`,
      });
      return { anchors: byseq, verified: 0 };
    }
    for (const anchor of all) {
      if (anchorSignedBy(anchor, key)) byseq.set(anchor.seq, anchor);
      else {
        problems.push({
          code: 'anchor_bad_signature',
          seq: anchor.seq,
          message: `检查点（第 ${anchor.seq} 条，${anchor.at}）的签名无效：检查点文件被改动，或不是用本系统的密钥签署的`,
        });
      }
    }
    return { anchors: byseq, verified: byseq.size };
  }
}
