/**
 * Imports: Excel batch import of applications — the batch's template, uploads checked cell by cell
 * by a streaming job (a dry run with a report and a preview), and the commit that writes every
 * enterprise, application and self-assessment in one audited transaction through the enterprises
 * and applications contexts' own batch-friendly methods. Owns `application_imports` only.
 */
export { ImportsModule } from './imports.module';
export { ImportAnalyser } from './import-analyser.service';
export { ImportErrors } from './imports.errors';
export { ImportParser, ImportFailure, type ImportContext, type ParseResult } from './import-parser';
export { buildImportWorkbook } from './import-workbook';
export { SHEETS, ENTERPRISE_COLUMNS, DECLARATION_COLUMNS, resolveClauseRef, printedRef } from './import-columns';
export { streamWorkbook } from './workbook-file';
