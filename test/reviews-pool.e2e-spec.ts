import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { addExpert } from './support/reviews';
import { uniqueCreditCode } from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp, unique } from './support/test-app';

/** The expert pool: officials add (one by one, or a spreadsheet all or nothing) and manage; experts declare. */
describe('reviews: the expert pool', () => {
  let t: TestApp;
  let official: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    official = await createUser(t, 'official', { regionCode: '330000' });
  });
  afterAll(() => t.close());

  const sheet = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专家名单');
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const HEADER = [
    '用户名',
    '姓名',
    '职称',
    '电子邮箱',
    '工作单位',
    '单位统一社会信用代码',
    '所属集团',
    '工作地行政区划代码',
    '主要能力域',
    '次要能力域',
    '行业经验',
    '行业标签',
    '每轮任务上限',
  ];

  it('an official adds an expert with an account; the expert signs in, keeps its declarations, and sees only itself', async () => {
    const a = await addExpert(t, official, {
      expertise: [
        { domain: 'system_assurance', level: 'primary' },
        { domain: 'infrastructure', level: 'secondary' },
      ],
    });
    const me = await t.http().get('/api/v1/experts/me').set(bearer(a.user)).expect(200);
    expect(me.body.expertise).toHaveLength(2);
    expect(me.body.regionName).toBe('宁波市');

    const enterpriseCode = uniqueCreditCode();
    const updated = await t
      .http()
      .patch('/api/v1/experts/me')
      .set(bearer(a.user))
      .send({
        unavailable: [{ from: '2026-12-01', to: '2026-12-10', reason: '出差' }],
        relationships: [
          { creditCode: enterpriseCode, kind: 'diagnosis_service', from: '2024-01-01', to: '2024-06-30' },
        ],
      })
      .expect(200);
    expect(updated.body.relationships[0]).toMatchObject({ creditCode: enterpriseCode, kind: 'diagnosis_service' });

    // An expert cannot change its own expertise or cap, nor reach another expert.
    await t.http().patch(`/api/v1/experts/${a.id}`).set(bearer(a.user)).send({ maxTasksPerRound: 99 }).expect(403);
    const b = await addExpert(t, official);
    const denied = await t.http().get(`/api/v1/experts/${b.id}`).set(bearer(a.user)).expect(404);
    expect(denied.body.code).toBe('not_found');
    const ds = t.app.get(DataSource);
    const [audit] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND entity_id = $1`,
      [b.id],
    );
    expect(audit.n).toBe(1);

    // Dates that do not exist, or end before they start, name the field.
    const bad = await t
      .http()
      .patch('/api/v1/experts/me')
      .set(bearer(a.user))
      .send({ unavailable: [{ from: '2026-12-10', to: '2026-12-01' }] })
      .expect(400);
    expect(bad.body.details[0].field).toBe('unavailable[0].to');

    // The official manages expertise, caps and activation; each change audited with before/after.
    const managed = await t
      .http()
      .patch(`/api/v1/experts/${a.id}`)
      .set(bearer(official))
      .send({ maxTasksPerRound: 3, active: false })
      .expect(200);
    expect(managed.body).toMatchObject({ maxTasksPerRound: 3, active: false });
    const [ev] = await ds.query(
      `SELECT before, after FROM audit_events WHERE action = 'expert.updated' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [a.id],
    );
    expect(ev.before.maxTasksPerRound).toBe(10);
    expect(ev.after.maxTasksPerRound).toBe(3);
  });

  it('refuses unknown domains, bad credit codes and regions, naming each field', async () => {
    const res = await t
      .http()
      .post('/api/v1/experts')
      .set(bearer(official))
      .send({
        username: unique('ex'),
        name: '李四',
        title: '教授',
        employerName: '某大学',
        employerCreditCode: '91330106MA2XXXXXXX',
        regionCode: '110000',
        expertise: [{ domain: 'no_such_domain', level: 'primary' }],
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'employerCreditCode',
      'expertise[0].domain',
      'regionCode',
    ]);
  });

  it('imports a spreadsheet all or nothing, with per-row Chinese errors', async () => {
    const ds = t.app.get(DataSource);
    const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM experts`))[0].n as number;
    const before = await count();
    const u1 = unique('imp');
    const u2 = unique('imp');
    const broken = await sheet([
      HEADER,
      [
        u1,
        '王五',
        '高级工程师',
        '',
        '宁波某研究院',
        uniqueCreditCode(),
        '',
        '330200',
        '体系保障',
        '',
        '离散',
        '汽车',
        5,
      ],
      [u2, '赵六', '教授', '', '某大学', '', '', '999999', '不存在的能力域', '', '', '', ''],
      [u1, '重复', '教授', '', '某大学', '', '', '330100', '', '', '', '', ''],
    ]);
    const res = await t
      .http()
      .post('/api/v1/experts/import')
      .set(bearer(official))
      .attach('file', broken, { filename: '专家.xlsx' })
      .expect(400);
    expect(res.body.code).toBe('expert_import_invalid');
    const messages = res.body.details.map((d: { message: string }) => d.message).join('\n');
    expect(messages).toContain('第3行');
    expect(messages).toContain('999999');
    expect(messages).toContain('第4行“主要能力域”不能为空');
    expect(messages).toContain('与第2行重复');
    expect(await count()).toBe(before);

    const good = await sheet([
      HEADER,
      [
        u1,
        '王五',
        '高级工程师',
        'wang@example.com',
        '宁波某研究院',
        uniqueCreditCode(),
        '',
        '330200',
        '体系保障',
        '基础设施',
        '离散、流程',
        '汽车',
        5,
      ],
      [u2, '赵六', '教授', '', '某大学', '', '', '330100', 'system_assurance', '', '', '', ''],
    ]);
    const ok = await t
      .http()
      .post('/api/v1/experts/import')
      .set(bearer(official))
      .attach('file', good, { filename: '专家.xlsx' })
      .expect(201);
    expect(ok.body.imported).toBe(2);
    expect(ok.body.experts[0]).toMatchObject({ maxTasksPerRound: 5, industryModes: ['discrete', 'process'] });
    expect(ok.body.experts[0].expertise).toEqual([
      { domain: 'system_assurance', level: 'primary' },
      { domain: 'infrastructure', level: 'secondary' },
    ]);
    expect(await count()).toBe(before + 2);
    // Importing the same names again: the usernames are taken, nothing is written.
    const again = await t
      .http()
      .post('/api/v1/experts/import')
      .set(bearer(official))
      .attach('file', good, { filename: '专家.xlsx' })
      .expect(400);
    expect(again.body.details[0].field).toBe('第2行“用户名”');
    expect(await count()).toBe(before + 2);

    const template = await t.http().get('/api/v1/experts/import-template').set(bearer(official)).expect(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});
