import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '@ff/core';
import { type FileStorage, type StoredFile, ZipFormatError, type ZipEntry, readZipDirectory } from '@ff/storage';
import { ImportFailure } from './import-parser';
import { entryStream } from './zip-stream';

/** At most this many entries in an evidence zip (its bounds were checked on upload). */
export const MAX_EVIDENCE_ENTRIES = 5000;

/** An evidence file named in the 自评 sheet, found in the zip and accepted by the storage port. */
export interface ImportedEvidenceFile extends StoredFile {
  name: string;
}

/** The name a cell gives a file, or an entry's last path segment: NFC, trimmed. */
export const evidenceKey = (name: string) => name.normalize('NFC').trim();

/**
 * The evidence zip, opened: its files by name (the last path segment; folders are only for
 * the sender's order). Refused as a whole, with the reason: an entry name with a parent-directory
 * step or an absolute path, and two files of the same name (which one would a cell mean?).
 */
export class EvidenceArchive {
  private constructor(
    private readonly file: FileHandle,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string, size: number): Promise<EvidenceArchive> {
    const file = await open(path, 'r');
    try {
      const all = await readZipDirectory(file, size, MAX_EVIDENCE_ENTRIES).catch((e: unknown) => {
        throw e instanceof ZipFormatError ? new ImportFailure(`佐证材料压缩包无法读取：${e.message}`) : e;
      });
      const entries = new Map<string, ZipEntry>();
      for (const e of all) {
        const segments = e.name.split(/[/\\]/);
        if (/^([/\\]|[a-z]:)/i.test(e.name) || segments.includes('..'))
          throw new ImportFailure(
            `佐证材料压缩包中的“${e.name.slice(0, 80)}”含有上级目录（..）或绝对路径，请只打包文件本身后重新上传`,
          );
        if (e.name.endsWith('/') || e.name.endsWith('\\')) continue;
        const key = evidenceKey(segments[segments.length - 1]);
        if (!key) continue;
        if (entries.has(key))
          throw new ImportFailure(
            `佐证材料压缩包中有两个名为“${key.slice(0, 80)}”的文件（${entries.get(key)!.name.slice(0, 80)}、${e.name.slice(0, 80)}），文件名须唯一`,
          );
        entries.set(key, e);
      }
      return new EvidenceArchive(file, entries);
    } catch (e) {
      await file.close();
      throw e;
    }
  }

  has(name: string): boolean {
    return this.entries.has(evidenceKey(name));
  }

  /**
   * The named file through the storage port's evidence checks (type sniffed from the content,
   * size, Office structure and macros), stored content-addressed; or the port's reason for refusing it.
   */
  async store(
    storage: FileStorage,
    name: string,
    maxBytes: number,
  ): Promise<{ ok: true; file: ImportedEvidenceFile } | { ok: false; reason: string }> {
    const entry = this.entries.get(evidenceKey(name))!;
    try {
      const stored = await storage.put(await entryStream(this.file, entry), { maxBytes, accept: 'evidence' });
      return { ok: true, file: { ...stored, name: evidenceKey(name) } };
    } catch (e) {
      if (e instanceof AppError || e instanceof ZipFormatError) return { ok: false, reason: e.message };
      throw e;
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
