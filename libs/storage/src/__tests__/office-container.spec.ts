import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '@ff/core';
import { LocalDiskStorage } from '../local-disk.storage';
import { DEFAULT_ARCHIVE_POLICY } from '../office-container';
import { declareUncompressed, officeZip, storedZip } from './zip-fixture';

/** Office uploads through the storage port: a zip must prove it is the document it claims to be. */
describe('Office documents (OOXML) in storage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  const put = (buf: Buffer, s = storage) => s.put(Readable.from([buf]), { maxBytes: 1024 * 1024 });
  const refused = async (buf: Buffer, s = storage): Promise<AppError> => {
    const e = await put(buf, s).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    // Nothing stays behind: no stored copy, no temp file.
    expect((await readdir(root, { recursive: true, withFileTypes: true })).filter((f) => f.isFile())).toEqual([]);
    return e as AppError;
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ff-ooxml-'));
    storage = await LocalDiskStorage.create(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it.each(['docx', 'xlsx', 'pptx'] as const)('accepts a well-formed %s', async (kind) => {
    expect(await put(officeZip(kind))).toMatchObject({ extension: kind });
  });

  it('refuses a zip with a word/ entry but no [Content_Types].xml', async () => {
    const zip = storedZip([{ name: 'word/document.xml', data: Buffer.from('<x/>') }]);
    expect(await refused(zip)).toMatchObject({
      code: 'office_structure_invalid',
      status: 415,
      message: '文件不是有效的 Office 文档：缺少 [Content_Types].xml',
    });
  });

  it('refuses a package without its relationships or its main part', async () => {
    expect((await refused(officeZip('docx', { omit: ['_rels/.rels'] }))).message).toContain('缺少 _rels/.rels');
    const noMain = officeZip('docx', {
      omit: ['word/document.xml'],
      extra: [{ name: 'word/styles.xml', data: Buffer.from('<styles/>') }],
    });
    expect((await refused(noMain)).message).toContain('缺少主文档部件 word/document.xml');
  });

  it('refuses a main part of another kind than the entries suggest', async () => {
    const zip = officeZip('docx', {
      mainType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    });
    expect(await refused(zip)).toMatchObject({
      code: 'office_structure_invalid',
      message: expect.stringContaining('Word'),
    });
  });

  it('refuses a zip cut short (no central directory)', async () => {
    const zip = officeZip('docx');
    expect((await refused(zip.subarray(0, zip.length - 30))).code).toBe('office_structure_invalid');
  });

  it('refuses macro-enabled documents and VBA projects, unless the policy allows them', async () => {
    const docm = officeZip('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' });
    const vba = officeZip('xlsx', { extra: [{ name: 'xl/vbaProject.bin', data: Buffer.from('VBA') }] });
    for (const zip of [docm, vba]) expect(await refused(zip)).toMatchObject({ code: 'macro_not_allowed', status: 415 });
    const lenient = await LocalDiskStorage.create(root, { ...DEFAULT_ARCHIVE_POLICY, allowMacros: true });
    expect(await put(docm, lenient)).toMatchObject({ extension: 'docm' });
    expect(await put(vba, lenient)).toMatchObject({ extension: 'xlsm' });
  });

  it('refuses, from the central directory alone, archives out of bounds', async () => {
    const small = (over: Partial<typeof DEFAULT_ARCHIVE_POLICY>) =>
      LocalDiskStorage.create(root, { ...DEFAULT_ARCHIVE_POLICY, ...over });
    // A declared 2 GB part in a file of a few hundred bytes: never inflated, refused by its promise.
    const bomb = declareUncompressed(officeZip('docx'), 'word/document.xml', 2 ** 31);
    expect(await refused(bomb)).toMatchObject({ code: 'archive_out_of_bounds', status: 413 });
    const ratio = declareUncompressed(officeZip('docx'), 'word/document.xml', 5 * 1024 * 1024);
    expect((await refused(ratio)).message).toContain('压缩比');
    const many = officeZip('docx', {
      extra: Array.from({ length: 20 }, (_, i) => ({ name: `word/media/${i}.png`, data: Buffer.from('x') })),
    });
    expect((await refused(many, await small({ maxEntries: 10 }))).message).toContain('条目数');
  });
});
