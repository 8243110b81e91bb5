import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { tryCompareAndSet } from '@ff/database';
import { SYSTEM_ACTOR } from '@ff/core';
import { AuditService } from '@ff/audit';
import { BatchesService } from '@ff/batches';
import { JobHandler, JobPayloads, JobProcessor } from '@ff/queue';
import { ImportAnalyser } from './import-analyser.service';
import { ApplicationImport } from './entities/application-import.entity';
import { storeAnalysis } from './import-report';
import { dropStaged, stageRows } from './import-staging';

/** How often a running dry run writes its progress and looks for a cancel. */
export const PROGRESS_INTERVAL_MS = 500;

/**
 * The dry run of one upload: stream the workbook, check every cell, store the report and the
 * preview. Idempotent: an import already past validation is left alone; one caught mid-way by a
 * crash is validated again from the start. Progress is written as rows are read (at most twice a
 * second); a cancel stops it.
 */
@Injectable()
@JobProcessor('import.validate')
export class ImportValidateProcessor implements JobHandler<'import.validate'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly batches: BatchesService,
    private readonly analyser: ImportAnalyser,
  ) {}

  async handle(payload: JobPayloads['import.validate']) {
    return this.run(payload.importId);
  }

  async run(importId: string): Promise<{ outcome: string }> {
    const repo = this.dataSource.getRepository(ApplicationImport);
    const imp = await tryCompareAndSet(this.dataSource.manager, {
      entity: ApplicationImport,
      id: importId,
      from: ['queued', 'validating'],
      to: 'validating',
      patch: { rowsDone: 0, rowsTotal: null },
    });
    if (!imp) return { outcome: 'not_pending' };
    const batch = await this.batches.getOrFail(imp.batchId);
    // What an earlier run kept (or a run a crash stopped half-way wrote) goes first.
    await dropStaged(this.dataSource.manager, importId);
    // Progress written (and a cancel noticed) at most once per interval, not per few hundred rows:
    // a round trip each would cost a large workbook seconds.
    let written = 0;
    // The 自评 rows go to the table the commit reads as they are read, so memory does not grow
    // with them; kept only if the analysis is clean (see storeAnalysis), dropped otherwise.
    const analysis = await this.analyser.analyse(
      imp,
      batch,
      async (rows, total) => {
        if (total === undefined && Date.now() - written < PROGRESS_INTERVAL_MS) return true;
        written = Date.now();
        const r = await repo.update(
          { id: importId, status: 'validating' },
          total === undefined ? { rowsDone: rows } : { rowsDone: rows, rowsTotal: total },
        );
        return !!r.affected;
      },
      (rows, before) => stageRows(this.dataSource.manager, importId, rows, before),
    );
    if ('cancelled' in analysis) {
      await dropStaged(this.dataSource.manager, importId);
      return { outcome: 'cancelled' };
    }
    return this.dataSource.transaction(async (em) => {
      const stored = await storeAnalysis(em, importId, 'validating', analysis);
      if (!stored) {
        await dropStaged(em, importId);
        return { outcome: 'cancelled' };
      }
      await this.audit.record(
        em,
        SYSTEM_ACTOR,
        {},
        {
          action: 'import.validated',
          entityType: 'application_import',
          entityId: importId,
          after: {
            status: stored.status,
            errors: stored.errorCount,
            warnings: stored.warningCount,
            rows: stored.rowsDone,
          },
        },
      );
      return { outcome: stored.status };
    });
  }
}
