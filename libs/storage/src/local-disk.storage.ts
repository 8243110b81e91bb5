import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open as openFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { notFound, payloadTooLarge, unsupportedMedia } from '@ff/core';
import { FileStorage, StoredFile } from './file-storage.port';
import { SNIFF_BYTES, SniffedType, sniffMediaType } from './media-type.sniffer';
import { StorageErrors } from './storage.errors';
import {
  ArchivePolicy,
  DEFAULT_ARCHIVE_POLICY,
  checkOfficeContainer,
  checkPlainArchive,
  isOfficeOpenXml,
} from './office-container';

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const TEMP_DIR = 'tmp';
/**
 * A temp file not written to for this long is abandoned whoever wrote it (a process on another
 * host, a name from an older version): a live upload or render writes more often than that.
 */
const ABANDONED_TEMP_MS = 3600 * 1000;
/** After a completed write, the temp directory is swept again at most this often. */
const SWEEP_EVERY_MS = 60 * 1000;
/** This host, as it appears in temp file names (the pid in a name means something on this host only). */
const HOST =
  hostname()
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 63) || 'host';
/** `<host>.<pid>.<uuid>.part`: who is writing it. */
const TEMP_NAME = /^([A-Za-z0-9-]+)\.(\d+)\.[0-9a-f-]{36}\.part$/;
/** Temp files this process is writing now (every storage instance of the process). */
const writing = new Set<string>();

export const UNSUPPORTED_MEDIA_MESSAGE = '不支持的文件类型：仅允许 PDF、PNG、JPEG、Word、Excel、PowerPoint 文件';

/**
 * Files on a local (or mounted shared) disk at `<root>/<ab>/<cd>/<sha256>`. Uploads stream into
 * `<root>/tmp` — same filesystem, so the final rename is atomic and a reader never sees half a file.
 * A temp file is named after the host and process writing it; one left by a process that died
 * (kill -9 mid-upload or mid-render) is removed at the next start of any process on that host,
 * and after completed writes (at most once a minute).
 */
export class LocalDiskStorage implements FileStorage {
  private readonly root: string;
  private sweptAt = 0;

  constructor(
    root: string,
    private readonly archivePolicy: ArchivePolicy = DEFAULT_ARCHIVE_POLICY,
  ) {
    this.root = resolve(root);
  }

  /** Creates the directories and sweeps temp files left by crashed uploads and renders. */
  static async create(root: string, archivePolicy?: ArchivePolicy): Promise<LocalDiskStorage> {
    const storage = new LocalDiskStorage(root, archivePolicy);
    await mkdir(storage.tempDir, { recursive: true });
    await storage.sweepStaleTemps();
    return storage;
  }

