import { DataSource } from 'typeorm';
import { AccessCase, Expected, accessMatrix, each } from './support/access-matrix';
import { openBatch, uniqueCreditCode } from './support/fixtures';
import { domainFingerprint, inlineStringWorkbook, uploadImport, waitForImport } from './support/imports';
import { bearer, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/** A one-enterprise workbook (no clauses: a warning, not an error) for `county`. */
const workbook = (creditCode: string, county: string) =>
  inlineStringWorkbook({
    企业信息: [
      ['统一社会信用代码', '企业名称', '所在区县', '行业类型', '申报层级'],
      [creditCode, '权限测试有限公司', county, '离散行业', '省级数字化车间'],
    ],
    自评: [['统一社会信用代码', '条款编号', '自评结论']],
  });

/**
 * Every import route in the access matrix: officials for the province, a recommender for its own
 * jurisdiction (a city sees its counties' imports), nobody else; another jurisdiction's import
 * answers 404 whatever is guessed, audited; rows outside the importer's jurisdiction are errors.
 * The role tables run on the shared runner (`support/access-matrix.ts`).
 */
type Who = 'official' | 'xihu' | 'hangzhou' | 'ningbo' | 'enterprise' | 'expert' | 'anonymous';
describe('imports: who may import and read an import', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let xihu: TestUser;
  let hangzhou: TestUser;
  let ningbo: TestUser;
  let enterprise: TestUser;
  let expert: TestUser;
  let batchId: string;
  let xihuImport: string;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    official = await createUser(t, 'official', { regionCode: '330000' });
    xihu = await createUser(t, 'recommender', { regionCode: '330106' });
    hangzhou = await createUser(t, 'recommender', { regionCode: '330100' });
    ningbo = await createUser(t, 'recommender', { regionCode: '330200' });
    enterprise = await createUser(t, 'enterprise');
    expert = await createUser(t, 'expert');
    batchId = (await openBatch(t, official)).id;
    const up = await uploadImport(t, xihu, batchId, await workbook(uniqueCreditCode(), '西湖区')).expect(201);
    xihuImport = (await waitForImport(t, xihu, up.body.id)).id;
  });
  afterAll(() => t?.close());

  const users: Partial<Record<Who, TestUser>> = {};
  const ids: Record<string, string> = {};
  beforeAll(() => {
    Object.assign(users, { official, xihu, hangzhou, ningbo, enterprise, expert });
    Object.assign(ids, { imp: xihuImport, batch: batchId });
  });
  const { cases } = accessMatrix<Who>({
    app: () => t,
    users,
    ids,
    resources: { imports: 'application_import' },
    unchanged: domainFingerprint,
  });
  /** Every route of one import, with the same expectations. */
  const everyRoute = (id: string, expectations: Partial<Record<Who, Expected>>): AccessCase<Who>[] => [
    ...each<Who>('get', `/imports/${id}`, expectations),
    ...each<Who>('get', `/imports/${id}/report`, expectations),
    ...each<Who>('post', `/imports/${id}/commit`, expectations),
    ...each<Who>('post', `/imports/${id}/cancel`, expectations),
    ...each<Who>('post', `/imports/${id}/evidence`, expectations),
  ];

  describe('another jurisdiction’s recommender gets 404 on every route of an import, audited, and changes nothing', () => {
    cases(everyRoute('{imp}', { ningbo: 404 }));

    it('nor does it list it; the import is still validated', async () => {
      const list = await t.http().get('/api/v1/imports').set(bearer(ningbo)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(xihuImport);
      const [row] = await ds.query(`SELECT status FROM application_imports WHERE id = $1`, [xihuImport]);
      expect(row.status).toBe('validated');
    });
  });

  describe('the city above and the province see it; guessed ids answer 404', () => {
    cases([
      ...each<Who>('get', '/imports/{imp}', { hangzhou: 200, official: 200 }),
      ...everyRoute('{random}', { xihu: 404 }),
    ]);

    it('and list it', async () => {
      for (const u of [hangzhou, official]) {
        const list = await t.http().get(`/api/v1/imports?batchId=${batchId}`).set(bearer(u)).expect(200);
        expect(list.body.items.map((i: { id: string }) => i.id)).toContain(xihuImport);
      }
    });
  });

  describe('enterprises and experts may use no import route', () => {
    const REFUSED = { enterprise: 403, expert: 403 } as const;
    cases([
      ...everyRoute('{imp}', { ...REFUSED, anonymous: 401 }),
      ...each<Who>('get', '/imports', REFUSED),
      ...each<Who>('get', '/batches/{batch}/import-template', REFUSED),
    ]);

    it('nor upload one', async () => {
      for (const u of [enterprise, expert])
        await uploadImport(t, u, batchId, await workbook(uniqueCreditCode(), '西湖区')).expect(403);
    });
  });

  it('a recommender cannot import an enterprise outside its jurisdiction', async () => {
    const up = await uploadImport(t, xihu, batchId, await workbook(uniqueCreditCode(), '海曙区')).expect(201);
    const res = await waitForImport(t, xihu, up.body.id);
    expect(res.errors).toEqual([
      { cell: '企业信息!C2', code: 'outside_jurisdiction', message: '所在区县“海曙区”不在本单位辖区（西湖区）内' },
    ]);
    await t.http().post(`/api/v1/imports/${res.id}/commit`).set(bearer(xihu)).expect(409);
  });

  it('a recommender cannot touch an enterprise registered elsewhere by naming its credit code', async () => {
    const code = uniqueCreditCode();
    const mine = await uploadImport(t, ningbo, batchId, await workbook(code, '海曙区')).expect(201);
    const ok = await waitForImport(t, ningbo, mine.body.id);
    await t.http().post(`/api/v1/imports/${ok.id}/commit`).set(bearer(ningbo)).expect(200);
    const before = await domainFingerprint(t);
    const theirs = await uploadImport(t, xihu, batchId, await workbook(code, '西湖区')).expect(201);
    const res = await waitForImport(t, xihu, theirs.body.id);
    expect(res.errors).toEqual([expect.objectContaining({ cell: '企业信息!A2', code: 'outside_jurisdiction' })]);
    await t.http().post(`/api/v1/imports/${res.id}/commit`).set(bearer(xihu)).expect(409);
    expect(await domainFingerprint(t)).toEqual(before);
  });

  it('a cancelled import cannot be committed; a committed one cannot be cancelled', async () => {
    const up = await uploadImport(t, xihu, batchId, await workbook(uniqueCreditCode(), '西湖区')).expect(201);
    const done = await waitForImport(t, xihu, up.body.id);
    await t.http().post(`/api/v1/imports/${done.id}/cancel`).set(bearer(xihu)).expect(200);
    const res = await t.http().post(`/api/v1/imports/${done.id}/commit`).set(bearer(xihu)).expect(409);
    expect(res.body.code).toBe('import_not_ready');
    const other = await uploadImport(t, official, batchId, await workbook(uniqueCreditCode(), '西湖区')).expect(201);
    const ready = await waitForImport(t, official, other.body.id);
    await t.http().post(`/api/v1/imports/${ready.id}/commit`).set(bearer(official)).expect(200);
    const refused = await t.http().post(`/api/v1/imports/${ready.id}/cancel`).set(bearer(official)).expect(409);
    expect(refused.body.code).toBe('import_not_cancellable');
  });
});
