/** What a stored file is known as: its content hash, never the name the user gave it. */
export interface StoredFile {
  /** Lower-case hex sha256 of the content; the file's only identity. */
  sha256: string;
  size: number;
  /** Sniffed from the content, never taken from the client's name or Content-Type. */
  mediaType: string;
  extension: string;
}

/**
 * The storage port for evidence files and generated reports. Content-addressed: storing the same
 * bytes twice yields the same sha256 and one copy. Adapters: `LocalDiskStorage` (default).
 */
export interface FileStorage {
  /** Streams the content in, refusing it (and leaving nothing behind) when too large or of a disallowed type. */
  put(
    source: AsyncIterable<Buffer> | NodeJS.ReadableStream,
    opts: {
      maxBytes: number;
      /**
       * `evidence` (default): PDF, images, Office documents. `import`: those and a plain zip (the
       * CSV files of an application import) — bounded like an Office zip, its content not judged here.
       */
      accept?: 'evidence' | 'import';
    },
  ): Promise<StoredFile>;
  /** Throws `notFound('文件')` for a malformed or unknown sha256. */
  open(sha256: string): Promise<NodeJS.ReadableStream>;
  exists(sha256: string): Promise<boolean>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
