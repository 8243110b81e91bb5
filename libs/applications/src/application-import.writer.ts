import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ff/config';
import { StorageErrors } from '@ff/storage';
import { EntityManager, In } from 'typeorm';
import { insertInChunks } from '@ff/database';
import { Actor, RequestMeta, validationFailed } from '@ff/core';
import { AuditEntry, AuditService } from '@ff/audit';
import { Batch, BatchesService } from '@ff/batches';
import type { ClauseStatus, TierCode } from '@ff/rules';
import { isEditable } from './application.state-machine';
import { ApplicationErrors } from './applications.errors';
import { assertConstructionType, clauseErrors, declarableClauseIds } from './clause-check';
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

/**
 * An import's self-assessment rows, as a query over the importer's own table, run in the caller's
 * transaction: columns `key` (an `ImportedApplication.key`), `clause_id`, `status` and `narrative`
 * (already trimmed); `$1`… are its `params`. At most one row per key and clause. The rows never
 * pass through Node: the writer compares, counts and inserts them with set-based SQL.
 */
export interface ImportedDeclarationRows {
  sql: string;
  params: unknown[];
}

/** One enterprise's application as an import gives it: tier, construction type; its self-assessment is its rows. */
export interface ImportedApplication {
  /** Names this application's rows in `ImportedDeclarationRows`. */
  key: string;
  enterpriseId: string;
  industryMode: string;
  tier: TierCode;
  constructionType: string | null;
  /** 项目建成（投产）日期 (`YYYY-MM-DD`) as an eligibility fact; null or left out keeps the application's own. */
  completionDate?: string | null;
  /** The files each clause cites; a clause not here keeps the evidence it already cites. */
  evidence?: { clauseId: string; files: ImportedEvidence[] }[];
}

