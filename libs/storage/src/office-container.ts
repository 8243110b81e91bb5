import { type FileHandle, open } from 'node:fs/promises';
import type { SniffedType } from './media-type.sniffer';
import { StorageErrors } from './storage.errors';
import { ZipFormatError, readZipDirectory, readZipEntry, type ZipEntry } from './zip-directory';

/** Bounds on an Office (OOXML) upload's zip, checked from its central directory before inflating anything. */
export interface ArchivePolicy {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, for any entry over 1 MiB uncompressed and for the whole file. */
  maxRatio: number;
  /** .docm / .xlsm / .pptm and any VBA project: refused unless the deployment allows them. */
  allowMacros: boolean;
}

export const DEFAULT_ARCHIVE_POLICY: ArchivePolicy = Object.freeze({
  maxEntries: 5000,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxRatio: 100,
  allowMacros: false,
});

const RATIO_FLOOR = 1024 * 1024;
const MAX_PART_BYTES = 1024 * 1024;
const OFFICE_DOCUMENT_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

interface Kind {
  label: string;
  main: string;
  macroMain: string;
  macroType: SniffedType;
}
/** For each OOXML type the sniffer names: the main part's content type, plain and macro-enabled. */
const KINDS: Record<string, Kind> = {
  docx: {
    label: 'Word 文档',
    main: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    macroMain: 'application/vnd.ms-word.document.macroenabled.main+xml',
    macroType: { mediaType: 'application/vnd.ms-word.document.macroEnabled.12', extension: 'docm' },
  },
  xlsx: {
    label: 'Excel 工作簿',
    main: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    macroMain: 'application/vnd.ms-excel.sheet.macroenabled.main+xml',
    macroType: { mediaType: 'application/vnd.ms-excel.sheet.macroEnabled.12', extension: 'xlsm' },
  },
  pptx: {
    label: 'PowerPoint 演示文稿',
    main: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    macroMain: 'application/vnd.ms-powerpoint.presentation.macroenabled.main+xml',
    macroType: { mediaType: 'application/vnd.ms-powerpoint.presentation.macroEnabled.12', extension: 'pptm' },
  },
};

export const isOfficeOpenXml = (type: SniffedType) => type.extension in KINDS;

const invalid = (reason: string) => StorageErrors.raise('office_structure_invalid', reason);
const outOfBounds = (reason: string) => StorageErrors.raise('archive_out_of_bounds', reason);
const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The elements named `tag` in a small XML part, each as its attributes. */
function elements(xml: string, tag: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const [element] of xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const [, name, dq, sq] of element.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[name] = dq ?? sq;
    out.push(attrs);
  }
  return out;
}

/** The entries of a zip within the policy's bounds (entries, total declared size, ratio), read before inflating anything. */
async function boundedEntries(file: FileHandle, size: number, policy: ArchivePolicy): Promise<ZipEntry[]> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(file, size, policy.maxEntries);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    throw /条目数/.test(e.message) ? outOfBounds(e.message) : invalid(e.message);
  }
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > policy.maxUncompressedBytes)
    throw outOfBounds(`解压后共 ${mib(total)}，超过上限 ${mib(policy.maxUncompressedBytes)}`);
  const bomb = entries.find(
    (e) => e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > policy.maxRatio * Math.max(e.compressedSize, 1),
  );
  if (bomb || (total > RATIO_FLOOR && total > policy.maxRatio * size))
    throw outOfBounds(`压缩比超过 ${policy.maxRatio}:1`);
  return entries;
}

/**
 * A plain zip (the import path's CSV files): only its bounds are checked, from the central
 * directory, before anything is inflated; what is inside is the importer's to judge.
 */
export async function checkPlainArchive(path: string, size: number, policy: ArchivePolicy): Promise<void> {
  const file = await open(path, 'r');
  try {
    await boundedEntries(file, size, policy);
  } finally {
    await file.close();
  }
}

/**
 * A zip with a `word/` entry is not yet a Word document. The file at `path`, sniffed as `sniffed`,
 * must be a bounded archive (entries, total size, ratio — from the central directory, before
 * inflating) holding `[Content_Types].xml` and `_rels/.rels`, whose officeDocument relationship
 * points at a main part present in the archive with the content type of that kind of document.
 * Returns the type to store; macro-enabled documents only when the policy allows them.
 */
export async function checkOfficeContainer(
  path: string,
  size: number,
  sniffed: SniffedType,
  policy: ArchivePolicy,
): Promise<SniffedType> {
  const kind = KINDS[sniffed.extension];
  const file = await open(path, 'r');
  try {
    const entries = await boundedEntries(file, size, policy);

    const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
    const part = async (name: string): Promise<string> => {
      const entry = byName.get(name.toLowerCase());
      if (!entry) throw invalid(`缺少 ${name}`);
      if (entry.uncompressedSize > MAX_PART_BYTES) throw invalid(`${name} 过大`);
      try {
        return (await readZipEntry(file, entry)).toString('utf8');
      } catch (e) {
        throw e instanceof ZipFormatError ? invalid(e.message) : e;
      }
    };
    const contentTypes = await part('[Content_Types].xml');
    const rels = await part('_rels/.rels');
    const target = elements(rels, 'Relationship').find((r) => r.Type === OFFICE_DOCUMENT_REL)?.Target;
    if (!target) throw invalid('_rels/.rels 未指明主文档部件');
    const mainName = target.replace(/^\//, '');
    if (!byName.has(mainName.toLowerCase())) throw invalid(`缺少主文档部件 ${mainName}`);
    const override = elements(contentTypes, 'Override').find(
      (o) => o.PartName?.replace(/^\//, '').toLowerCase() === mainName.toLowerCase(),
    );
    const mainType = override?.ContentType?.toLowerCase();
    const hasVba = entries.some((e) => /(^|\/)vbaproject\.bin$/i.test(e.name));

    if (mainType === kind.main && !hasVba) return sniffed;
    if (mainType === kind.main || mainType === kind.macroMain) {
      if (!policy.allowMacros) throw StorageErrors.raise('macro_not_allowed');
      return kind.macroType;
    }
    throw invalid(`主文档部件的类型不是${kind.label}`);
  } finally {
    await file.close();
  }
}
