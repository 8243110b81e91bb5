import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { officeZip, storedZip } from '../libs/storage/src/__tests__/zip-fixture';
import { enterpriseUser, openBatch, uniquePdf } from './support/fixtures';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/** A PDF of `size` bytes whose content is new (so whether it was stored can be told). */
const pdfOf = (size: number) => {
  const head = uniquePdf();
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
};

/**
 * Evidence uploads say what they are and leave nothing half-done: Office structure, one file per
 * request, a multipart body cut short, file names under the text policy, the per-application
 * quota, and a full or read-only evidence disk — each refused with its code, no record, no file.
 */
describe('evidence uploads', () => {
  let t: TestApp;
  let ds: DataSource;
  let owner: TestUser;
  let appId: string;
  const url = () => `/api/v1/applications/${appId}/evidence`;
  const upload = (bytes: Buffer, filename = '佐证.pdf', contentType = 'application/pdf') =>
    t.http().post(url()).set(bearer(owner)).attach('file', bytes, { filename, contentType });
  const rows = async () =>
    Number((await ds.query(`SELECT count(*) AS n FROM evidence_files WHERE application_id = $1`, [appId]))[0].n);
  const stored = (bytes: Buffer) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    return existsSync(join(t.config.storageDir, sha.slice(0, 2), sha.slice(2, 4), sha));
  };
  const temps = () => readdirSync(join(t.config.storageDir, 'tmp'));
  /** Refused with `status`/`code`, no new row, the bytes not stored, no temp file left. */
  const expectRefusedCleanly = async (
    res: { status: number; body: { code: string; message: string } },
    status: number,
    code: string,
    before: number,
    bytes?: Buffer,
  ) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await rows()).toBe(before);
    if (bytes) expect(stored(bytes)).toBe(false);
    expect(temps()).toEqual([]);
  };

  beforeAll(async () => {
    t = await startTestApp({ EVIDENCE_MAX_FILES: '4', EVIDENCE_MAX_TOTAL_BYTES: '16384' });
    ds = t.app.get(DataSource);
    const official = await createUser(t, 'official', { regionCode: '330000' });
    const batch = await openBatch(t, official);
    owner = (await enterpriseUser(t)).user;
    const res = await t
      .http()
      .post('/api/v1/applications')
      .set(bearer(owner))
      .send({ batchId: batch.id, tier: 'workshop' })
      .expect(201);
    appId = res.body.id;
  });
  afterAll(() => t.close());

  it('accepts a well-formed Word document and refuses a zip that only has a word/ entry', async () => {
    const docx = officeZip('docx');
    const ok = await upload(docx, '自评报告.docx', 'application/octet-stream').expect(201);
    expect(ok.body).toMatchObject({ name: '自评报告.docx', mediaType: expect.stringContaining('wordprocessingml') });
    const before = await rows();
    const fake = storedZip([{ name: 'word/document.xml', data: Buffer.from('<x/>') }]);
    await expectRefusedCleanly(await upload(fake, '伪装.docx'), 415, 'office_structure_invalid', before, fake);
    const docm = officeZip('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' });
    await expectRefusedCleanly(await upload(docm, '宏.docm'), 415, 'macro_not_allowed', before, docm);
  });

  it('refuses two files in one request with 413 too_many_files, keeping neither', async () => {
    const [a, b] = [pdfOf(300), pdfOf(300)];
    const before = await rows();
    const res = await t
      .http()
      .post(url())
      .set(bearer(owner))
      .attach('file', a, { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('file', b, { filename: 'b.pdf', contentType: 'application/pdf' });
    await expectRefusedCleanly(res, 413, 'too_many_files', before, a);
    expect(stored(b)).toBe(false);
  });

  it('refuses a multipart body cut short with 400 multipart_malformed', async () => {
    const pdf = pdfOf(400);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'),
      Buffer.from('Content-Type: application/pdf\r\n\r\n'),
      pdf,
    ]);
    const before = await rows();
    const res = await t
      .http()
      .post(url())
      .set(bearer(owner))
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send(body);
    await expectRefusedCleanly(res, 400, 'multipart_malformed', before, pdf);
  });

  it.each([
    ['a right-to-left override', '报告\u202efdp.exe', 'text_bidi_control'],
    ['a NUL', 'a\u0000.pdf', 'text_control_character'],
  ])('refuses a file name with %s', async (_, filename, code) => {
    const pdf = pdfOf(200);
    const before = await rows();
    await expectRefusedCleanly(await upload(pdf, filename), 400, code, before, pdf);
  });

  it('holds the per-application quota: total bytes, then the number of files', async () => {
    // 4 files and 16 KB per application in this app's configuration; one Word document is in.
    await upload(pdfOf(9000)).expect(201);
    const before = await rows();
    const tooBig = pdfOf(8000);
    const res = await upload(tooBig);
    await expectRefusedCleanly(res, 409, 'evidence_quota_exceeded', before);
    expect(res.body.message).toContain('文件总大小');
    await upload(pdfOf(300)).expect(201);
    await upload(pdfOf(300)).expect(201);
    const full = await upload(pdfOf(300));
    await expectRefusedCleanly(full, 409, 'evidence_quota_exceeded', before + 2);
    expect(full.body.message).toContain('最多 4 个文件');
  });
});

/** A full or read-only evidence disk, on a tiny tmpfs mounted over the storage directory (needs root, as CI runs). */
describe('evidence disk full or read-only', () => {
  let t: TestApp;
  let ds: DataSource;
  let owner: TestUser;
  let appId: string;
  let mounted = false;
  const sh = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' });

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    const official = await createUser(t, 'official', { regionCode: '330000' });
    const batch = await openBatch(t, official);
    owner = (await enterpriseUser(t)).user;
    appId = (
      await t
        .http()
        .post('/api/v1/applications')
        .set(bearer(owner))
        .send({ batchId: batch.id, tier: 'workshop' })
        .expect(201)
    ).body.id;
    sh('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', t.config.storageDir);
    mounted = true;
  });
  afterAll(async () => {
    if (mounted) sh('umount', t.config.storageDir);
    await t.close();
  });

  const expectRefusal = async (status: number, code: string) => {
    const pdf = pdfOf(32 * 1024);
    const res = await t
      .http()
      .post(`/api/v1/applications/${appId}/evidence`)
      .set(bearer(owner))
      .attach('file', pdf, { filename: 'a.pdf', contentType: 'application/pdf' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.message).toContain('文件未保存');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM evidence_files WHERE application_id = $1`, [appId]);
    expect(n).toBe(0);
    const files = readdirSync(t.config.storageDir, { recursive: true, withFileTypes: true }).filter(
      (f) => f.isFile() && f.name !== 'filler',
    );
    expect(files).toEqual([]);
  };

  it('a full disk: 507 storage_full, no record, no partial file', async () => {
    writeFileSync(join(t.config.storageDir, 'filler'), Buffer.alloc(48 * 1024));
    await expectRefusal(507, 'storage_full');
  });

  it('a read-only disk: 503 storage_unavailable, no record, no file', async () => {
    sh('mount', '-o', 'remount,ro', t.config.storageDir);
    await expectRefusal(503, 'storage_unavailable');
  });
});
