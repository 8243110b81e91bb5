import { EntityManager } from 'typeorm';
import { tryCompareAndSet } from '@ff/database';
import type { Analysis } from './import-analyser.service';
import { ApplicationImport, type ImportStatus } from './entities/application-import.entity';

/** Issues kept in the stored report, of each kind; the counts are always the full ones. */
export const REPORT_LIMIT = 2000;

/**
 * Writes an analysis into the import row, compare-and-set on the status it expects (a cancel in
 * between wins). A failure keeps its reason; otherwise the report, the preview and the counts.
 */
export async function storeAnalysis(
  em: EntityManager,
  id: string,
  from: ImportStatus,
  analysis: Analysis | { failure: string },
): Promise<ApplicationImport | null> {
  const values: Partial<ApplicationImport> =
    'failure' in analysis
      ? { failureReason: analysis.failure, report: null, preview: null }
      : {
          failureReason: null,
          rowsDone: analysis.parse.rows,
          rowsTotal: analysis.parse.rows,
          errorCount: analysis.errors.length,
          warningCount: analysis.warnings.length,
          report: {
            errors: analysis.errors.slice(0, REPORT_LIMIT),
            warnings: analysis.warnings.slice(0, REPORT_LIMIT),
          },
          preview: analysis.preview,
        };
  const to: ImportStatus = 'failure' in analysis ? 'failed' : 'validated';
  return tryCompareAndSet(em, { entity: ApplicationImport, id, from, to, patch: values });
}
