/**
 * Documents (证书、评估报告、导出): the certificate and the assessment report as PDFs (pdfkit, a
 * subset of a CJK font shipped through npm), rendered in jobs and stored content-addressed —
 * re-rendered only when their input changes — and the batch results workbook (exceljs, streamed).
 * Renderers take plain input types; the contexts that own the facts fill them.
 */
export {
  type CertificateFacts,
  CERTIFICATE_VERIFY_PATH,
  certificateLines,
  certificateVerifyUrl,
  renderCertificate,
} from './certificate';
export { NO_DECISION_YET, REPORT_SECTIONS, renderAssessmentReport } from './assessment-report';
export {
  type AssessmentReportInput,
  type ReportSources,
  buildAssessmentReportInput,
  expertLetter,
} from './report-input';
export { type RenderedDocument, chineseDate } from './render-common';
export { type Typeface, cjkFontPath, missingGlyphs, MISSING_GLYPH_MARK } from './pdf/fonts';
export { radarGeometry } from './pdf/radar';
export { forgetSharedLayouts } from './pdf/shared-layout';
export { sampleReportInput, sampleReportSources, sampleCertificate } from './testing/sample-report';
export { DocumentsModule } from './documents.module';
export { DocumentStore, documentInputHash, TEMPLATE_VERSIONS, type DocumentInputs } from './document-store.service';
export { ReportFactsSource } from './report-facts.source';
export { DesignationReportFacts, decisionInWords, reportDecision, reportOnSite } from './designation-report-facts';
export { DocumentErrors } from './documents.errors';
export {
  assessmentReportAccess,
  canExportRegistry,
  canReadCertificate,
  canRequestAssessmentReport,
  type CertificateScope,
  type ReportScope,
} from './documents.policy';
export { CertificateService, certificateFactsOf } from './certificate.service';
export { type DocumentKind, type DocumentStatus } from './entities/document.entity';
export {
  type ResultsExportRow,
  PENDING_DECISION,
  OVERVIEW_COLUMNS,
  resultStatistics,
  writeResultsWorkbook,
} from './export/results-workbook';
export { type RegistryExportRow, REGISTRY_COLUMNS, writeRegistryWorkbook } from './export/registry-workbook';
export { RegistryExportService, registryRow } from './registry-export.service';
