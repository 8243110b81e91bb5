import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { renderAssessmentReport } from '../assessment-report';
import { cjkFonts } from '../pdf/fonts';
import { type EmbeddedFont, forgetSharedLayouts, shareLayouts } from '../pdf/shared-layout';
import { sampleReportInput } from '../testing/sample-report';

/** pdfkit's embedded font of a fresh document, in one weight, its layouts shared or its own. */
function embedded(weight: 'regular' | 'bold', shared: boolean): EmbeddedFont {
  const doc = new PDFDocument();
  doc.registerFont('face', cjkFonts()[weight] as never);
  doc.font('face');
  const font = (doc as unknown as { _font: EmbeddedFont & { layout(text: string): unknown } })._font;
  if (shared) shareLayouts(font);
  return font;
}

const layoutOf = (font: EmbeddedFont, text: string) => {
  const run = (
    font as unknown as { layout(t: string): { glyphs: Array<{ id: number }>; positions: unknown[] } }
  ).layout(text);
  return { ids: run.glyphs.map((g) => g.id), positions: run.positions, width: font.widthOfString(text, 9) };
};

describe('layouts shared across documents', () => {
  // The requirements text: Chinese with Latin, digits, full-width punctuation, Latin-led strings.
  const text = readFileSync(join(__dirname, '../../../rules/data/zj-future-factory-requirements.txt'), 'utf8');
  const strings = [...new Set(text.split(/\s+/).filter(Boolean))];

  it.each(['regular', 'bold'] as const)('gives the glyphs, positions and widths pdfkit computes (%s)', (weight) => {
    forgetSharedLayouts();
    const own = embedded(weight, false);
    const shared = embedded(weight, true);
    const again = embedded(weight, true); // a second document: everything from the caches
    expect(strings.length).toBeGreaterThan(300);
    for (const s of strings) {
      const expected = layoutOf(own, s);
      expect(layoutOf(shared, s)).toEqual(expected);
      expect(layoutOf(again, s)).toEqual(expected);
    }
  });

  it('renders the same report bytes with the caches empty and full', async () => {
    forgetSharedLayouts();
    const cold = await renderAssessmentReport(sampleReportInput(), '浙江省经济和信息化厅');
    const warm = await renderAssessmentReport(sampleReportInput(), '浙江省经济和信息化厅');
    expect(warm.bytes.equals(cold.bytes)).toBe(true);
  });
});
