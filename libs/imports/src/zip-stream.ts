import type { FileHandle } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { ZipFormatError, type ZipEntry } from '@ff/storage';

/**
 * One stored or deflated entry of a zip as a stream, never more than a chunk of it in memory, and
 * never more bytes than the central directory declared (those were bounded on upload): a lying
 * entry ends in an error. The file handle stays open; the caller closes it.
 */
export async function entryStream(file: FileHandle, entry: ZipEntry): Promise<Readable> {
  const local = Buffer.alloc(30);
  await file.read(local, 0, 30, entry.localHeaderOffset);
  if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`条目 ${entry.name} 损坏`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`条目 ${entry.name} 的压缩方式不受支持`);
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = file.createReadStream({
    start,
    end: Math.max(start, start + entry.compressedSize - 1),
    autoClose: false,
  });
  let seen = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) done(new ZipFormatError(`条目 ${entry.name} 大于其声明的大小`));
      else done(null, chunk);
    },
  });
  if (entry.compressedSize === 0) {
    raw.destroy();
    bounded.end();
    return bounded;
  }
  const source: Readable = entry.method === 0 ? raw : raw.pipe(createInflateRaw());
  source.on('error', (e: Error) =>
    bounded.destroy(e instanceof ZipFormatError ? e : new ZipFormatError(`条目 ${entry.name} 无法解压`)),
  );
  return source.pipe(bounded);
}
