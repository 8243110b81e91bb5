import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '@ff/core';
import { formatLimit, LocalDiskStorage } from '../local-disk.storage';
import { SNIFF_BYTES } from '../media-type.sniffer';
import { declareUncompressed, officeZip, storedZip } from './zip-fixture';

const pdf = (body = 'hello 未来工厂') => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`);
const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every file under the root, temp directory included, relative to the root. */
async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ff-storage-'));
    storage = await LocalDiskStorage.create(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores a stream under its sha256 and opens it again byte for byte', async () => {
    const content = pdf();
    const stored = await storage.put(Readable.from([content.subarray(0, 5), content.subarray(5)]), { maxBytes: 1024 });

    expect(stored).toEqual({
      sha256: sha256(content),
      size: content.length,
      mediaType: 'application/pdf',
      extension: 'pdf',
    });
    expect(await filesUnder(root)).toEqual([join(stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256)]);
    expect(await storage.exists(stored.sha256)).toBe(true);
    expect(await readAll(await storage.open(stored.sha256))).toEqual(content);
    expect(await readAll(await storage.open(stored.sha256.toUpperCase()))).toEqual(content);
  });

  it('accepts an async iterable of buffers as well as a stream', async () => {
    async function* chunks() {
      yield Buffer.from('%PDF-');
      yield Buffer.from('1.4 generated report');
    }
    const stored = await storage.put(chunks(), { maxBytes: 1024 });
    expect(stored.sha256).toBe(sha256(Buffer.from('%PDF-1.4 generated report')));
  });

  it('stores the same content once: same sha256, one file on disk', async () => {
    const first = await storage.put(Readable.from([pdf()]), { maxBytes: 1024 });
    const second = await storage.put(Readable.from([pdf()]), { maxBytes: 1024 });

    expect(second).toEqual(first);
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const content = Buffer.concat([pdf(), Buffer.alloc(100)]);
    await expect(storage.put(Readable.from([content]), { maxBytes: content.length })).resolves.toMatchObject({
      size: content.length,
    });
  });

  it('aborts as soon as the size limit is passed mid-stream and leaves nothing behind', async () => {
    let chunksPulled = 0;
    let sourceClosed = false;
    async function* big() {
      try {
        yield pdf();
        for (let i = 0; i < 100; i++) {
          chunksPulled++;
          yield Buffer.alloc(16 * 1024, 1);
        }
      } finally {
        sourceClosed = true;
      }
    }

    const error = await caught(storage.put(big(), { maxBytes: 50 * 1024 }));

    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(error.message).toBe('上传文件超过大小限制（最大 50 KB）');
    expect(chunksPulled).toBeLessThan(5);
    expect(sourceClosed).toBe(true);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('states the limit in MB as configured', async () => {
    const source = Readable.from([pdf(), Buffer.alloc(21 * 1024 * 1024)]);
    const error = await caught(storage.put(source, { maxBytes: 20 * 1024 * 1024 }));
    expect(error.message).toBe('上传文件超过大小限制（最大 20 MB）');
    expect(await filesUnder(root)).toEqual([]);
  });

  it.each([
    [
      'an executable disguised as a PDF',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode', 'latin1'),
    ],
    ['an HTML page', Buffer.from('<!doctype html><script>document.cookie</script>')],
    ['a plain zip', storedZip([{ name: 'invoice.pdf.exe', data: Buffer.from('MZ') }])],
  ])('refuses %s and leaves nothing behind', async (_, content) => {
    const error = await caught(storage.put(Readable.from([content]), { maxBytes: 1024 }));

    expect(error).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    expect(error.message).toBe('不支持的文件类型：仅允许 PDF、PNG、JPEG、Word、Excel、PowerPoint 文件');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses a large disguised file once the head is read, without reading the rest', async () => {
    let chunksPulled = 0;
    async function* exe() {
      for (let i = 0; i < 1000; i++) {
        chunksPulled++;
        yield Buffer.alloc(16 * 1024, i === 0 ? 0x4d : 0);
      }
    }
    const error = await caught(storage.put(exe(), { maxBytes: 100 * 1024 * 1024 }));

    expect(error.status).toBe(415);
    expect(chunksPulled).toBe(SNIFF_BYTES / (16 * 1024));
    expect(await filesUnder(root)).toEqual([]);
  });

  it('accepts a Word document (a zip with a word/ entry) whatever it is called', async () => {
    const docx = officeZip('docx');
    const stored = await storage.put(Readable.from([docx]), { maxBytes: 1024 });

    expect(stored).toMatchObject({
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    });
    expect(await readAll(await storage.open(stored.sha256))).toEqual(docx);
  });

  it('removes the temp file when the source fails mid-stream', async () => {
    async function* broken() {
      yield pdf();
      throw new Error('client went away');
    }
    await expect(storage.put(broken(), { maxBytes: 1024 })).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it.each(['../../etc/passwd', 'abc', 'g'.repeat(64), `${'a'.repeat(64)}/x`, ''])(
    'answers not found for the malformed sha256 %p without touching the disk',
    async (bad) => {
      const error = await caught(storage.open(bad));
      expect(error).toMatchObject({ code: 'not_found', status: 404, message: '文件不存在或无权访问' });
      expect(await storage.exists(bad)).toBe(false);
    },
  );

  it('takes a plain zip on the import path only, bounded like an Office zip', async () => {
    const zip = storedZip([{ name: '自评.csv', data: Buffer.from('统一社会信用代码\n') }]);
    expect((await caught(storage.put(Readable.from([zip]), { maxBytes: 1024 }))).status).toBe(415);
    const stored = await storage.put(Readable.from([zip]), { maxBytes: 1024, accept: 'import' });
    expect(stored).toMatchObject({ mediaType: 'application/zip', extension: 'zip', sha256: sha256(zip) });
    const bomb = declareUncompressed(
      storedZip([{ name: 'declarations.csv', data: Buffer.alloc(4096, 0x20) }]),
      'declarations.csv',
      1024 * 1024 * 1024,
    );
    expect((await caught(storage.put(Readable.from([bomb]), { maxBytes: 8192, accept: 'import' }))).code).toBe(
      'archive_out_of_bounds',
    );
    expect(
      (await caught(storage.put(Readable.from([Buffer.from('a,b\n')]), { maxBytes: 1024, accept: 'import' }))).status,
    ).toBe(415);
  });

  it('answers not found for a well-formed but unknown sha256', async () => {
    const unknown = sha256(Buffer.from('never stored'));
    expect(await caught(storage.open(unknown))).toMatchObject({ code: 'not_found', status: 404 });
    expect(await storage.exists(unknown)).toBe(false);
  });

  it('sweeps unattributed temp files idle for an hour at start but keeps recent ones', async () => {
    const dir = join(root, 'sweep');
    await mkdir(join(dir, 'tmp'), { recursive: true });
    await writeFile(join(dir, 'tmp', 'old.part'), 'x');
    await writeFile(join(dir, 'tmp', 'recent.part'), 'y');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    await utimes(join(dir, 'tmp', 'old.part'), twoDaysAgo, twoDaysAgo);

    await LocalDiskStorage.create(dir);

    expect(await readdir(join(dir, 'tmp'))).toEqual(['recent.part']);
  });

  describe('temp files of a process that died', () => {
    const host =
      hostname()
        .replace(/[^A-Za-z0-9-]/g, '-')
        .slice(0, 63) || 'host';
    const uuid = '0b6f2c1e-6c36-4c4e-9d5a-6f1d2a9e8b7c';
    /** The pid of a process that has just exited (kill -9 mid-write leaves exactly this). */
    const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
    const tmp = (dir: string) => join(dir, 'tmp');

    it('sweeps a recent .part of a dead pid on this host at start, keeps live and foreign writers', async () => {
      const dir = join(root, 'pids');
      await mkdir(tmp(dir), { recursive: true });
      const dead = `${host}.${deadPid()}.${uuid}.part`;
      const live = `${host}.${process.ppid}.${uuid}.part`;
      const ownPid = `${host}.${process.pid}.${uuid}.part`; // an earlier process with this pid (pid 1 in a container)
      const foreign = `other-host.${deadPid()}.${uuid}.part`;
      const foreignOld = `other-host.1.${uuid.replace('0b', '1c')}.part`;
      for (const name of [dead, live, ownPid, foreign, foreignOld]) await writeFile(join(tmp(dir), name), 'x');
      const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
      await utimes(join(tmp(dir), foreignOld), twoHoursAgo, twoHoursAgo);

      await LocalDiskStorage.create(dir);

      expect((await readdir(tmp(dir))).sort()).toEqual([foreign, live].sort());
    });

    it('sweeps again after a completed write (at most once a minute)', async () => {
      const dir = join(root, 'after-write');
      const store = await LocalDiskStorage.create(dir);
      const dead = `${host}.${deadPid()}.${uuid}.part`;
      await writeFile(join(tmp(dir), dead), 'x');
      await store.put(Readable.from([pdf('one')]), { maxBytes: 1024 });
      expect(await readdir(tmp(dir))).toEqual([dead]); // swept at start a moment ago

      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
      try {
        await store.put(Readable.from([pdf('two')]), { maxBytes: 1024 });
      } finally {
        jest.restoreAllMocks();
      }
      expect(await readdir(tmp(dir))).toEqual([]);
    });

    it('never sweeps a temp file this process is still writing, whichever instance sweeps', async () => {
      const dir = join(root, 'busy');
      const store = await LocalDiskStorage.create(dir);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      async function* slow() {
        yield pdf('slow').subarray(0, 10);
        await gate;
        yield pdf('slow').subarray(10);
      }
      const writing = store.put(slow(), { maxBytes: 1024 });
      let names: string[] = [];
      for (let i = 0; i < 100 && names.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 5));
        names = await readdir(tmp(dir));
      }
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(new RegExp(`^${host}\\.${process.pid}\\.[0-9a-f-]{36}\\.part$`));

      await LocalDiskStorage.create(dir); // a second instance in this process starts and sweeps

      expect(await readdir(tmp(dir))).toEqual(names);
      release();
      expect((await writing).sha256).toBe(sha256(pdf('slow')));
      expect(await readdir(tmp(dir))).toEqual([]);
    });
  });

  it('creates its directories when they do not exist yet', async () => {
    const dir = join(root, 'a', 'b');
    const fresh = await LocalDiskStorage.create(dir);
    expect((await stat(join(dir, 'tmp'))).isDirectory()).toBe(true);
    const stored = await fresh.put(Readable.from([pdf('x')]), { maxBytes: 1024 });
    expect(await readFile(join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256))).toEqual(
      pdf('x'),
    );
  });
});

describe('formatLimit', () => {
  it.each([
    [20 * 1024 * 1024, '20 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [50 * 1024, '50 KB'],
    [500, '500 B'],
  ])('%d bytes → %s', (bytes, text) => expect(formatLimit(bytes)).toBe(text));
});
