import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { Application, ApplicationImportWriter, type ImportedApplication, SubmissionsService } from '@ff/applications';
import { type Batch, BatchesService, isAcceptingSubmissions } from '@ff/batches';
import { Enterprise, EnterprisesService } from '@ff/enterprises';
import { isUniqueViolation, tryCompareAndSet } from '@ff/database';
import { ApplicationImport } from './entities/application-import.entity';
import { ImportDetailView, toImportDetailView } from './dto/import.view';
import { ImportAnalyser } from './import-analyser.service';
import { storeAnalysis } from './import-report';
import { dropStaged, loadStaged, stageRows, stagedRows } from './import-staging';
import { evidenceKey } from './evidence-archive';
import { ImportErrors } from './imports.errors';
import { ImportsService } from './imports.service';
import { canSeeImport } from './imports.policy';

/**
 * Import as parse, then apply: this is the apply. The parse the dry run kept is judged again
 * against the database (the world may have moved since the dry run), then every enterprise, application and self-assessment
 * is written in one transaction with its audit events — or nothing is. Idempotent on the batch, the
 * workbook's sha256 and the evidence zip's (or none): the same pair committed again answers the
 * import that committed it; the same workbook with another zip is another import.
 */
@Injectable()
export class ImportCommitService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly imports: ImportsService,
    private readonly analyser: ImportAnalyser,
    private readonly batches: BatchesService,
    private readonly enterprises: EnterprisesService,
    private readonly writer: ApplicationImportWriter,
    private readonly submissions: SubmissionsService,
  ) {}

  async commit(
    actor: Actor,
    meta: RequestMeta,
    id: string,
    opts: { submit?: boolean } = {},
  ): Promise<ImportDetailView> {
    const imp = await this.imports.visible(actor, meta, id);
    if (imp.status === 'committed') {
      // Asked again: the pre-checks of what it submitted are queued again if still pending (the
      // queue may have been down right after the commit); deterministic job ids make this a no-op otherwise.
      await this.requeuePrechecks(imp);
      return toImportDetailView(imp);
    }
    const prior = await this.committedBefore(imp);
    if (prior) return this.answerPrior(actor, prior);
    if (imp.status !== 'validated') throw ImportErrors.raise('import_not_ready', toImportDetailView(imp).statusName);
    if (imp.errorCount) throw ImportErrors.raise('import_has_errors', imp.errorCount);
    const batch = await this.batches.getOrFail(imp.batchId);
    if (!isAcceptingSubmissions(batch)) throw ImportErrors.raise('import_batch_closed', batch.code);

    // The parse the dry run kept (the workbook is parsed once); an import validated before parses
    // were kept is read again.
    const kept = await loadStaged(this.dataSource.manager, id);
    // The unlogged table has no statistics of its own until autovacuum comes by: without them the
    // planner takes one import's rows for a few hundred and joins them to the applications by
    // nested loops (seconds at 100,000 rows). Outside the transaction, so its lock is not held.
    if (kept) await this.dataSource.query(`ANALYZE application_import_rows`);
    const analysis = kept ? await this.analyser.fromStaged(imp, batch, kept) : await this.analyser.analyse(imp, batch);
    if ('cancelled' in analysis) throw ImportErrors.raise('import_not_ready', '已取消');
    if ('failure' in analysis || analysis.errors.length) {
      await this.dataSource.transaction((em) => storeAnalysis(em, id, 'validated', analysis));
      throw ImportErrors.raise('import_changed', 'failure' in analysis ? 1 : analysis.errors.length);
    }
    try {
      const committed = await this.dataSource.transaction(async (em) => {
        // Compare-and-set first: a second commit of this import waits here, then finds it committed.
        const claimed = await tryCompareAndSet(em, {
          entity: ApplicationImport,
          id,
          from: 'validated',
          version: imp.version,
          to: 'committed',
          patch: { committedAt: new Date() },
        });
        if (!claimed) {
          const now = await em.findOneByOrFail(ApplicationImport, { id });
          if (now.status === 'committed') return { view: toImportDetailView(now), submitted: [] };
          // Validated again (another evidence zip) since it was read: what was analysed is not what is there.
          if (now.status === 'validated') throw ImportErrors.raise('import_changed', 1);
          throw ImportErrors.raise('import_not_ready', toImportDetailView(now).statusName);
        }
        // An import validated before parses were kept (or whose rows a crash emptied) keeps its
        // fresh parse's rows now, so that the declarations are written from the table either way.
        if (!kept) {
          await dropStaged(em, id);
          await stageRows(em, id, analysis.parse.declarations);
        }
        const written = await this.enterprises.importMany(em, actor, meta, analysis.parse.enterprises);
        const items = new Map<string, ImportedApplication>(
          analysis.parse.enterprises.map((e) => [
            e.creditCode,
            {
              key: e.creditCode,
              enterpriseId: written.ids.get(e.creditCode)!,
              industryMode: e.industryMode,
              tier: e.tier,
              constructionType: e.constructionType,
              completionDate: e.completionDate,
            },
          ]),
        );
        // Only the rows naming files are in memory here (a fresh parse has every row; the others pass by).
        for (const d of analysis.parse.declarations) {
          if (!d.evidenceNames.length) continue;
          const item = items.get(d.creditCode)!;
          (item.evidence ??= []).push({
            clauseId: d.clauseId,
            files: d.evidenceNames.flatMap((n) => analysis.evidence.get(evidenceKey(n)) ?? []),
          });
        }
        // The declarations go from the kept rows to the applications in the database, set-based.
        const applied = await this.writer.apply(em, actor, meta, batch, [...items.values()], stagedRows(id));
        await dropStaged(em, id);
        const submitted = opts.submit ? await this.submitAll(em, actor, meta, batch, id, applied.applicationIds) : [];
        const result = {
          enterprisesCreated: written.created,
          enterprisesUpdated: written.updated,
          applicationsCreated: applied.created,
          applicationsUpdated: applied.updated,
          clausesSet: applied.declarations,
          evidenceAttached: applied.evidence,
          ...(opts.submit ? { applicationsSubmitted: submitted.length, submissions: submitted } : {}),
        };
        await em.update(ApplicationImport, { id }, { result });
        await this.audit.record(em, actor, meta, {
          action: 'import.committed',
          entityType: 'application_import',
          entityId: id,
          before: { status: 'validated' },
          after: {
            status: 'committed',
            fileSha256: imp.fileSha256,
            evidenceSha256: imp.evidenceSha256,
            ...result,
            applicationIds: applied.applicationIds,
          },
        });
        return { view: toImportDetailView(await em.findOneByOrFail(ApplicationImport, { id })), submitted };
      });
      // After the commit, so the jobs never meet uncommitted submissions; a queue that is down now
      // leaves them pending, and committing the import again queues them (see above).
      await this.submissions.queuePrechecks(committed.submitted);
      return committed.view;
    } catch (e) {
      // Another import of the same content won the race: it committed, this one changes nothing.
      if (isUniqueViolation(e, 'application_imports_committed_key')) {
        const winner = await this.committedBefore(imp);
        if (winner) return this.answerPrior(actor, winner);
      }
      // An enterprise or an application registered meanwhile by someone else: judged again next time.
      if (isUniqueViolation(e)) throw ImportErrors.raise('import_changed', 1);
      throw e;
    }
  }

  /**
   * 代为提交 of every application this import created or updated, in the commit's transaction,
   * through `SubmissionsService` (the same frozen snapshot and audit as the enterprise's submit).
   * The writer has already locked the applications that existed and checked the batch's window and tiers.
   */
  private async submitAll(
    em: EntityManager,
    actor: Actor,
    meta: RequestMeta,
    batch: Batch,
    importId: string,
    applicationIds: string[],
  ): Promise<{ applicationId: string; submissionId: string }[]> {
    if (!applicationIds.length) return [];
    const apps = await em.find(Application, {
      where: { id: In(applicationIds) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const enterprises = new Map(
      (await em.find(Enterprise, { where: { id: In(apps.map((a) => a.enterpriseId)) } })).map((e) => [e.id, e]),
    );
    const out: { applicationId: string; submissionId: string }[] = [];
    for (const app of apps)
      out.push(
        await this.submissions.submitImported(
          em,
          actor,
          meta,
          app,
          batch,
          enterprises.get(app.enterpriseId)!,
          importId,
        ),
      );
    return out;
  }

  private async requeuePrechecks(imp: ApplicationImport): Promise<void> {
    const items = (imp.result?.submissions ?? []) as { applicationId: string; submissionId: string }[];
    if (!items.length) return;
    const pending: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM application_submissions WHERE id = ANY($1::uuid[]) AND precheck_status = 'pending'`,
      [items.map((i) => i.submissionId)],
    );
    const ids = new Set(pending.map((p) => p.id));
    await this.submissions.queuePrechecks(items.filter((i) => ids.has(i.submissionId)));
  }

  /** The import that committed this content (workbook and zip); one the actor may not see is only said to exist. */
  private answerPrior(actor: Actor, prior: ApplicationImport): ImportDetailView {
    if (!canSeeImport(actor, prior)) throw ImportErrors.raise('import_already_committed');
    return toImportDetailView(prior);
  }

  private committedBefore(imp: ApplicationImport): Promise<ApplicationImport | null> {
    return this.dataSource.getRepository(ApplicationImport).findOneBy({
      batchId: imp.batchId,
      fileSha256: imp.fileSha256,
      evidenceSha256: imp.evidenceSha256 ?? IsNull(),
      status: 'committed',
    });
  }
}
