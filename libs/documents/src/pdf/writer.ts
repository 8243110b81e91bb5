import PDFDocument from 'pdfkit';
import { cjkFonts, codePointOf, hasCjkGlyph, MISSING_GLYPH_MARK, type Typeface } from './fonts';
import { type EmbeddedFont, shareLayouts } from './shared-layout';

export interface WriterOptions {
  typeface: Typeface;
  layout: 'portrait' | 'landscape';
  title: string;
  author: string;
  /** Written as the document's creation date: taken from the input, so the same input gives the same bytes. */
  creationDate: Date;
  margin: number;
}

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

const BORDER = '#9aa5b1';

const HEADER_FILL = '#e8eef5';

/**
 * pdfkit behind the few operations the documents need, with the typeface rule applied to every
 * string: in the CJK face, a character the font lacks becomes 〓 and is remembered (the document
 * lists them); in Helvetica (the benchmark's baseline) every non-ASCII character becomes one ASCII
 * letter of about the same width, so both renders lay out the same number of glyphs.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly missing = new Set<string>();
  private readonly faces: { regular: string; bold: string };

  constructor(private readonly opts: WriterOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: opts.layout,
      margin: opts.margin,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: opts.title,
        Author: opts.author,
        Creator: '未来工厂评审系统',
        CreationDate: opts.creationDate,
        ModDate: opts.creationDate,
      },
    });
    if (opts.typeface === 'cjk') {
      const fonts = cjkFonts();
      // A parsed fontkit font is a source pdfkit accepts (its typings list only paths and bytes).
      this.doc.registerFont('cjk-regular', fonts.regular as never);
      this.doc.registerFont('cjk-bold', fonts.bold as never);
      this.faces = { regular: 'cjk-regular', bold: 'cjk-bold' };
    } else {
      this.faces = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
    }
    this.font('regular', 10);
  }

  get width(): number {
    return this.doc.page.width;
  }
  get height(): number {
    return this.doc.page.height;
  }
  get left(): number {
    return this.doc.page.margins.left;
  }
  get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Characters the CJK font could not draw, in order of appearance. */
  missingGlyphs(): string[] {
    return [...this.missing];
  }

  /** The string as it will be set in this typeface. */
  t(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x7e || ch === '\n') out += ch;
      else if (this.opts.typeface === 'helvetica') out += cp < 0x3000 ? '-' : 'W';
      else if (hasCjkGlyph(cp)) out += ch;
      else {
        this.missing.add(ch);
        out += MISSING_GLYPH_MARK;
      }
    }
    return out;
  }

  font(weight: 'regular' | 'bold', size: number, color = '#1f2933'): this {
    this.doc.font(this.faces[weight]).fontSize(size).fillColor(color);
    // pdfkit's typings do not name the current font; a standard font (Helvetica) keeps its own.
    if (this.opts.typeface === 'cjk') shareLayouts((this.doc as unknown as { _font: EmbeddedFont })._font);
    return this;
  }

  text(text: string, x?: number, y?: number, options?: PDFKit.Mixins.TextOptions): this {
    if (x === undefined) this.doc.text(this.t(text), options);
    else this.doc.text(this.t(text), x, y, options);
    return this;
  }

  heightOf(text: string, width: number): number {
    return this.doc.heightOfString(this.t(text), { width });
  }

  /** Starts a new page unless `needed` points still fit on this one. */
  ensure(needed: number): void {
    if (this.doc.y + needed > this.bottom) this.doc.addPage();
  }

  heading(text: string, size = 13): this {
    this.ensure(size * 3);
    this.doc.moveDown(0.6);
    this.font('bold', size, '#102a43').text(text, this.left, this.doc.y, { width: this.contentWidth });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.contentWidth, y)
      .lineWidth(0.6)
      .strokeColor('#486581')
      .stroke();
    this.doc.y = y + 5;
    return this.font('regular', 10);
  }

  paragraph(text: string, size = 10, weight: 'regular' | 'bold' = 'regular'): this {
    this.font(weight, size);
    this.ensure(this.heightOf(text, this.contentWidth));
    this.text(text, this.left, this.doc.y, { width: this.contentWidth, lineGap: 2 });
    this.doc.moveDown(0.3);
    return this.font('regular', 10);
  }

  /** A table whose rows break across pages, the header repeated on each page. */
  table(columns: TableColumn[], rows: string[][], size = 9): this {
    const pad = 3;
    const x0 = this.left;
    const drawRow = (cells: string[], bold: boolean, fill?: string) => {
      this.font(bold ? 'bold' : 'regular', size);
      const h = Math.max(...cells.map((c, i) => this.heightOf(c, columns[i].width - 2 * pad))) + 2 * pad;
      let y = this.doc.y;
      if (y + h > this.bottom) {
        this.doc.addPage();
        y = this.doc.y;
        if (!bold) {
          drawRow(
            columns.map((c) => c.header),
            true,
            HEADER_FILL,
          );
          this.font('regular', size);
          y = this.doc.y;
        }
      }
      let x = x0;
      cells.forEach((cell, i) => {
        const w = columns[i].width;
        if (fill) this.doc.rect(x, y, w, h).fill(fill);
        this.doc.rect(x, y, w, h).lineWidth(0.4).strokeColor(BORDER).stroke();
        this.font(bold ? 'bold' : 'regular', size);
        this.text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i].align ?? 'left' });
        x += w;
      });
      this.doc.x = x0;
      this.doc.y = y + h;
    };
    this.ensure(size * 5);
    drawRow(
      columns.map((c) => c.header),
      true,
      HEADER_FILL,
    );
    for (const row of rows) drawRow(row, false);
    this.doc.moveDown(0.5);
    return this.font('regular', 10);
  }

  /** Writes `第 n 页 共 m 页` under every page, then ends the document and returns its bytes. */
  async finish(footer?: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    if (footer !== undefined) {
      const range = this.doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        this.doc.switchToPage(i);
        const bottomMargin = this.doc.page.margins.bottom;
        this.doc.page.margins.bottom = 0;
        this.font('regular', 8, '#7b8794');
        const line = `${footer}\u3000第 ${i + 1} 页 共 ${range.count} 页`;
        this.text(line, this.left, this.height - bottomMargin / 2 - 4, { width: this.contentWidth, align: 'center' });
        this.doc.page.margins.bottom = bottomMargin;
      }
    }
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }

  /** The note a document prints when a name held characters the font lacks. */
  missingGlyphNote(): string | null {
    const missing = this.missingGlyphs();
    if (!missing.length) return null;
    return `注：字库中没有以下字符的字形，文中以“${MISSING_GLYPH_MARK}”代替：${missing.map(codePointOf).join('、')}。`;
  }
}
