import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { clausesFor, getRuleSet } from '@ff/rules';
import { PDF, openBatch, uniqueCreditCode, uniquePdf } from './support/fixtures';
import {
  type ImportBody,
  domainFingerprint,
  importTemplate,
  openWithPopulate,
  uploadImport,
  waitForImport,
} from './support/imports';
import { bearer, binaryBody, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/**
 * The evidence zip of an import: the files the 自评 sheet names, matched by name, checked as any
 * evidence upload is, and attached to the application and the clause at commit.
 */
describe('Excel import: evidence files in a zip, referenced by name', () => {
  let t: TestApp;
  let official: TestUser;
  let xihu: TestUser;
  let ningbo: TestUser;
  let batch: { id: string; code: string };
  const mandatory = clausesFor(getRuleSet(), 'workshop', 'discrete').filter((c) => c.clause.obligation === 'mandatory');

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
    xihu = await createUser(t, 'recommender', { regionCode: '330106' });
    ningbo = await createUser(t, 'recommender', { regionCode: '330200' });
    batch = await openBatch(t, official);
  });
  afterAll(() => t?.close());

  /** A filled template: one enterprise, every mandatory clause `status`; `names[i]` in row i's 佐证材料文件名. */
  const workbook = async (code: string, names: Record<number, string>, status = '满足') => {
    const wb = await openWithPopulate(await importTemplate(t, official, batch.id));
    [code, '佐证材料导入测试有限公司', '西湖区', '离散行业', '省级数字化车间'].forEach((v, i) =>
      wb
        .sheet('企业信息')!
        .cell(`${String.fromCharCode(65 + i)}2`)
        .value(v),
    );
    const self = wb.sheet('自评')!;
    mandatory.forEach(({ clause }, i) => {
      self.cell(`A${i + 2}`).value(code);
      self.cell(`B${i + 2}`).value(clause.id);
      self.cell(`D${i + 2}`).value(status);
      if (names[i]) self.cell(`F${i + 2}`).value(names[i]);
    });
    return wb.outputAsync();
  };
  const zipOf = (files: Record<string, Buffer | string>) => {
    const zip = new JSZip();
    for (const [name, data] of Object.entries(files)) zip.file(name, data, { createFolders: false });
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };
  const attach = (user: TestUser, id: string, zip: Buffer) =>
    t
      .http()
      .post(`/api/v1/imports/${id}/evidence`)
      .set(bearer(user))
      .attach('file', zip, { filename: '佐证材料.zip', contentType: 'application/zip' });
  const dryRun = async (user: TestUser, file: Buffer) =>
    waitForImport(t, user, (await uploadImport(t, user, batch.id, file).expect(201)).body.id);

  it('matches each name to a file in the zip, checks it as evidence, and attaches it to the application and the clause at commit', async () => {
    const code = uniqueCreditCode();
    const [a, b] = [uniquePdf(), uniquePdf()];
    const file = await workbook(code, { 0: '车间照片.pdf', 1: '车间照片.pdf、验收报告.pdf' });
    const dry = await dryRun(xihu, file);
    expect(dry.warnings.map((w) => w.code)).toContain('evidence_not_linked');

    // Folders inside the zip do not matter; a file nobody names is left alone.
    const attached = await attach(
      xihu,
      dry.id,
      await zipOf({ '材料/车间照片.pdf': a, '验收报告.pdf': b, '其他.pdf': PDF }),
    );
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ status: 'queued', evidenceFileName: '佐证材料.zip' });
    const again = await waitForImport(t, xihu, dry.id);
    expect({ status: again.status, errors: again.errors }).toEqual({ status: 'validated', errors: [] });
    expect(again.warnings.map((w) => w.code)).not.toContain('evidence_not_linked');
    expect(again.preview).toMatchObject({ evidenceAttached: 2 });

    const committed = await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(xihu)).expect(200);
    expect(committed.body.result).toMatchObject({ applicationsCreated: 1, evidenceAttached: 2 });
    const list = await t.http().get(`/api/v1/applications?q=${code}`).set(bearer(xihu)).expect(200);
    const appId = list.body.items[0].id;
    const evidence = await t.http().get(`/api/v1/applications/${appId}/evidence`).set(bearer(xihu)).expect(200);
    const byName = new Map<string, { id: string; mediaType: string }>(
      evidence.body.map((e: { name: string; id: string; mediaType: string }) => [e.name, e]),
    );
    expect([...byName.keys()].sort()).toEqual(['车间照片.pdf', '验收报告.pdf'].sort());
    expect(byName.get('车间照片.pdf')!.mediaType).toBe('application/pdf');
    const form = await t.http().get(`/api/v1/applications/${appId}/self-assessment`).set(bearer(xihu)).expect(200);
    const cited = (i: number) =>
      form.body.clauses.find((c: { clauseId: string }) => c.clauseId === mandatory[i].clause.id).declaration
        .evidenceIds as string[];
    expect(cited(0)).toEqual([byName.get('车间照片.pdf')!.id]);
    expect(cited(1).sort()).toEqual([byName.get('车间照片.pdf')!.id, byName.get('验收报告.pdf')!.id].sort());
    const content = await t
      .http()
      .get(`/api/v1/applications/${appId}/evidence/${byName.get('验收报告.pdf')!.id}/content`)
      .set(bearer(xihu))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(Buffer.compare(content.body as Buffer, b)).toBe(0);

    // Content-addressed and idempotent: the same workbook and zip again, as a new import, attach nothing new.
    const before = await domainFingerprint(t);
    const second = await dryRun(official, await workbook(code, { 0: '车间照片.pdf', 1: '车间照片.pdf、验收报告.pdf' }));
    await attach(official, second.id, await zipOf({ '车间照片.pdf': a, '验收报告.pdf': b })).expect(200);
    const redo = await waitForImport(t, official, second.id);
    expect(redo.errors).toEqual([]);
    expect(redo.preview).toMatchObject({ applicationsToUpdate: 1 });
    const replay = await t.http().post(`/api/v1/imports/${second.id}/commit`).set(bearer(official)).expect(200);
    expect(replay.body.result).toMatchObject({ applicationsUpdated: 0, evidenceAttached: 0 });
    const after = await domainFingerprint(t);
    expect({ ...after, audit_events: before.audit_events }).toEqual(before);
  });

  it('keys a commit on the workbook and the zip: the same pair again changes nothing, another zip commits', async () => {
    const code = uniqueCreditCode();
    const file = await workbook(code, { 0: '车间照片.pdf' });
    const [a, b] = [uniquePdf(), uniquePdf()];
    const importWith = async (zip: Buffer) => {
      const dry = await dryRun(official, file);
      await attach(official, dry.id, zip).expect(200);
      expect((await waitForImport(t, official, dry.id)).errors).toEqual([]);
      return dry.id;
    };
    const zipA = await zipOf({ '车间照片.pdf': a });
    const first = await importWith(zipA);
    await t.http().post(`/api/v1/imports/${first}/commit`).set(bearer(official)).expect(200);

    // The same workbook and the same zip, as a new import: answered by the first, nothing written.
    const before = await domainFingerprint(t);
    const same = await importWith(zipA);
    const replay = await t.http().post(`/api/v1/imports/${same}/commit`).set(bearer(official)).expect(200);
    expect(replay.body.id).toBe(first);
    expect(await domainFingerprint(t)).toEqual(before);

    // The same workbook with another zip: a new import, committed, the new file cited.
    const other = await importWith(await zipOf({ '车间照片.pdf': b }));
    const done = await t.http().post(`/api/v1/imports/${other}/commit`).set(bearer(official)).expect(200);
    expect(done.body).toMatchObject({ id: other, status: 'committed' });
    expect(done.body.result).toMatchObject({ applicationsUpdated: 1, evidenceAttached: 1 });
    const list = await t.http().get(`/api/v1/applications?q=${code}`).set(bearer(official)).expect(200);
    const evidence = await t
      .http()
      .get(`/api/v1/applications/${list.body.items[0].id}/evidence`)
      .set(bearer(official))
      .expect(200);
    expect(evidence.body).toHaveLength(2);
  });

  it('a later import naming no file changes the clauses and keeps the evidence each clause cites', async () => {
    const code = uniqueCreditCode();
    const first = await dryRun(official, await workbook(code, { 0: '车间照片.pdf' }));
    await attach(official, first.id, await zipOf({ '车间照片.pdf': uniquePdf() })).expect(200);
    expect((await waitForImport(t, official, first.id)).errors).toEqual([]);
    await t.http().post(`/api/v1/imports/${first.id}/commit`).set(bearer(official)).expect(200);
    const list = await t.http().get(`/api/v1/applications?q=${code}`).set(bearer(official)).expect(200);
    const form = async () =>
      (await t.http().get(`/api/v1/applications/${list.body.items[0].id}/self-assessment`).set(bearer(official))).body
        .clauses as { clauseId: string; declaration: { status: string; evidenceIds: string[] } }[];
    const cited = (await form()).find((c) => c.clauseId === mandatory[0].clause.id)!.declaration.evidenceIds;
    expect(cited).toHaveLength(1);

    const second = await dryRun(official, await workbook(code, {}, '部分满足'));
    const done = await t.http().post(`/api/v1/imports/${second.id}/commit`).set(bearer(official)).expect(200);
    expect(done.body.result).toMatchObject({
      applicationsUpdated: 1,
      clausesSet: mandatory.length,
      evidenceAttached: 0,
    });
    const now = await form();
    expect(now.find((c) => c.clauseId === mandatory[0].clause.id)!.declaration).toMatchObject({
      status: 'partial',
      evidenceIds: cited,
    });
    expect(now.filter((c) => c.declaration).every((c) => c.declaration.status === 'partial')).toBe(true);
  });

  it('reads entry names a Chinese Windows zip tool saved in GBK (no UTF-8 flag) as the names the workbook gives', async () => {
    const file = await workbook(uniqueCreditCode(), { 0: '车间照片.pdf', 1: '验收报告（2025年）.pdf' });
    const dry = await dryRun(official, file);
    const zip = new JSZip();
    zip.file('材料/车间照片.pdf', uniquePdf(), { createFolders: false });
    zip.file('验收报告（2025年）.pdf', uniquePdf());
    const gbk = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      // JSZip's type says string; its code takes the bytes as they are (and then sets no UTF-8 flag).
      encodeFileName: (name) => iconv.encode(name, 'gbk') as unknown as string,
    });
    expect(gbk.readUInt16LE(6) & 0x0800).toBe(0);
    expect(gbk.includes(iconv.encode('车间照片.pdf', 'gbk'))).toBe(true);
    await attach(official, dry.id, gbk).expect(200);
    const res = await waitForImport(t, official, dry.id);
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 'validated', errors: [] });
    expect(res.preview).toMatchObject({ evidenceAttached: 2 });
  });

  it('names the cell of a file the zip lacks, and the reason a file is refused as evidence', async () => {
    const file = await workbook(uniqueCreditCode(), { 0: '缺失.pdf', 2: '伪装.pdf', 3: '正常.pdf' });
    const dry = await dryRun(official, file);
    await attach(
      official,
      dry.id,
      await zipOf({ '伪装.pdf': 'MZ\u0090\u0000 not a pdf, an executable', '正常.pdf': uniquePdf() }),
    ).expect(200);
    const res = await waitForImport(t, official, dry.id);
    expect(res.status).toBe('validated');
    expect(res.errors).toEqual([
      { cell: '自评!F2', code: 'evidence_not_found', message: '佐证材料“缺失.pdf”不在上传的佐证材料压缩包中' },
      expect.objectContaining({ cell: '自评!F4', code: 'evidence_refused' }),
    ]);
    expect(res.errors[1].message).toMatch(/^佐证材料“伪装.pdf”不能接收：/);
    await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(official)).expect(409);
  });

  it.each([
    ['a parent-directory step', { '../车间照片.pdf': PDF }, '含有上级目录（..）或绝对路径'],
    ['an absolute path', { '/etc/车间照片.pdf': PDF }, '含有上级目录（..）或绝对路径'],
    ['two files of one name', { 'a/车间照片.pdf': PDF, 'b/车间照片.pdf': uniquePdf() }, '文件名须唯一'],
  ])('refuses a zip with %s, with the reason, writing nothing', async (_what, files, reason) => {
    const dry = await dryRun(official, await workbook(uniqueCreditCode(), { 0: '车间照片.pdf' }));
    const before = await domainFingerprint(t);
    await attach(official, dry.id, await zipOf(files)).expect(200);
    const res: ImportBody = await waitForImport(t, official, dry.id);
    expect(res.status).toBe('failed');
    expect(res.failureReason).toContain(reason);
    await t.http().post(`/api/v1/imports/${dry.id}/commit`).set(bearer(official)).expect(409);
    const after = await domainFingerprint(t);
    expect({ ...after, audit_events: before.audit_events }).toEqual(before);
  });

  it('takes a zip only for an import of one’s jurisdiction whose dry run is done, and only a zip', async () => {
    const dry = await dryRun(xihu, await workbook(uniqueCreditCode(), {}));
    await attach(ningbo, dry.id, await zipOf({ 'a.pdf': PDF })).expect(404);
    await t
      .http()
      .post(`/api/v1/imports/${dry.id}/evidence`)
      .set(bearer(xihu))
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(415);
    await t.http().post(`/api/v1/imports/${dry.id}/cancel`).set(bearer(xihu)).expect(200);
    await attach(xihu, dry.id, await zipOf({ 'a.pdf': PDF })).expect(409);
  });
});
