import type { FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

/** One entry as the central directory declares it; nothing here has been inflated. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

/** Why a zip cannot be read; the caller words it for the user. */
export class ZipFormatError extends Error {}

const UTF8_NAME_FLAG = 0x0800;

/**
 * Text whose encoding nothing declares, as Chinese Windows tools write it: UTF-8 when the bytes are
 * valid UTF-8, GB18030 (a superset of GBK) otherwise.
 */
export function decodeUtf8OrGb18030(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  if (bytesRead !== length) throw new ZipFormatError('文件不完整');
  return buf;
}

/**
 * The entries of the zip in `file` (of `size` bytes), read from its central directory at the end —
 * declared names and sizes only, so bounds can be checked before anything is inflated. ZIP64
 * archives are refused: no evidence file comes near 4 GB, so the marks only hide real sizes.
 */
export async function readZipDirectory(file: FileHandle, size: number, maxEntries: number): Promise<ZipEntry[]> {
  return (await readZipLayout(file, size, maxEntries)).entries;
}

/** The entries, as `readZipDirectory` reads them, and where the central directory starts (every entry's data ends before it). */
export async function readZipLayout(
  file: FileHandle,
  size: number,
  maxEntries: number,
): Promise<{ entries: ZipEntry[]; centralDirectoryOffset: number }> {
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('找不到压缩包目录（文件不完整或不是压缩包）');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === ZIP64_MARK || cdOffset === ZIP64_MARK)
    throw new ZipFormatError('不支持 ZIP64 格式');
  if (count > maxEntries) throw new ZipFormatError(`条目数 ${count} 超过上限 ${maxEntries}`);
  if (cdOffset + cdSize > size) throw new ZipFormatError('压缩包目录越界');
  const cd = await readAt(file, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('压缩包目录损坏');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      uncompressedSize: cd.readUInt32LE(at + 24),
      localHeaderOffset: cd.readUInt32LE(at + 42),
      // Bit 11 says UTF-8; without it the name is in the writer's code page — GBK from the zip tools
      // of Chinese Windows (Explorer's “send to compressed folder”, WinRAR, 360压缩, Bandizip by default).
      name:
        cd.readUInt16LE(at + 8) & UTF8_NAME_FLAG
          ? cd.toString('utf8', at + 46, at + 46 + nameLength)
          : decodeUtf8OrGb18030(cd.subarray(at + 46, at + 46 + nameLength)),
    };
    if ([entry.compressedSize, entry.uncompressedSize, entry.localHeaderOffset].includes(ZIP64_MARK))
      throw new ZipFormatError('不支持 ZIP64 格式');
    if (entry.localHeaderOffset + entry.compressedSize > cdOffset) throw new ZipFormatError('压缩包条目越界');
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, centralDirectoryOffset: cdOffset };
}

/** The content of one small entry, inflated to at most its declared size (stored or deflated only). */
export async function readZipEntry(file: FileHandle, entry: ZipEntry): Promise<Buffer> {
  const local = await readAt(file, entry.localHeaderOffset, 30);
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError(`条目 ${entry.name} 损坏`);
  const dataAt = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(file, dataAt, entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipFormatError(`条目 ${entry.name} 的压缩方式不受支持`);
  try {
    // maxOutputLength: a lying declared size cannot make this inflate more than it promised.
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
  } catch {
    throw new ZipFormatError(`条目 ${entry.name} 无法解压或大于其声明的大小`);
  }
}
