/**
 * Decides a file's type from its first bytes, never from its name: a renamed .exe, an HTML or SVG
 * page (script in the browser) or a bare zip is refused, whatever it is called.
 */
export interface SniffedType {
  mediaType: string;
  extension: string;
}

/** How much of the head `put` buffers before deciding; enough to see the first entries of an OOXML zip. */
export const SNIFF_BYTES = 64 * 1024;

export const OLE2_MEDIA_TYPE = 'application/x-ole-storage';

const PDF: SniffedType = { mediaType: 'application/pdf', extension: 'pdf' };
const PNG: SniffedType = { mediaType: 'image/png', extension: 'png' };
const JPEG: SniffedType = { mediaType: 'image/jpeg', extension: 'jpg' };
const DOCX: SniffedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
const XLSX: SniffedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
};
const PPTX: SniffedType = {
  mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  extension: 'pptx',
};

/** Media types `put` accepts as evidence (legacy .doc/.xls/.ppt all sniff as OLE2 storage). */
export const ALLOWED_EVIDENCE_TYPES: readonly string[] = Object.freeze([
  PDF.mediaType,
  PNG.mediaType,
  JPEG.mediaType,
  DOCX.mediaType,
  XLSX.mediaType,
  PPTX.mediaType,
  OLE2_MEDIA_TYPE,
]);

const SIG_PDF = Buffer.from('%PDF-', 'latin1');
const SIG_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SIG_JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const SIG_ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SIG_OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const OOXML_PARTS: ReadonlyArray<[prefix: string, type: SniffedType]> = [
  ['word/', DOCX],
  ['xl/', XLSX],
  ['ppt/', PPTX],
];

// Stream names in the OLE2 directory (UTF-16LE); only visible when the directory lies in the head.
const OLE2_STREAMS: ReadonlyArray<[name: Buffer, extension: string]> = [
  [Buffer.from('WordDocument', 'utf16le'), 'doc'],
  [Buffer.from('Workbook', 'utf16le'), 'xls'],
  [Buffer.from('Book', 'utf16le'), 'xls'],
  [Buffer.from('PowerPoint Document', 'utf16le'), 'ppt'],
];

/** Returns the allowed type the head starts with, or null when the content is not an allowed evidence type. */
export function sniffMediaType(head: Buffer): SniffedType | null {
  if (startsWith(head, SIG_PDF)) return PDF;
  if (startsWith(head, SIG_PNG)) return PNG;
  if (startsWith(head, SIG_JPEG)) return JPEG;
  if (startsWith(head, SIG_ZIP_LOCAL)) return sniffOoxml(head);
  if (startsWith(head, SIG_OLE2)) return sniffOle2(head);
  return null;
}

function startsWith(buf: Buffer, sig: Buffer): boolean {
  return buf.length >= sig.length && buf.subarray(0, sig.length).equals(sig);
}

/**
 * Reads the entry names of the local file headers in the head. Every local header signature is
 * visited rather than walking by compressed size, because streaming zip writers (exceljs among them)
 * set the data-descriptor flag and leave the sizes at zero.
 */
function sniffOoxml(head: Buffer): SniffedType | null {
  for (let at = 0; at >= 0 && at + 30 <= head.length; at = head.indexOf(SIG_ZIP_LOCAL, at + 4)) {
    const nameLength = head.readUInt16LE(at + 26);
    if (nameLength === 0 || nameLength > 1024 || at + 30 + nameLength > head.length) continue;
    const name = head.toString('latin1', at + 30, at + 30 + nameLength);
    const part = OOXML_PARTS.find(([prefix]) => name.startsWith(prefix));
    if (part) return part[1];
  }
  return null;
}

function sniffOle2(head: Buffer): SniffedType {
  const stream = OLE2_STREAMS.find(([name]) => head.includes(name));
  // The directory of a large legacy document often lies beyond the head; the type is still OLE2.
  return { mediaType: OLE2_MEDIA_TYPE, extension: stream ? stream[1] : 'ole' };
}