/**
 * The batch-friendly form of create + PATCH + bulk self-assessment save, for imports, inside the
 * caller's transaction. The same rules as the per-request API: the batch accepts the tier now, a
 * construction type only for future factories, each clause declarable (`clauseProblem`), only a
 * draft or returned application changes; a self-assessment is replaced whole. Audit events as the
 * per-request API writes them, in one chained append. An application whose content is already
 * exactly what the import says is left untouched (no version, no event): importing an export back
 * changes nothing. A clause keeps the evidence it cites unless the import names files for it.
 *
 * The declarations are written set-based from the importer's rows (`ImportedDeclarationRows`):
 * one `INSERT … SELECT` joined to the applications created or updated, upserting on
 * (application, clause), after one `DELETE` of the clauses a replaced self-assessment no longer has.
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
    rows: ImportedDeclarationRows,
  ): Promise<{ created: number; updated: number; declarations: number; evidence: number; applicationIds: string[] }> {
    for (const item of items) {
      this.batches.assertAcceptsSubmission(batch, item.tier);
      assertConstructionType(item.tier, item.constructionType);
    }
    const q = sqlWith(rows);
    await this.assertDeclarable(em, q, batch, items);
    // Clause rows per application and conclusion: the audit's counts and the declarations written.
    const counts = new Map<string, { met: number; partial: number; not_met: number }>();
    for (const c of (await em.query(
      `WITH r AS (${rows.sql}) SELECT key, status, count(*)::int AS n FROM r GROUP BY key, status`,
      rows.params,
    )) as { key: string; status: ClauseStatus; n: number }[]) {
      const k = counts.get(c.key) ?? { met: 0, partial: 0, not_met: 0 };
      k[c.status] = c.n;
      counts.set(c.key, k);
    }
    const enterpriseIds = items.map((i) => i.enterpriseId);
    const existing = enterpriseIds.length
      ? await em.find(Application, {
          where: { batchId: batch.id, enterpriseId: In(enterpriseIds) },
          lock: { mode: 'pessimistic_write' },
        })
      : [];
    const byEnterprise = new Map(existing.map((a) => [a.enterpriseId, a]));
    // The evidence the import cites that the applications already hold: (application, sha256) is one file.
    const shas = [...new Set(items.flatMap((i) => (i.evidence ?? []).flatMap((c) => c.files.map((e) => e.sha256))))];
    const files = new Map<string, Map<string, EvidenceFile>>();
    if (existing.length && shas.length)
      for (const f of await em.find(EvidenceFile, {
        where: { applicationId: In(existing.map((a) => a.id)), sha256: In(shas) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }))
        if (!files.get(f.applicationId)?.has(f.sha256))
          files.set(f.applicationId, (files.get(f.applicationId) ?? new Map()).set(f.sha256, f));
    const sameRows = await this.sameDeclarations(em, q, items, byEnterprise, files);
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
      if (sameRows.has(current.id) && sameApplication(current, item)) {
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
    const inserted = await insertInChunks(em, Application, fresh);
    inserted.forEach((id, i) => {
      ids.set(fresh[i].enterpriseId!, id);
      audit.push({
        action: 'application.created',
        entityType: 'application',
        entityId: id,
        after: { ...fresh[i], id, via: 'import' },
      });
    });
    const applicationIds = items.map((i) => ids.get(i.enterpriseId)!);
    const changedItems = items.filter((i) => !unchanged.has(ids.get(i.enterpriseId)!));
    const evidence = await this.attachEvidence(em, changedItems, ids, files, audit, actor);
    const declarations = await this.writeDeclarations(em, q, changedItems, ids, byEnterprise, files, counts);
    for (const item of changedItems) {
      const c = counts.get(item.key) ?? { met: 0, partial: 0, not_met: 0 };
      audit.push({
        action: 'application.self_assessment_saved',
        entityType: 'application',
        entityId: ids.get(item.enterpriseId)!,
        after: { status: 'draft', mode: 'import', clauses: c.met + c.partial + c.not_met, ...c },
      });
    }
    await this.audit.recordMany(em, actor, meta, audit);
    return { created: fresh.length, updated, declarations, evidence, applicationIds };
  }

  /**
   * Every row's clause declarable for its application's tier and industry mode: the distinct
   * (tier and mode, clause) pairs the rows hold — a few hundred — judged here by `clauseProblem`.
   */
  private async assertDeclarable(em: EntityManager, q: SqlWith, batch: Batch, items: ImportedApplication[]) {
    const kinds = new Map<string, ImportedApplication>();
    for (const i of items) kinds.set(`${i.tier}|${i.industryMode}`, i);
    const pairs = (await em.query(
      `WITH r AS (${q.sql}), i AS (SELECT * FROM unnest(${q.p(1)}::text[], ${q.p(2)}::text[]) AS i(key, kind))
       SELECT DISTINCT i.kind, r.clause_id FROM r JOIN i ON i.key = r.key`,
      q.params(
        items.map((i) => i.key),
        items.map((i) => `${i.tier}|${i.industryMode}`),
      ),
    )) as { kind: string; clause_id: string }[];
    for (const { kind, clause_id: clauseId } of pairs) {
      const item = kinds.get(kind)!;
      if (declarableClauseIds(batch.ruleSetVersion, item.tier, item.industryMode).has(clauseId)) continue;
      throw validationFailed(
        clauseErrors([{ field: 'declarations[].clauseId', clauseId }], {
          ruleSetVersion: batch.ruleSetVersion,
          tier: item.tier,
          industryMode: item.industryMode,
        }),
      );
    }
  }

  /**
   * The existing applications whose stored self-assessment is exactly the rows (the same clauses,
   * conclusions, narratives; and, for the clauses citing files, exactly those files): compared in
   * SQL, only the clauses citing files read here.
   */
  private async sameDeclarations(
    em: EntityManager,
    q: SqlWith,
    items: ImportedApplication[],
    byEnterprise: Map<string, Application>,
    files: Map<string, Map<string, EvidenceFile>>,
  ): Promise<Set<string>> {
    const held = items.filter((i) => byEnterprise.has(i.enterpriseId));
    if (!held.length) return new Set();
    const same = (await em.query(
      `WITH r AS (${q.sql}),
         e AS (SELECT * FROM unnest(${q.p(1)}::text[], ${q.p(2)}::uuid[]) AS e(key, application_id)),
         imported AS (
           SELECT e.application_id, count(*) AS n,
                  count(*) FILTER (WHERE d.status = r.status AND d.narrative = r.narrative) AS same
           FROM e JOIN r ON r.key = e.key
           LEFT JOIN application_declarations d ON d.application_id = e.application_id AND d.clause_id = r.clause_id
           GROUP BY e.application_id),
         stored AS (
           SELECT application_id, count(*) AS n FROM application_declarations
           WHERE application_id = ANY(${q.p(2)}::uuid[]) GROUP BY application_id)
       SELECT e.application_id AS id FROM e
       LEFT JOIN imported i ON i.application_id = e.application_id
       LEFT JOIN stored s ON s.application_id = e.application_id
       WHERE coalesce(i.n, 0) = coalesce(s.n, 0) AND coalesce(i.same, 0) = coalesce(i.n, 0)`,
      q.params(
        held.map((i) => i.key),
        held.map((i) => byEnterprise.get(i.enterpriseId)!.id),
      ),
    )) as { id: string }[];
    const out = new Set(same.map((s) => s.id));
    const citing = held.filter((i) => i.evidence?.length && out.has(byEnterprise.get(i.enterpriseId)!.id));
    if (!citing.length) return out;
    const stored = new Map<string, Declaration>();
    for (const d of await em.find(Declaration, {
      where: { applicationId: In(citing.map((i) => byEnterprise.get(i.enterpriseId)!.id)) },
    }))
      stored.set(`${d.applicationId}|${d.clauseId}`, d);
    for (const item of citing) {
      const id = byEnterprise.get(item.enterpriseId)!.id;
      const mine = files.get(id) ?? new Map<string, EvidenceFile>();
      if (!item.evidence!.every((c) => sameEvidence(c.files, stored.get(`${id}|${c.clauseId}`), mine))) out.delete(id);
    }
    return out;
  }

  /**
   * The changed applications' self-assessments from the rows, in two statements: the clauses a
   * replaced self-assessment no longer has are deleted, then every row is inserted — joined to its
   * application — or, for a clause the application already has, written over. A clause citing no
   * file keeps the evidence it cites.
   */
  private async writeDeclarations(
    em: EntityManager,
    q: SqlWith,
    items: ImportedApplication[],
    ids: Map<string, string>,
    byEnterprise: Map<string, Application>,
    files: Map<string, Map<string, EvidenceFile>>,
    counts: Map<string, { met: number; partial: number; not_met: number }>,
  ): Promise<number> {
    if (!items.length) return 0;
    const keys = items.map((i) => i.key);
    const apps = items.map((i) => ids.get(i.enterpriseId)!);
    const replaced = items.filter((i) => byEnterprise.has(i.enterpriseId));
    if (replaced.length)
      await em.query(
        `WITH r AS (${q.sql})
         DELETE FROM application_declarations d
         USING unnest(${q.p(1)}::text[], ${q.p(2)}::uuid[]) AS i(key, application_id)
         WHERE d.application_id = i.application_id
           AND NOT EXISTS (SELECT 1 FROM r WHERE r.key = i.key AND r.clause_id = d.clause_id)`,
        q.params(
          replaced.map((i) => i.key),
          replaced.map((i) => ids.get(i.enterpriseId)!),
        ),
      );
    const cited = { app: [] as string[], clause: [] as string[], ev: [] as string[] };
    for (const item of items) {
      const applicationId = ids.get(item.enterpriseId)!;
      for (const c of item.evidence ?? []) {
        if (!c.files.length) continue;
        cited.app.push(applicationId);
        cited.clause.push(c.clauseId);
        cited.ev.push(`{${[...new Set(c.files.map((e) => files.get(applicationId)!.get(e.sha256)!.id))].join(',')}}`);
      }
    }
    await em.query(
      `WITH r AS (${q.sql}),
         i AS (SELECT * FROM unnest(${q.p(1)}::text[], ${q.p(2)}::uuid[]) AS i(key, application_id)),
         c AS (SELECT * FROM unnest(${q.p(3)}::uuid[], ${q.p(4)}::text[], ${q.p(5)}::text[]) AS c(application_id, clause_id, ids)),
         old AS (SELECT application_id, clause_id, evidence_ids FROM application_declarations
                 WHERE application_id = ANY(${q.p(6)}::uuid[]))
       INSERT INTO application_declarations (application_id, clause_id, status, narrative, evidence_ids, updated_at)
       SELECT i.application_id, r.clause_id, r.status, r.narrative,
              coalesce(c.ids::uuid[], old.evidence_ids, '{}'::uuid[]), ${q.p(7)}::timestamptz
       FROM r JOIN i ON i.key = r.key
       LEFT JOIN c ON c.application_id = i.application_id AND c.clause_id = r.clause_id
       LEFT JOIN old ON old.application_id = i.application_id AND old.clause_id = r.clause_id
       ON CONFLICT (application_id, clause_id) DO UPDATE SET status = EXCLUDED.status,
         narrative = EXCLUDED.narrative, evidence_ids = EXCLUDED.evidence_ids, updated_at = EXCLUDED.updated_at`,
      q.params(
        keys,
        apps,
        cited.app,
        cited.clause,
        cited.ev,
        replaced.map((i) => ids.get(i.enterpriseId)!),
        new Date(),
      ),
    );
    let n = 0;
    for (const k of keys) {
      const c = counts.get(k);
      if (c) n += c.met + c.partial + c.not_met;
    }
    return n;
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
      for (const c of item.evidence ?? [])
        for (const e of c.files) if (!held.has(e.sha256) && !adding.has(e.sha256)) adding.set(e.sha256, e);
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

/** Tier, construction type and completion date as held: nothing to write but, perhaps, the declarations. */
function sameApplication(current: Application, item: ImportedApplication): boolean {
  return (
    current.tier === item.tier &&
    current.constructionType === item.constructionType &&
    withCompletionDate(current.eligibilityFacts ?? {}, item.completionDate) === current.eligibilityFacts
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

function sameEvidence(evidence: ImportedEvidence[], s: Declaration | undefined, files: Map<string, EvidenceFile>) {
  if (!evidence.length) return true;
  if (!s) return false;
  const ids = new Set(evidence.map((e) => files.get(e.sha256)?.id));
  return !ids.has(undefined) && ids.size === new Set(s.evidenceIds).size && s.evidenceIds.every((id) => ids.has(id));
}

/** The rows' query with the writer's own parameters numbered after the rows' (`p(1)` is the first of them). */
interface SqlWith {
  sql: string;
  p: (k: number) => string;
  params: (...own: unknown[]) => unknown[];
}

function sqlWith(rows: ImportedDeclarationRows): SqlWith {
  return { sql: rows.sql, p: (k) => `$${rows.params.length + k}`, params: (...own) => [...rows.params, ...own] };
}
