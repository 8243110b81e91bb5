import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, RequestMeta, conflict, validationFailed } from '@ff/core';
import { AuditEntry, AuditService } from '@ff/audit';
import { Batch, BatchesService } from '@ff/batches';
import type { ClauseStatus, TierCode } from '@ff/rules';
import { APPLICATION_STATUS_NAMES, isEditable } from './application.state-machine';
import { assertConstructionType, clauseErrors } from './clause-check';
import { auditView } from './dto/application.view';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';

/** One enterprise's application as an import gives it: tier, construction type and its whole self-assessment. */
export interface ImportedApplication {
  enterpriseId: string;
  industryMode: string;
  tier: TierCode;
  constructionType: string | null;
  declarations: { clauseId: string; status: ClauseStatus; narrative: string }[];
}

/**
 * The batch-friendly form of create + PATCH + bulk self-assessment save, for imports, inside the
 * caller's transaction. The same rules as the per-request API: the batch accepts the tier now, a
 * construction type only for future factories, each clause declarable (`clauseErrors`), only a
 * draft or returned application changes; a self-assessment is replaced whole. Audit events as the
 * per-request API writes them, in one chained append. An application whose content is already
 * exactly what the import says is left untouched (no version, no event): importing an export back
 * changes nothing. A clause keeps the evidence it cites (a spreadsheet carries no evidence ids).
 */
@Injectable()
export class ApplicationImportWriter {
  constructor(
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
  ) {}

  async apply(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    batch: Batch,
    items: ImportedApplication[],
  ): Promise<{ created: number; updated: number; declarations: number; applicationIds: string[] }> {
    for (const item of items) {
      this.batches.assertAcceptsSubmission(batch, item.tier);
      assertConstructionType(item.tier, item.constructionType);
      const problems = clauseErrors(
        item.declarations.map((d, i) => ({ field: `declarations[${i}].clauseId`, clauseId: d.clauseId })),
        { ruleSetVersion: batch.ruleSetVersion, tier: item.tier, industryMode: item.industryMode },
      );
      if (problems.length) throw validationFailed(problems);
    }
    const enterpriseIds = items.map((i) => i.enterpriseId);
    const existing = enterpriseIds.length
      ? await em.find(Application, {
          where: { batchId: batch.id, enterpriseId: In(enterpriseIds) },
          lock: { mode: 'pessimistic_write' },
        })
      : [];
    const byEnterprise = new Map(existing.map((a) => [a.enterpriseId, a]));
    const stored = new Map<string, Map<string, Declaration>>();
    if (existing.length)
      for (const d of await em.find(Declaration, { where: { applicationId: In(existing.map((a) => a.id)) } }))
        stored.set(d.applicationId, (stored.get(d.applicationId) ?? new Map()).set(d.clauseId, d));
    const unchanged = new Set<string>();
    const audit: AuditEntry[] = [];
    const fresh: Partial<Application>[] = [];
    const ids = new Map<string, string>();
    let updated = 0;
    for (const item of items) {
      const current = byEnterprise.get(item.enterpriseId);
      if (!current) {
        fresh.push({
          batchId: batch.id,
          enterpriseId: item.enterpriseId,
          tier: item.tier,
          constructionType: item.constructionType,
          industryMode: item.industryMode,
          status: 'draft',
          currentSubmissionId: null,
          createdBy: actor.userId,
        });
        continue;
      }
      if (!isEditable(current.status))
        throw conflict(
          'application_not_editable',
          `申报当前状态为“${APPLICATION_STATUS_NAMES[current.status]}”，仅草稿或已退回的申报可以修改`,
        );
      ids.set(item.enterpriseId, current.id);
      if (sameContent(current, item, stored.get(current.id) ?? new Map())) {
        unchanged.add(current.id);
        continue;
      }
      const changed = current.tier !== item.tier || current.constructionType !== item.constructionType;
      const claims = current.constructionType === item.constructionType ? current.constructionClaims : {};
      // Compare-and-set on the version read under the lock: nothing else can have moved it since.
      const result = await em.update(
        Application,
        { id: current.id, version: current.version },
        {
          tier: item.tier,
          constructionType: item.constructionType,
          constructionClaims: claims,
          version: current.version + 1,
        },
      );
      if (!result.affected) throw conflict('application_changed', '申报刚被修改，请重新导入');
      updated++;
      if (changed)
        audit.push({
          action: 'application.updated',
          entityType: 'application',
          entityId: current.id,
          before: auditView(current),
          after: { ...auditView({ ...current, ...item, version: current.version + 1 } as Application), via: 'import' },
        });
    }
    for (let at = 0; at < fresh.length; at += 500) {
      const chunk = fresh.slice(at, at + 500);
      const result = await em.insert(Application, chunk);
      result.identifiers.forEach((id, i) => {
        ids.set(chunk[i].enterpriseId!, id.id as string);
        audit.push({
          action: 'application.created',
          entityType: 'application',
          entityId: id.id as string,
          after: { ...chunk[i], id: id.id, via: 'import' },
        });
      });
    }
    const applicationIds = items.map((i) => ids.get(i.enterpriseId)!);
    const changedItems = items.filter((i) => !unchanged.has(ids.get(i.enterpriseId)!));
    const replaced = changedItems.map((i) => ids.get(i.enterpriseId)!);
    if (replaced.length) await em.delete(Declaration, { applicationId: In(replaced) });
    const now = new Date();
    // A spreadsheet carries no evidence ids: a clause keeps the evidence it already cites.
    const rows = changedItems.flatMap((item) => {
      const applicationId = ids.get(item.enterpriseId)!;
      return item.declarations.map((d) => ({
        applicationId,
        clauseId: d.clauseId,
        status: d.status,
        narrative: d.narrative.trim(),
        evidenceIds: stored.get(applicationId)?.get(d.clauseId)?.evidenceIds ?? [],
        updatedAt: now,
      }));
    });
    for (let at = 0; at < rows.length; at += 2000) await em.insert(Declaration, rows.slice(at, at + 2000));
    for (const item of changedItems) {
      const counts = { met: 0, partial: 0, not_met: 0 };
      for (const d of item.declarations) counts[d.status]++;
      audit.push({
        action: 'application.self_assessment_saved',
        entityType: 'application',
        entityId: ids.get(item.enterpriseId)!,
        after: { status: 'draft', mode: 'import', clauses: item.declarations.length, ...counts },
      });
    }
    await this.audit.recordMany(em, actor, meta, audit);
    return { created: fresh.length, updated, declarations: rows.length, applicationIds };
  }
}

/** Tier, construction type and every declaration (clause, conclusion, narrative) as stored: nothing to write. */
function sameContent(current: Application, item: ImportedApplication, stored: Map<string, Declaration>): boolean {
  return (
    current.tier === item.tier &&
    current.constructionType === item.constructionType &&
    stored.size === item.declarations.length &&
    item.declarations.every((d) => {
      const s = stored.get(d.clauseId);
      return !!s && s.status === d.status && s.narrative === d.narrative.trim();
    })
  );
}
