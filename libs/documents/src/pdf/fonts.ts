import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The typefaces documents are set in. `cjk` is Noto Sans SC (SIL Open Font License), shipped as
 * TrueType through npm by `@expo-google-fonts/noto-sans-sc`; pdfkit embeds only the glyphs a
 * document uses (a subset), so a report carries tens of kilobytes of a 10 MB font. `helvetica` is
 * the PDF standard font (nothing embedded, Latin only): the benchmark's baseline.
 */
export type Typeface = 'cjk' | 'helvetica';

const CJK_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let loaded: { regular: fontkit.Font; bold: fontkit.Font } | null = null;

/**
 * The two weights, read and parsed once per process. pdfkit takes a parsed fontkit font as well as
 * bytes; handing it the same parsed font every time keeps fontkit's per-font work (the glyph index,
 * its glyph cache) out of every document — each document still builds its own subset.
 */
export function cjkFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  loaded ??= {
    regular: fontkit.create(readFileSync(cjkFontPath('regular'))),
    bold: fontkit.create(readFileSync(cjkFontPath('bold'))),
  };
  return loaded;
}

export function cjkFontPath(weight: keyof typeof CJK_FILES): string {
  return require.resolve(CJK_FILES[weight]);
}

/**
 * Noto Sans SC covers GB 18030's common set (≈ 30,000 characters) but no package covers CJK
 * Extension B and beyond, where some rare characters of enterprise and personal names live. Such a
 * character is printed as 〓 (the typesetter's mark for a missing character) and the document lists
 * it by code point, so a reader knows which character the mark stands for.
 */
export const MISSING_GLYPH_MARK = '〓';

const glyphKnown = new Map<number, boolean>();

export function hasCjkGlyph(codePoint: number): boolean {
  let has = glyphKnown.get(codePoint);
  if (has === undefined) glyphKnown.set(codePoint, (has = cjkFonts().regular.hasGlyphForCodePoint(codePoint)));
  return has;
}

/** The characters of `text` the CJK font cannot draw, each once, in order of appearance. */
export function missingGlyphs(text: string): string[] {
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e && !hasCjkGlyph(cp)) out.add(ch);
  }
  return [...out];
}

export const codePointOf = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
