import { EntityManager } from 'typeorm';
import { tryCompareAndSet } from '@ff/database';
import type { Analysis } from './import-analyser.service';
import { ApplicationImport, type ImportStatus } from './entities/application-import.entity';
import { keepStaged, stageParse } from './import-staging';

/** Issues kept in the stored report, of each kind; the counts are always the full ones. */
export const REPORT_LIMIT = 2000;

/**
 * Writes an analysis into the import row, compare-and-set on the status it expects (a cancel in
 * between wins). A failure keeps its reason; otherwise the report, the preview and the counts —
 * and, when there is no error, the parse itself for the commit (its 自评 rows written now, or
 * already by the dry run as it read them); otherwise whatever the dry run put in the table goes.
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
  const stored = await tryCompareAndSet(em, { entity: ApplicationImport, id, from, to, patch: values });
  if (!stored) return null;
  // Only a parse without errors can be committed: that one is kept for the commit, any other dropped.
  const clean = !('failure' in analysis) && !analysis.errors.length;
  const staged = clean
    ? {
        enterprises: analysis.parse.enterprises,
        evidence: [...analysis.evidence.values()],
        columns: analysis.columns,
        warnings: analysis.parse.warnings.slice(0, REPORT_LIMIT),
        rows: analysis.parse.rows,
        declarations: analysis.sunk ?? analysis.parse.declarations.length,
      }
    : null;
  // Rows a dry run already put in the table as it read them stay; any others are written now.
  if (clean && analysis.sunk !== undefined) await keepStaged(em, id, staged!);
  else await stageParse(em, id, staged, clean ? analysis.parse.declarations : []);
  return em.findOneByOrFail(ApplicationImport, { id });
}
