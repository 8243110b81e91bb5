import type * as fontkit from 'fontkit';

/** A laid-out run as pdfkit keeps it: positions already scaled to 1000 units per em. */
interface Run {
  glyphs: fontkit.Glyph[];
  positions: Array<Record<string, number>>;
  advanceWidth: number;
}

/** The parts of pdfkit's embedded font (one per document and face) the shared caches replace. */
export interface EmbeddedFont {
  name: string;
  font: fontkit.Font;
  scale: number;
  widthOfString(text: string, size: number, features?: unknown): number;
  layoutRun(text: string, features?: unknown): Run;
}

/** Longer strings (a hash, a long Latin word, a line without ideographs) are laid out as before, not kept. */
const MAX_KEPT = 16;
/** Entries per face and cache before it starts over: the characters of a few thousand reports. */
const MAX_ENTRIES = 20_000;

const widthsByFace = new Map<string, Map<string, number>>();
const runsByFace = new Map<string, Map<string, Run>>();
const shared = new WeakSet<object>();

function cacheOf<T>(caches: Map<string, Map<string, T>>, face: string): Map<string, T> {
  let cache = caches.get(face);
  if (!cache) caches.set(face, (cache = new Map()));
  return cache;
}

function keep<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
}

const isIdeograph = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** The first character whose script is not Common, Inherited or Unknown — the one fontkit picks the script by. */
const STRONG = /[^\p{sc=Zyyy}\p{sc=Zinh}\p{sc=Zzzz}]/u;

/**
 * The OpenType script fontkit would choose for `text` (its first character of a definite script),
 * `undefined` when there is none (fontkit then chooses the same for any part of it), `null` for a
 * script other than Han and Latin (laid out whole, as before).
 */
function scriptOf(text: string): string | undefined | null {
  const strong = STRONG.exec(text)?.[0];
  if (strong === undefined) return undefined;
  if (/\p{sc=Han}/u.test(strong)) return 'hani';
  if (/\p{sc=Latn}/u.test(strong)) return 'latn';
  return null;
}

/** `text` cut between every two adjacent ideographs: `评分依据：宽严` → 评 | 分 | 依 | 据：宽 | 严. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    if (isIdeograph(text.charCodeAt(i - 1)) && isIdeograph(text.charCodeAt(i))) {
      out.push(text.slice(start, i));
      start = i;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * Shares pdfkit's measuring and shaping of Chinese text across the documents of a process.
 *
 * pdfkit's line wrapper measures every fragment between two break opportunities — in Chinese,
 * each character — and writes each line as one string; fontkit lays out (cmap, GSUB, GPOS) every
 * fragment and every line new to the document. Here:
 * - the width of a short fragment is kept per face (at 1000 pt, the unit pdfkit measures in) and
 *   scaled as pdfkit scales it;
 * - a string is laid out in pieces cut between two adjacent ideographs — no lookup of Noto Sans SC
 *   joins two ideographs — under the script fontkit would have chosen for the whole string (a
 *   Latin-led string sets its digits differently), and each short piece's run is kept per face.
 * The widths, the glyphs and their positions are the ones pdfkit computed before (the same lines,
 * the same bytes); the caches hold characters and short words, never a document's lines.
 */
export function shareLayouts(font: EmbeddedFont): void {
  if (shared.has(font)) return;
  shared.add(font);
  const widths = cacheOf(widthsByFace, font.name);
  const runs = cacheOf(runsByFace, font.name);
  const measure = font.widthOfString.bind(font);
  const layoutRun = font.layoutRun.bind(font);

  font.widthOfString = (text, size, features) => {
    if (features !== undefined || text.length > MAX_KEPT) return measure(text, size, features);
    const width = widths.get(text) ?? keep(widths, text, measure(text, 1000));
    return width * (size / 1000);
  };

  const layoutPiece = (piece: string, script: string | undefined): Run => {
    const run = font.font.layout(piece, undefined, script);
    const positions = run.positions as unknown as Array<Record<string, number>>;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i];
      for (const key in position) position[key] *= font.scale;
      position.advanceWidth = run.glyphs[i].advanceWidth * font.scale;
    }
    return { glyphs: run.glyphs, positions, advanceWidth: 0 };
  };

  font.layoutRun = (text, features) => {
    const script = features === undefined ? scriptOf(text) : null;
    if (script === null) return layoutRun(text, features);
    const glyphs: fontkit.Glyph[] = [];
    const positions: Run['positions'] = [];
    for (const piece of pieces(text)) {
      const key = `${script ?? ''}|${piece}`;
      const run =
        piece.length > MAX_KEPT
          ? layoutPiece(piece, script)
          : (runs.get(key) ?? keep(runs, key, layoutPiece(piece, script)));
      for (let i = 0; i < run.glyphs.length; i++) {
        glyphs.push(run.glyphs[i]);
        positions.push(run.positions[i]);
      }
    }
    // Summed in order, as fontkit's GlyphRun sums them.
    let advanceWidth = 0;
    for (const position of positions) advanceWidth += position.xAdvance;
    return { glyphs, positions, advanceWidth };
  };
}

/** Empties the shared caches (the benchmark's cold figure: a report whose every character is new to the process). */
export function forgetSharedLayouts(): void {
  for (const cache of [...widthsByFace.values(), ...runsByFace.values()]) cache.clear();
}
