import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  KeyObject,
} from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ff/config';
import type { AuditHashAlgorithm } from './audit-hash';

/**
 * A checkpoint of the chain head — sequence number, hash, algorithm, time — signed with an Ed25519
 * key the database never holds, and kept outside the database: appended to a file under DATA_DIR
 * (one JSON line each, fsynced) and written to the log. Whoever deletes the newest events, or
 * rebuilds the chain after editing one, cannot forge the checkpoints that name the old head.
 * An auditor keeps a copy of the file and the public key (`npm run audit:anchors` prints both).
 */
export interface AuditAnchor {
  seq: string;
  hash: string;
  alg: AuditHashAlgorithm;
  at: string;
  /** First 16 hex digits of the sha256 of the signing key's public key (SPKI DER). */
  keyId: string;
  /** Ed25519 signature (base64) over `anchorPayload(...)`. */
  sig: string;
}

export const anchorPayload = (a: Pick<AuditAnchor, 'seq' | 'hash' | 'alg' | 'at'>) =>
  Buffer.from(`ff-audit-anchor/v1|${a.seq}|${a.hash}|${a.alg}|${a.at}`, 'utf8');

export const publicKeyId = (key: KeyObject) =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** True when `anchor` carries a valid signature by `publicKey`. */
export function anchorSignedBy(anchor: AuditAnchor, publicKey: KeyObject): boolean {
  try {
    return verify(null, anchorPayload(anchor), publicKey, Buffer.from(anchor.sig, 'base64'));
  } catch {
    return false;
  }
}

@Injectable()
export class AuditAnchors {
  private readonly logger = new Logger('AuditAnchors');
  private privateKey?: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get file(): string {
    return this.config.audit.anchorsFile;
  }

  /** The signing key, created (mode 0600, never overwritten) on first use. */
  private signingKey(): KeyObject {
    if (this.privateKey) return this.privateKey;
    const path = this.config.audit.anchorKeyFile;
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
        writeFileSync(`${path}.pub`, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
        this.logger.log(`created the audit checkpoint signing key ${path} (public key: ${path}.pub)`);
      } catch (e) {
        // Another process created it first: use theirs.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    this.privateKey = createPrivateKey(readFileSync(path));
    return this.privateKey;
  }

  /** The public key checkpoints are verified with: the configured key's, or one given as a PEM file. */
  publicKey(pemFile?: string): KeyObject {
    return pemFile ? createPublicKey(readFileSync(pemFile)) : createPublicKey(this.signingKey());
  }

  /** Signs a checkpoint of `head`, appends it to the anchors file (synced) and logs it. */
  write(head: { seq: string; hash: string; alg: AuditHashAlgorithm }, at = new Date()): AuditAnchor {
    const key = this.signingKey();
    const unsigned = { seq: head.seq, hash: head.hash, alg: head.alg, at: at.toISOString() };
    const anchor: AuditAnchor = {
      ...unsigned,
      keyId: publicKeyId(createPublicKey(key)),
      sig: sign(null, anchorPayload(unsigned), key).toString('base64'),
    };
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const fd = openSync(this.file, 'a', 0o644);
    try {
      writeSync(fd, `${JSON.stringify(anchor)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.logger.log(`audit checkpoint ${JSON.stringify(anchor)}`);
    return anchor;
  }

  /** Every checkpoint in `file` (default: the configured one), oldest first; a malformed line is reported, not skipped. */
  async read(file = this.file): Promise<{ anchors: AuditAnchor[]; malformedLines: number[] }> {
    const anchors: AuditAnchor[] = [];
    const malformedLines: number[] = [];
    if (!existsSync(file)) return { anchors, malformedLines };
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      try {
        const a = JSON.parse(line) as AuditAnchor;
        if (typeof a.seq !== 'string' || typeof a.hash !== 'string' || typeof a.sig !== 'string') throw new Error();
        anchors.push(a);
      } catch {
        malformedLines.push(n);
      }
    }
    return { anchors, malformedLines };
  }
}
