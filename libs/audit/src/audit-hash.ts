import { createHash } from 'node:crypto';

/** JSON with sorted keys, so a value read back from jsonb hashes the same as the one written. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface HashedFields {
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** The chain's hash functions: SHA-256, or SM3 (GB/T 32905, 商用密码) — both in Node's OpenSSL. */
export const AUDIT_HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type AuditHashAlgorithm = (typeof AUDIT_HASH_ALGORITHMS)[number];

/** The link of one event: its canonical fields and the previous event's hash, under `alg`. */
export function auditHash(prevHash: string | null, e: HashedFields, alg: AuditHashAlgorithm = 'sha256'): string {
  const body = canonicalJson({
    prev: prevHash,
    at: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    ip: e.ip,
  });
  return createHash(alg).update(body).digest('hex');
}
