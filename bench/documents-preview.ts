/**
 * `npm run docs:preview`: renders the sample certificate and assessment report and, when
 * `pdftoppm` (Debian's poppler-utils) is installed, their pages as PNG — to look at the layout.
 * Output: var/preview/ (or the directory given as the first argument).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderAssessmentReport, renderCertificate, sampleCertificate, sampleReportInput } from '../libs/documents/src';

const ISSUER = process.env.DOCUMENT_ISSUER || '浙江省经济和信息化厅';

async function main() {
  const out = resolve(process.argv[2] ?? 'var/preview');
  mkdirSync(out, { recursive: true });
  const cert = await renderCertificate(sampleCertificate(), ISSUER);
  const report = await renderAssessmentReport(sampleReportInput(), ISSUER);
  const files = { certificate: cert.bytes, 'assessment-report': report.bytes };
  for (const [name, bytes] of Object.entries(files)) {
    const pdf = join(out, `${name}.pdf`);
    writeFileSync(pdf, bytes);
    console.log(`${pdf}  ${(bytes.length / 1024).toFixed(1)} KB`);
    try {
      execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(out, name)], { stdio: 'inherit' });
      console.log(`  → ${join(out, name)}-<page>.png`);
    } catch {
      console.log('  pdftoppm not found (apt-get install poppler-utils): PDF only');
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
