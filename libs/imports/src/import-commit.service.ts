import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, RequestMeta } from '@ff/core';
import { AuditService } from '@ff/audit';
import { ApplicationImportWriter, type ImportedApplication } from '@ff/applications';
import { BatchesService, isAcceptingSubmissions } from '@ff/batches';
import { EnterprisesService } from '@ff/enterprises';
import { isUniqueViolation } from '@ff/database';
import { ApplicationImport } from './entities/application-import.entity';
import { ImportDetailView, toImportDetailView } from './dto/import.view';
import { ImportAnalyser } from './import-analyser.service';
import { storeAnalysis } from './import-report';
import { ImportErrors } from './imports.errors';
import { ImportsService } from './imports.service';
import { canSeeImport } from './imports.policy';

/**
 * Import as parse, then apply: this is the apply. The stored file is read and judged again (the
 * world may have moved since the dry run), then every enterprise, application and self-assessment
 * is written in one transaction with its audit events — or nothing is. Idempotent on the batch and
 * the file's sha256: the same content committed again answers the import that committed it.
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
  ) {}

  async commit(actor: Actor, meta: RequestMeta, id: string): Promise<ImportDetailView> {
    const imp = await this.imports.visible(actor, meta, id);
    if (imp.status === 'committed') return toImportDetailView(imp);
    const prior = await this.committedBefore(imp);
    if (prior) return this.answerPrior(actor, prior);
    if (imp.status !== 'validated') throw ImportErrors.raise('import_not_ready', toImportDetailView(imp).statusName);
    if (imp.errorCount) throw ImportErrors.raise('import_has_errors', imp.errorCount);
    const batch = await this.batches.getOrFail(imp.batchId);
    if (!isAcceptingSubmissions(batch)) throw ImportErrors.raise('import_batch_closed', batch.code);

    const analysis = await this.analyser.analyse(imp, batch);
    if ('cancelled' in analysis) throw ImportErrors.raise('import_not_ready', '已取消');
    if ('failure' in analysis || analysis.errors.length) {
      await this.dataSource.transaction((em) => storeAnalysis(em, id, 'validated', analysis));
      throw ImportErrors.raise('import_changed', 'failure' in analysis ? 1 : analysis.errors.length);
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        // Compare-and-set first: a second commit of this import waits here, then finds it committed.
        const claimed = await em
          .createQueryBuilder()
          .update(ApplicationImport)
          .set({ status: 'committed', committedAt: new Date(), version: () => 'version + 1' })
          .where(`id = :id AND status = 'validated'`, { id })
          .execute();
        if (!claimed.affected) {
          const now = await em.findOneByOrFail(ApplicationImport, { id });
          if (now.status === 'committed') return toImportDetailView(now);
          throw ImportErrors.raise('import_not_ready', toImportDetailView(now).statusName);
        }
        const written = await this.enterprises.importMany(em, actor, meta, analysis.parse.enterprises);
        const byCode = new Map<string, ImportedApplication>();
        const items: ImportedApplication[] = analysis.parse.enterprises.map((e) => {
          const item: ImportedApplication = {
            enterpriseId: written.ids.get(e.creditCode)!,
            industryMode: e.industryMode,
            tier: e.tier,
            constructionType: e.constructionType,
            declarations: [],
          };
          byCode.set(e.creditCode, item);
          return item;
        });
        for (const d of analysis.parse.declarations)
          byCode
            .get(d.creditCode)!
            .declarations.push({ clauseId: d.clauseId, status: d.status, narrative: d.narrative });
        const applied = await this.writer.apply(em, actor, meta, batch, items);
        const result = {
          enterprisesCreated: written.created,
          enterprisesUpdated: written.updated,
          applicationsCreated: applied.created,
          applicationsUpdated: applied.updated,
          clausesSet: applied.declarations,
        };
        await em.update(ApplicationImport, { id }, { result });
        await this.audit.record(em, actor, meta, {
          action: 'import.committed',
          entityType: 'application_import',
          entityId: id,
          before: { status: 'validated' },
          after: { status: 'committed', fileSha256: imp.fileSha256, ...result, applicationIds: applied.applicationIds },
        });
        return toImportDetailView(await em.findOneByOrFail(ApplicationImport, { id }));
      });
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

  /** The import that committed this content; one the actor may not see is only said to exist. */
  private answerPrior(actor: Actor, prior: ApplicationImport): ImportDetailView {
    if (!canSeeImport(actor, prior)) throw ImportErrors.raise('import_already_committed');
    return toImportDetailView(prior);
  }

  private committedBefore(imp: ApplicationImport): Promise<ApplicationImport | null> {
    return this.dataSource
      .getRepository(ApplicationImport)
      .findOneBy({ batchId: imp.batchId, fileSha256: imp.fileSha256, status: 'committed' });
  }
}
