import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ff/config';
import { StorageErrors } from '@ff/storage';
import { EntityManager, In } from 'typeorm';
import { Actor, RequestMeta, validationFailed } from '@ff/core';
import { AuditEntry, AuditService } from '@ff/audit';
import { Batch, BatchesService } from '@ff/batches';
import type { ClauseStatus, TierCode } from '@ff/rules';
import { isEditable } from './application.state-machine';
import { ApplicationErrors } from './applications.errors';
import { assertConstructionType, clauseErrors } from './clause-check';
import { auditView } from './dto/application.view';
import { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { EvidenceFile } from './entities/evidence-file.entity';
import { displayName } from './evidence.service';
import type { EligibilityFacts } from './eligibility-facts';

/** A file an import attaches as evidence: already stored, content-addressed, by the storage port's evidence checks. */
export interface ImportedEvidence {
  sha256: string;
  size: number;
  mediaType: string;
  extension: string;
  /** The name the spreadsheet gives it. */
  name: string;
}

/** One enterprise's application as an import gives it: tier, construction type and its whole self-assessment. */
export interface ImportedApplication {
  enterpriseId: string;
  industryMode: string;
  tier: TierCode;
  constructionType: string | null;
  /** 项目建成（投产）日期 (`YYYY-MM-DD`) as an eligibility fact; null or left out keeps the application's own. */
  completionDate?: string | null;
  /** `evidence`: the files the clause cites; none given keeps the evidence the clause already cites. */
  declarations: { clauseId: string; status: ClauseStatus; narrative: string; evidence?: ImportedEvidence[] }[];
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async apply(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    batch: Batch,
    items: ImportedApplication[],
  ): Promise<{ created: number; updated: number; declarations: number; evidence: number; applicationIds: string[] }> {
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
    // The evidence the import cites that the applications already hold: (application, sha256) is one file.
    const shas = [
      ...new Set(items.flatMap((i) => i.declarations.flatMap((d) => (d.evidence ?? []).map((e) => e.sha256)))),
    ];
    const files = new Map<string, Map<string, EvidenceFile>>();
    if (existing.length && shas.length)
      for (const f of await em.find(EvidenceFile, {
        where: { applicationId: In(existing.map((a) => a.id)), sha256: In(shas) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }))
        if (!files.get(f.applicationId)?.has(f.sha256))
          files.set(f.applicationId, (files.get(f.applicationId) ?? new Map()).set(f.sha256, f));
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
          origin: 'import',
          eligibilityFacts: withCompletionDate({}, item.completionDate),
        });
        continue;
      }
      if (!isEditable(current.status)) throw ApplicationErrors.raise('application_not_editable', current.status);
      ids.set(item.enterpriseId, current.id);
      if (sameContent(current, item, stored.get(current.id) ?? new Map(), files.get(current.id) ?? new Map())) {
        unchanged.add(current.id);
        continue;
      }
      const eligibilityFacts = withCompletionDate(current.eligibilityFacts ?? {}, item.completionDate);
      const changed =
        current.tier !== item.tier ||
        current.constructionType !== item.constructionType ||
        eligibilityFacts !== current.eligibilityFacts;
      const claims = current.constructionType === item.constructionType ? current.constructionClaims : {};
      // Compare-and-set on the version read under the lock: nothing else can have moved it since.
      const result = await em.update(
        Application,
        { id: current.id, version: current.version },
        {
          tier: item.tier,
          constructionType: item.constructionType,
          constructionClaims: claims,
          eligibilityFacts,
          version: current.version + 1,
        },
      );
      if (!result.affected) throw ApplicationErrors.raise('application_changed', '请重新导入');
      updated++;
      if (changed)
        audit.push({
          action: 'application.updated',
          entityType: 'application',
          entityId: current.id,
          before: auditView(current),
          after: {
            ...auditView({ ...current, ...item, eligibilityFacts, version: current.version + 1 } as Application),
            via: 'import',
          },
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
    const evidence = await this.attachEvidence(em, changedItems, ids, files, audit, actor);
    // A clause naming no evidence file keeps the evidence it already cites. Written in chunks as
    // column arrays (`unnest`), so no row object per declaration is ever built.
    let declarations = 0;
    const chunk = {
      app: [] as string[],
      clause: [] as string[],
      status: [] as string[],
      narrative: [] as string[],
      ev: [] as string[],
    };
    const flush = async () => {
      if (!chunk.app.length) return;
      await em.query(
        `INSERT INTO application_declarations (application_id, clause_id, status, narrative, evidence_ids, updated_at)
         SELECT a, c, s, n, e::uuid[], $6 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(a, c, s, n, e)`,
        [chunk.app, chunk.clause, chunk.status, chunk.narrative, chunk.ev, now],
      );
      declarations += chunk.app.length;
      for (const k of Object.keys(chunk) as (keyof typeof chunk)[]) chunk[k] = [];
    };
    for (const item of changedItems) {
      const applicationId = ids.get(item.enterpriseId)!;
      for (const d of item.declarations) {
        const evidenceIds = d.evidence?.length
          ? [...new Set(d.evidence.map((e) => files.get(applicationId)!.get(e.sha256)!.id))]
          : (stored.get(applicationId)?.get(d.clauseId)?.evidenceIds ?? []);
        chunk.app.push(applicationId);
        chunk.clause.push(d.clauseId);
        chunk.status.push(d.status);
        chunk.narrative.push(d.narrative.trim());
        chunk.ev.push(`{${evidenceIds.join(',')}}`);
        if (chunk.app.length >= 5000) await flush();
      }
    }
    await flush();
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
    return { created: fresh.length, updated, declarations, evidence, applicationIds };
  }

  /**
   * The evidence files the changed applications' clauses cite and do not hold yet: one row per
   * (application, sha256) — idempotent, the bytes already stored — each audited as an upload via
   * the import, within the evidence quota of each application.
   */
  private async attachEvidence(
    em: EntityManager,
    items: ImportedApplication[],
    ids: Map<string, string>,
    files: Map<string, Map<string, EvidenceFile>>,
    audit: AuditEntry[],
    actor: Actor,
  ): Promise<number> {
    const fresh: Partial<EvidenceFile>[] = [];
    for (const item of items) {
      const applicationId = ids.get(item.enterpriseId)!;
      const held = files.get(applicationId) ?? new Map<string, EvidenceFile>();
      files.set(applicationId, held);
      const adding = new Map<string, ImportedEvidence>();
      for (const d of item.declarations)
        for (const e of d.evidence ?? []) if (!held.has(e.sha256) && !adding.has(e.sha256)) adding.set(e.sha256, e);
      for (const e of adding.values())
        fresh.push({
          applicationId,
          sha256: e.sha256,
          size: e.size,
          mediaType: e.mediaType,
          originalName: displayName(e.name, e.extension),
          uploadedBy: actor.userId,
        });
    }
    if (!fresh.length) return 0;
    for (let at = 0; at < fresh.length; at += 1000) {
      const chunk = fresh.slice(at, at + 1000);
      const result = await em.insert(EvidenceFile, chunk);
      result.identifiers.forEach((id, i) => {
        const row = { ...chunk[i], id: id.id as string } as EvidenceFile;
        files.get(row.applicationId)!.set(row.sha256, row);
        audit.push({
          action: 'application.evidence_uploaded',
          entityType: 'application',
          entityId: row.applicationId,
          after: {
            evidenceId: row.id,
            sha256: row.sha256,
            size: row.size,
            mediaType: row.mediaType,
            name: row.originalName,
            via: 'import',
          },
        });
      });
    }
    const { maxFiles, maxTotalBytes } = this.config.evidence;
    const over: { application_id: string; n: number }[] = await em.query(
      `SELECT application_id, count(*)::int AS n FROM evidence_files WHERE application_id = ANY($1::uuid[])
       GROUP BY application_id HAVING count(*) > $2 OR sum(size) > $3 LIMIT 1`,
      [[...new Set(fresh.map((f) => f.applicationId!))], maxFiles, maxTotalBytes],
    );
    if (over.length)
      throw StorageErrors.raise(
        'evidence_quota_exceeded',
        `导入后一份申报的佐证材料最多 ${maxFiles} 个文件、合计 ${Math.round(maxTotalBytes / 1024 / 1024)} MB`,
      );
    return fresh.length;
  }
}

/** Tier, construction type and every declaration (clause, conclusion, narrative) as stored: nothing to write. */
function sameContent(
  current: Application,
  item: ImportedApplication,
  stored: Map<string, Declaration>,
  files: Map<string, EvidenceFile>,
): boolean {
  return (
    current.tier === item.tier &&
    current.constructionType === item.constructionType &&
    withCompletionDate(current.eligibilityFacts ?? {}, item.completionDate) === current.eligibilityFacts &&
    stored.size === item.declarations.length &&
    item.declarations.every((d) => {
      const s = stored.get(d.clauseId);
      return !!s && s.status === d.status && s.narrative === d.narrative.trim() && sameEvidence(d.evidence, s, files);
    })
  );
}

/**
 * The facts with the imported completion date: the same object when there is none or it is the
 * date already held; otherwise a copy, the date replaced and the evidence it cites kept.
 */
function withCompletionDate(facts: EligibilityFacts, date: string | null | undefined): EligibilityFacts {
  if (!date || facts.completionDate?.value === date) return facts;
  return { ...facts, completionDate: { value: date, evidenceIds: facts.completionDate?.evidenceIds ?? [] } };
}

function sameEvidence(evidence: ImportedEvidence[] | undefined, s: Declaration, files: Map<string, EvidenceFile>) {
  if (!evidence?.length) return true;
  const ids = new Set(evidence.map((e) => files.get(e.sha256)?.id));
  return !ids.has(undefined) && ids.size === new Set(s.evidenceIds).size && s.evidenceIds.every((id) => ids.has(id));
}
