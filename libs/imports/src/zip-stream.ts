import { type FileHandle, open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { ZipFormatError, type ZipEntry, readZipLayout } from '@ff/storage';

/** The parts exceljs' streaming reader must have read before a sheet to parse that sheet as it streams. */
const READ_BEFORE_SHEETS = /^xl\/(_rels\/workbook\.xml\.rels|workbook\.xml|sharedStrings\.xml|styles\.xml)$/;
const CHUNK = 64 * 1024;
/** Entries a workbook may have (the storage port's Office check bounds uploads the same way). */
export const MAX_WORKBOOK_ENTRIES = 5000;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/**
 * The zip at `path` as a stream of its own bytes, entry by entry, with the workbook part, its
 * relationships, the shared strings and the styles moved before every other entry (then the rest
 * in file order, then the central directory). Excel, WPS and exceljs' own writer store the shared
 * strings after the sheets; exceljs' streaming reader then copies each sheet to a temporary file
 * and parses it only at the end. In this order it parses each sheet as it is inflated: no
 * temporary files, and neither time nor memory grows with the sheet beyond the reader's own.
 * Each entry's bytes are passed through as stored (header, data, data descriptor), never inflated here.
 * A workbook with no shared strings at all (inline strings, as Java's POI streaming writer and
 * other generators write) is given an empty table, stored: without one the reader would park its
 * sheets too. (A cell of such a workbook pointing into the table it lacks then reads as empty.)
 */
export async function inReadingOrder(path: string, maxEntries: number): Promise<Readable> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const { entries, centralDirectoryOffset } = await readZipLayout(file, size, maxEntries);
    const starts = [...new Set(entries.map((e) => e.localHeaderOffset))].sort((a, b) => a - b);
    const early = new Set(entries.filter((e) => READ_BEFORE_SHEETS.test(e.name)).map((e) => e.localHeaderOffset));
    // An entry's bytes run to the next entry's header (its data descriptor included) or to the directory.
    const spans = starts.map((start, i) => ({ start, end: starts[i + 1] ?? centralDirectoryOffset }));
    const ordered: Span[] = [
      ...spans.filter((s) => early.has(s.start)),
      ...(entries.some((e) => e.name === SHARED_STRINGS) ? [] : [emptySharedStrings()]),
      ...spans.filter((s) => !early.has(s.start)),
      { start: centralDirectoryOffset, end: size },
    ];
    return Readable.from(readSpans(file, ordered), { objectMode: false });
  } catch (e) {
    await file.close();
    throw e;
  }
}

/** Bytes of the file from `start` to `end`, or bytes made here. */
type Span = { start: number; end: number } | Buffer;

/** A stored `xl/sharedStrings.xml` entry (local header and data) holding an empty table. */
function emptySharedStrings(): Buffer {
  const name = Buffer.from(SHARED_STRINGS);
  const data = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  );
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(10, 4); // version needed to extract: 1.0 (stored)
  header.writeUInt16LE(0x21, 12); // modified 1980-01-01 00:00; flags, method and time stay 0
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

async function* readSpans(file: FileHandle, spans: Span[]): AsyncGenerator<Buffer> {
  try {
    for (const span of spans) {
      if (Buffer.isBuffer(span)) {
        yield span;
        continue;
      }
      for (let at = span.start; at < span.end;) {
        const buffer = Buffer.allocUnsafe(Math.min(CHUNK, span.end - at));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
        // A file cut short since its directory was read: the stream ends, and the zip reader fails
        // on the entry it cut (an error here would not reach a reader the stream is piped into).
        if (!bytesRead) return;
        yield bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer;
        at += bytesRead;
      }
    }
  } finally {
    await file.close();
  }
}

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
