/**
 * Audit: the append-only, hash-chained record of every state change, login and denied access.
 * Write with `AuditService.record(em, …)` inside the transaction that makes the change; the sealer
 * links events into the chain after they commit, and signed checkpoints kept outside the database
 * guard its newest end.
 */
export { AuditService, AuditEntry } from './audit.service';
export { AuditEvent } from './audit-event.entity';
export { AuditModule } from './audit.module';
export { AuditSealer, ChainHead, SealerLag } from './audit-sealer';
export { AuditSealerHost } from './audit-sealer.host';
export { AuditAnchors, AuditAnchor, anchorSignedBy } from './audit-anchors';
export { AuditVerifier, AuditVerification, AuditProblem, AuditProblemCode, VerifyOptions } from './audit-verifier';
export { auditHash, canonicalJson, AUDIT_HASH_ALGORITHMS, AuditHashAlgorithm } from './audit-hash';