  async put(
    source: AsyncIterable<Buffer> | NodeJS.ReadableStream,
    opts: { maxBytes: number; accept?: 'evidence' | 'import' },
  ): Promise<StoredFile> {
    const { maxBytes } = opts;
    const sniff = opts.accept === 'import' ? sniffImportOrRefuse : sniffOrRefuse;
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer`);

    const tempPath = join(this.tempDir, `${HOST}.${process.pid}.${randomUUID()}.part`);
    writing.add(tempPath);
    const file = await mkdir(this.tempDir, { recursive: true })
      .then(() => openFile(tempPath, 'wx', 0o640))
      .catch((e: unknown) => {
        writing.delete(tempPath);
        throw diskError(e);
      });
    let closed = false;
    try {
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headBytes = 0;
      let size = 0;
      let type: SniffedType | null = null;

      for await (const raw of source as AsyncIterable<Buffer | Uint8Array | string>) {
        const chunk = typeof raw === 'string' ? Buffer.from(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
        size += chunk.length;
        // Leaving the loop by throwing destroys the source stream, so the client stops sending.
        if (size > maxBytes) throw payloadTooLarge(`上传文件超过大小限制（最大 ${formatLimit(maxBytes)}）`);
        if (!type) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= SNIFF_BYTES) {
            type = sniff(Buffer.concat(head));
            head.length = 0;
          }
        }
        hash.update(chunk);
        await writeFully(file, chunk);
      }
      type ??= sniff(Buffer.concat(head));

      // On disk before it is named: a crash after the rename must not leave a short file under a full hash.
      await file.sync();
      await file.close();
      closed = true;
      // The head named a kind of Office document; the whole file must now prove it is one.
      if (isOfficeOpenXml(type)) type = await checkOfficeContainer(tempPath, size, type, this.archivePolicy);
      else if (type === PLAIN_ZIP) await checkPlainArchive(tempPath, size, this.archivePolicy);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await isFile(target)) {
        // Same content stored before: the existing copy is identical by construction.
        await rm(tempPath, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await rename(tempPath, target);
      }
      writing.delete(tempPath);
      if (Date.now() - this.sweptAt > SWEEP_EVERY_MS) await this.sweepStaleTemps().catch(() => undefined);
      return { sha256, size, mediaType: type.mediaType, extension: type.extension };
    } catch (error) {
      if (!closed) await file.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      writing.delete(tempPath);
      throw diskError(error);
    }
  }

  async open(sha256: string): Promise<NodeJS.ReadableStream> {
    if (!SHA256_HEX.test(sha256)) throw notFound('文件');
    try {
      const handle = await openFile(this.pathOf(sha256.toLowerCase()), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('文件');
      throw error;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return SHA256_HEX.test(sha256) && isFile(this.pathOf(sha256.toLowerCase()));
  }

  private get tempDir(): string {
    return join(this.root, TEMP_DIR);
  }

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /**
   * Removes temp files whose writer is gone: on this host, a process no longer alive — or this
   * process's own pid on a file it is not writing (a restarted container is pid 1 again); anything
   * else once it has not been written to for an hour.
   */
  private async sweepStaleTemps(): Promise<void> {
    this.sweptAt = Date.now();
    for (const name of await readdir(this.tempDir)) {
      const path = join(this.tempDir, name);
      if (writing.has(path)) continue;
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      const [, host, pid] = TEMP_NAME.exec(name) ?? [];
      const orphan = host === HOST && (Number(pid) === process.pid || !isAlive(Number(pid)));
      if (orphan || this.sweptAt - info.mtimeMs > ABANDONED_TEMP_MS) await rm(path, { force: true });
    }
  }
}

/**
 * A write may be short without an error (a disk filling up takes what fits): write the rest until
 * it is all on disk, so the disk's own error (ENOSPC) surfaces instead of a truncated file.
 */
async function writeFully(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let at = 0; at < chunk.length;) {
    const { bytesWritten } = await file.write(chunk, at, chunk.length - at);
    if (bytesWritten === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    at += bytesWritten;
  }
}

/** A full or read-only disk, said plainly (the upload is then refused, nothing kept); anything else as it is. */
function diskError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return StorageErrors.raise('storage_full');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return StorageErrors.raise('storage_unavailable');
  return e;
}

const PLAIN_ZIP: SniffedType = { mediaType: 'application/zip', extension: 'zip' };
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The import path also takes a zip that is not an Office document (CSV files); bounded after upload. */
function sniffImportOrRefuse(head: Buffer): SniffedType {
  const type = sniffMediaType(head);
  if (type) return type;
  if (head.subarray(0, 4).equals(ZIP_LOCAL)) return PLAIN_ZIP;
  throw unsupportedMedia(UNSUPPORTED_MEDIA_MESSAGE);
}

function sniffOrRefuse(head: Buffer): SniffedType {
  const type = sniffMediaType(head);
  if (!type) throw unsupportedMedia(UNSUPPORTED_MEDIA_MESSAGE);
  return type;
}

/** Whether a process with this pid exists on this host (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ?? false;
}

/** `20 MB`, `1.5 MB`; small limits (tests, tight configs) in KB or bytes. */
export function formatLimit(maxBytes: number): string {
  if (maxBytes >= 1024 * 1024) return `${Number((maxBytes / (1024 * 1024)).toFixed(1))} MB`;
  if (maxBytes >= 1024) return `${Number((maxBytes / 1024).toFixed(1))} KB`;
  return `${maxBytes} B`;
}
