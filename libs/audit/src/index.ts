/**
 * Audit: the append-only, hash-chained record of every state change, login and denied access.
 * Write with `AuditService.record(em, …)` inside the transaction that makes the change.
 */
export { AuditService, AuditEntry, AuditVerification } from './audit.service';
export { AuditEvent } from './audit-event.entity';
export { AuditModule } from './audit.module';
export { auditHash, canonicalJson } from './audit-hash';
