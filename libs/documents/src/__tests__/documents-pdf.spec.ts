import { statSync } from 'node:fs';
import { certificateLines, renderCertificate } from '../certificate';
import { NO_DECISION_YET, REPORT_SECTIONS, renderAssessmentReport } from '../assessment-report';
import { cjkFontPath, missingGlyphs, MISSING_GLYPH_MARK } from '../pdf/fonts';
import { sampleCertificate, sampleReportInput, sampleReportSources } from '../testing/sample-report';
import { buildAssessmentReportInput } from '../report-input';
import { extractPdfText, squeeze } from './pdf-text';

const ISSUER = '浙江省经济和信息化厅';
const RARE = '𠀾'; // U+2003E, CJK Extension B: in no font shipped through npm

describe('certificate PDF', () => {
  it('carries every line of the certificate, in Chinese, extracted back from the PDF', async () => {
    const facts = sampleCertificate();
    const { bytes, missingGlyphs: missing } = await renderCertificate(facts, ISSUER);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(missing).toEqual([]);
    const pages = extractPdfText(bytes);
    expect(pages).toHaveLength(1);
    const text = squeeze(pages[0]);
    for (const line of certificateLines(facts, ISSUER)) expect(text).toContain(squeeze(line));
    expect(text).toContain('扫码验证证书真伪');
  });

  it('embeds a subset of the font, not the font', async () => {
    const { bytes } = await renderCertificate(sampleCertificate(), ISSUER);
    expect(bytes.length).toBeLessThan(statSync(cjkFontPath('regular')).size / 100);
  });

  it('is the same bytes for the same facts', async () => {
    const a = await renderCertificate(sampleCertificate(), ISSUER);
    const b = await renderCertificate(sampleCertificate(), ISSUER);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('prints a character the font lacks as 〓 and names it by code point', async () => {
    expect(missingGlyphs(`王${RARE}机械`)).toEqual([RARE]);
    const { bytes, missingGlyphs: missing } = await renderCertificate(
      sampleCertificate({ enterpriseName: `浙江${RARE}记机械有限公司` }),
      ISSUER,
    );
    expect(missing).toEqual([RARE]);
    const text = squeeze(extractPdfText(bytes)[0]);
    expect(text).toContain(`浙江${MISSING_GLYPH_MARK}记机械有限公司`);
    expect(text).toContain('U+2003E');
  });
});

describe('assessment report PDF', () => {
  let text: string;
  let pages: string[];
  const input = sampleReportInput();

  beforeAll(async () => {
    const { bytes } = await renderAssessmentReport(input, ISSUER);
    pages = extractPdfText(bytes);
    text = squeeze(pages.join('\n'));
  }, 60_000);

  it('has every section, in order', () => {
    const at = REPORT_SECTIONS.map((s) => text.indexOf(squeeze(s)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('states the application, the scores against the threshold and that no decision is taken yet', () => {
    const s = input.scoring!;
    for (const fact of [input.application.enterpriseName, input.application.creditCode, '杭州市西湖区', '未来工厂'])
      expect(text).toContain(squeeze(fact));
    expect(text).toContain(
      `评分依据：原始评分。专家评审总分${s.total.toFixed(2)}，未来工厂通过线${s.threshold.toFixed(2)}`,
    );
    expect(text).toContain(`认定决定：${NO_DECISION_YET}`);
    for (const d of s.domains) expect(text).toContain(d.name);
    for (const sub of s.subdomains) expect(text).toContain(squeeze(sub.name));
    expect(text).toContain('未达到');
  });

  it('names divergences, the pre-check, and table 15 with its reasons verbatim', () => {
    const divergent = input.scoring!.subdomains.find((x) => x.divergent)!;
    expect(text).toContain(squeeze(`${divergent.no}.${divergent.name}（极差`));
    expect(text).toContain('形式审查结论：通过');
    const chain = input.classification!.types.find((t) => t.name.includes('链主'))!;
    for (const reason of chain.reasons) expect(text).toContain(squeeze(reason));
  });

  it('quotes clause text from the catalog and shows experts only as 专家 A/B/C', () => {
    const first = input.comments[0];
    expect(text).toContain(squeeze(first.clause));
    expect(text).toContain('专家A');
    expect(text).toContain('专家C');
    for (const id of ['e-7f3a', 'e-1b22', 'e-c0d9']) expect(text).not.toContain(id);
    expect(text).toContain('未安排现场核查');
  });

  it('prints a decision and on-site findings when the owning contexts supply them', async () => {
    const decided = buildAssessmentReportInput({
      ...sampleReportSources({ basis: 'severity_adjusted' }),
      decision: {
        outcome: '认定为未来工厂',
        tierName: '未来工厂',
        reasons: ['评分达到通过线，无红线'],
        decidedAt: '2026-06-10',
      },
      onSite: {
        conclusion: '核查属实',
        date: '2026-06-01',
        findings: [{ clause: '1.新一代信息技术 a）', text: '现场查看平台运行记录' }],
      },
    });
    const { bytes } = await renderAssessmentReport(decided, ISSUER);
    const all = squeeze(extractPdfText(bytes).join(''));
    expect(all).toContain('认定决定：认定为未来工厂（未来工厂），2026年6月10日');
    expect(all).toContain('评分依据：宽严度校准后评分。');
    expect(all).toContain('核查结论：核查属实（2026年6月1日）');
    expect(all).toContain('现场查看平台运行记录');
    expect(all).not.toContain(NO_DECISION_YET);
  }, 60_000);

  it('stays well under a tenth of the font file', async () => {
    const { bytes } = await renderAssessmentReport(input, ISSUER);
    expect(bytes.length).toBeLessThan(statSync(cjkFontPath('regular')).size / 10);
  });
});
