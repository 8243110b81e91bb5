import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { getRuleSet, CURRENT_RULE_SET_VERSION } from '@ff/rules';
import {
  NARRATIVE,
  PDF,
  completeDraft,
  enterpriseUser,
  fingerprint,
  openBatch,
  uniqueCreditCode,
  waitForStatus,
} from './support/fixtures';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/** Small enough that a test can exceed it cheaply; the default is 20 MB. */
const UPLOAD_MAX_BYTES = 16 * 1024;
const CJK = /[\u4e00-\u9fff]/;

/** A structurally valid PDF of exactly `size` bytes (padded with a comment). */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%', 'latin1');
  const tail = Buffer.from('\ntrailer << >>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 'a'), tail]);
}

/** The refusal every test here expects: a 4xx with a stable code and a Chinese message naming the problem. */
function refused(res: Response, status: number, code: string, phrase: RegExp | string) {
  if (res.status !== status)
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  expect(res.body.code).toBe(code);
  expect(res.body.message).toMatch(CJK);
  const texts = [res.body.message, ...(res.body.details ?? []).map((d: { message: string }) => d.message)].join('\n');
  if (typeof phrase === 'string') expect(texts).toContain(phrase);
  else expect(texts).toMatch(phrase);
}

describe('applications: bad input is refused in Chinese and writes nothing', () => {
  let t: TestApp;
  let ds: DataSource;
  let official: TestUser;
  let county: TestUser;
  let ent: TestUser;
  let other: TestUser;
  let batchId: string;
  let appId: string;
  let evidenceId: string;
  let otherEvidenceId: string;
  let otherAppId: string;
  let clauseId: string;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
    ds = t.app.get(DataSource);
    official = await createUser(t, 'official', { regionCode: '330000' });
    county = await createUser(t, 'recommender', { regionCode: '330106' });
    // The future-factory tier is not offered in this batch.
    batchId = (await openBatch(t, official, { tiers: ['workshop', 'smart_factory'] })).id;
    const a = await enterpriseUser(t);
    ent = a.user;
    const draft = await completeDraft(t, ent, batchId);
    appId = draft.id;
    evidenceId = draft.evidenceId;
    clauseId = draft.clauses[0].clauseId;
    const b = await enterpriseUser(t);
    other = b.user;
    const otherDraft = await completeDraft(t, other, batchId);
    otherEvidenceId = otherDraft.evidenceId;
    otherAppId = otherDraft.id;
  });
  afterAll(() => t.close());

  const api = (path: string) => `/api/v1/applications${path}`;

  /** Runs the request and checks that no table of the slice changed. */
  async function unchanged(send: () => Promise<Response>): Promise<Response> {
    const before = await fingerprint(t);
    const res = await send();
    expect(await fingerprint(t)).toEqual(before);
    return res;
  }

  // ------------------------------------------------------------------ 统一社会信用代码 and regions

  describe('enterprise registration', () => {
    const register = (user: TestUser, patch: Record<string, unknown>) =>
      t
        .http()
        .post('/api/v1/enterprises')
        .set(bearer(user))
        .send({
          name: '杭州测试智能制造有限公司',
          creditCode: uniqueCreditCode(),
          regionCode: '330106',
          industryMode: 'discrete',
          ...patch,
        });

    const good = uniqueCreditCode();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const withLetter = (letter: string) => good.slice(0, 10) + letter + good.slice(11);

    it.each([
      ['a wrong check character', wrongCheck, '校验位错误'],
      ['17 characters', good.slice(0, 17), '应为18位，当前为17位'],
      ['19 characters', `${good}1`, '应为18位，当前为19位'],
      ['an empty code', '', '不能为空'],
      ['the letter I', withLetter('I'), '不得使用I、O、Z、S、V'],
      ['the letter O', withLetter('O'), '不得使用I、O、Z、S、V'],
      ['the letter Z', withLetter('Z'), '不得使用I、O、Z、S、V'],
      ['the letter S', withLetter('S'), '不得使用I、O、Z、S、V'],
      ['the letter V', withLetter('V'), '不得使用I、O、Z、S、V'],
      ['letters where the region digits go', `91ABCDEF${good.slice(8)}`, '第3至8位应为6位数字的行政区划码'],
    ])('refuses a credit code with %s', async (_, creditCode, phrase) => {
      const user = await createUser(t, 'enterprise');
      const res = await unchanged(() => register(user, { creditCode }));
      refused(res, 400, 'invalid_credit_code', phrase);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'creditCode', code: 'invalid_credit_code' })]);
      const me = await t.http().get('/api/v1/auth/me').set(bearer(user)).expect(200);
      expect(me.body.enterpriseId).toBeNull();
    });

    it.each([
      ['上海市 (310000)', '310000', '不在浙江省范围内'],
      ['北京市东城区 (110101)', '110101', '不在浙江省范围内'],
      ['a code that does not exist in Zhejiang (330199)', '330199', '不是浙江省现行的行政区划代码'],
      ['the retired 下城区 (330103)', '330103', '不是浙江省现行的行政区划代码'],
      ['a city, not a county (330100)', '330100', '此处应填写区县级代码'],
      ['five digits', '33010', '应为6位数字'],
    ])('refuses the region %s', async (_, regionCode, phrase) => {
      const user = await createUser(t, 'enterprise');
      const res = await unchanged(() => register(user, { regionCode }));
      refused(res, 400, 'invalid_region_code', phrase);
      expect(res.body.details[0].field).toBe('regionCode');
    });

    it('accepts a full-width, lower-case, space-padded credit code and region, stored normalised', async () => {
      const code = uniqueCreditCode();
      const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).toLowerCase();
      const user = await createUser(t, 'enterprise');
      const res = await register(user, {
        creditCode: `\u3000${fullWidth.slice(0, 8)} ${fullWidth.slice(8)}  `,
        regionCode: ' ３３０１０６ ',
      }).expect(201);
      expect(res.body).toMatchObject({ creditCode: code, regionCode: '330106' });
      // Normalised before the uniqueness check: the same code typed plainly is a duplicate.
      const again = await createUser(t, 'enterprise');
      const dup = await unchanged(() => register(again, { creditCode: code.toLowerCase() }));
      refused(dup, 409, 'credit_code_taken', code);
    });
  });

  // ------------------------------------------------------------------ uploads

  describe('evidence upload', () => {
    const upload = (bytes: Buffer, filename: string, contentType = 'application/pdf') =>
      t
        .http()
        .post(api(`/${appId}/evidence`))
        .set(bearer(ent))
        .attach('file', bytes, { filename, contentType });
    const stored = (bytes: Buffer) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      return existsSync(join(t.config.storageDir, sha.slice(0, 2), sha.slice(2, 4), sha));
    };
    const tempFiles = () => readdirSync(join(t.config.storageDir, 'tmp'));

    it('refuses a file over the configured limit with 413, storing nothing', async () => {
      expect(t.config.http.uploadMaxBytes).toBe(UPLOAD_MAX_BYTES);
      const big = pdfOfSize(UPLOAD_MAX_BYTES + 1);
      const res = await unchanged(() => upload(big, '超大文件.pdf'));
      refused(res, 413, 'payload_too_large', '上传文件超过大小限制（最大 16 KB）');
      expect(stored(big)).toBe(false);
      expect(tempFiles()).toEqual([]);
    });

    it('refuses a much larger file the same way', async () => {
      const huge = pdfOfSize(UPLOAD_MAX_BYTES * 8);
      const res = await unchanged(() => upload(huge, '超大文件.pdf'));
      refused(res, 413, 'payload_too_large', '超过大小限制');
      expect(stored(huge)).toBe(false);
      expect(tempFiles()).toEqual([]);
    });

    it('accepts a file of exactly the limit', async () => {
      const exact = pdfOfSize(UPLOAD_MAX_BYTES);
      const res = await upload(exact, '恰好上限.pdf').expect(201);
      expect(res.body).toMatchObject({ size: UPLOAD_MAX_BYTES, mediaType: 'application/pdf' });
      expect(stored(exact)).toBe(true);
    });

    it.each([
      [
        'a Windows executable',
        Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]),
      ],
      ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')],
      [
        'an SVG image with a script',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ],
      ['plain text', Buffer.from('这是一段纯文本，不是PDF文件。')],
      ['a bare zip archive', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 0)])],
    ])('refuses %s named .pdf with 415, storing nothing', async (_, bytes) => {
      const res = await unchanged(() => upload(bytes, '自评佐证.pdf'));
      refused(res, 415, 'unsupported_media_type', '不支持的文件类型');
      expect(stored(bytes)).toBe(false);
      expect(tempFiles()).toEqual([]);
    });

    it('refuses a JSON body with 415 and a file under another field name with 400', async () => {
      const json = await unchanged(() =>
        t
          .http()
          .post(api(`/${appId}/evidence`))
          .set(bearer(ent))
          .send({ file: PDF.toString('base64') }),
      );
      refused(json, 415, 'unsupported_media_type', 'multipart/form-data');
      const field = await unchanged(() =>
        t
          .http()
          .post(api(`/${appId}/evidence`))
          .set(bearer(ent))
          .attach('attachment', PDF, { filename: 'a.pdf', contentType: 'application/pdf' }),
      );
      refused(field, 400, 'file_required', '文件须放在表单字段 file 中');
      const none = await unchanged(() =>
        t
          .http()
          .post(api(`/${appId}/evidence`))
          .set(bearer(ent))
          .field('note', '没有文件'),
      );
      refused(none, 400, 'file_required', '字段 file');
    });
  });

  // ------------------------------------------------------------------ clauses

  describe('self-assessment clause ids', () => {
    const ruleSet = getRuleSet(CURRENT_RULE_SET_VERSION);
    const entries = [...ruleSet.clauseById.entries()];
    const futureFactoryClause = entries.find(([, e]) => e.tier === 'future_factory')![0];
    // Only the future-factory tier has industry-specific clauses, so that check needs a future-factory application.
    const processClause = entries.find(([, e]) => e.clause.industry === 'process')![0];
    let ffApp: string;
    let ffOwner: TestUser;

    beforeAll(async () => {
      const batch = await openBatch(t, official);
      const { user } = await enterpriseUser(t);
      ffOwner = user;
      const res = await t
        .http()
        .post(api(''))
        .set(bearer(user))
        .send({ batchId: batch.id, tier: 'future_factory', constructionType: 'chain_leader' })
        .expect(201);
      ffApp = res.body.id;
    });

    it('refuses a bulk save naming every bad clause, and keeps the draft as it was', async () => {
      const res = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment`))
          .set(bearer(ent))
          .send({
            declarations: [
              { clauseId, status: 'met', narrative: NARRATIVE, evidenceIds: [evidenceId] },
              { clauseId: 'sd99.ws.z', status: 'met', narrative: NARRATIVE },
              { clauseId: futureFactoryClause, status: 'met', narrative: NARRATIVE },
              { clauseId, status: 'partial', narrative: NARRATIVE },
              { clauseId: `${clauseId} `, status: 'met', narrative: NARRATIVE },
            ],
          }),
      );
      refused(res, 400, 'validation_failed', '请求参数有 4 处错误');
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'declarations[1].clauseId',
            code: 'unknown_clause',
            message: '条款编号“sd99.ws.z”不存在',
          }),
          expect.objectContaining({
            field: 'declarations[2].clauseId',
            code: 'clause_not_in_tier',
            message: expect.stringContaining('高于本次申报层级'),
          }),
          expect.objectContaining({ field: 'declarations[3].clauseId', code: 'duplicate_clause' }),
          expect.objectContaining({ field: 'declarations[4].clauseId', code: 'unknown_clause' }),
        ]),
      );
      expect(res.body.details).toHaveLength(4);
    });

    it.each([
      ['an unknown clause', 'sd99.ws.z', 'unknown_clause', '条款编号“sd99.ws.z”不存在'],
      ['a clause of a higher tier', futureFactoryClause, 'clause_not_in_tier', '高于本次申报层级'],
      ['a clause id that is not one at all', '..%2F..%2Fetc', 'unknown_clause', '不存在'],
    ])('refuses a single save of %s', async (_, id, code, phrase) => {
      const res = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment/${id}`))
          .set(bearer(ent))
          .send({ status: 'met', narrative: NARRATIVE }),
      );
      refused(res, 400, 'validation_failed', phrase);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'clauseId', code })]);
    });

    it('refuses a clause of the other industry, in a single and a bulk save', async () => {
      const one = await unchanged(() =>
        t
          .http()
          .put(api(`/${ffApp}/self-assessment/${processClause}`))
          .set(bearer(ffOwner))
          .send({ status: 'met', narrative: NARRATIVE }),
      );
      refused(one, 400, 'validation_failed', '仅适用于流程行业，本企业为离散行业');
      expect(one.body.details).toEqual([expect.objectContaining({ field: 'clauseId', code: 'clause_other_industry' })]);
      const bulk = await unchanged(() =>
        t
          .http()
          .put(api(`/${ffApp}/self-assessment`))
          .set(bearer(ffOwner))
          .send({ declarations: [{ clauseId: processClause, status: 'met', narrative: NARRATIVE }] }),
      );
      refused(bulk, 400, 'validation_failed', '仅适用于流程行业');
      expect(bulk.body.details).toEqual([
        expect.objectContaining({ field: 'declarations[0].clauseId', code: 'clause_other_industry' }),
      ]);
    });

    it('refuses evidence that is unknown or belongs to another application', async () => {
      const res = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment/${clauseId}`))
          .set(bearer(ent))
          .send({
            status: 'met',
            narrative: NARRATIVE,
            evidenceIds: [evidenceId, otherEvidenceId, '7d0b3f0e-5a47-4c4b-9a59-2d2f0f5c1e11'],
          }),
      );
      refused(res, 400, 'validation_failed', '请求参数有 2 处错误');
      expect(res.body.details).toEqual([
        expect.objectContaining({
          field: 'evidenceIds[1]',
          code: 'unknown_evidence',
          message: expect.stringContaining('不存在或不属于本申报'),
        }),
        expect.objectContaining({ field: 'evidenceIds[2]', code: 'unknown_evidence' }),
      ]);
    });

    it('refuses an unknown declaration status and an over-long narrative', async () => {
      const status = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment/${clauseId}`))
          .set(bearer(ent))
          .send({ status: 'done', narrative: NARRATIVE }),
      );
      refused(status, 400, 'validation_failed', '“状态”的取值应为以下之一：met、partial、not_met');
      const long = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment/${clauseId}`))
          .set(bearer(ent))
          .send({ status: 'met', narrative: '长'.repeat(5001) }),
      );
      refused(long, 400, 'validation_failed', '“情况说明”长度不能超过 5000 个字符');
    });
  });

  // ------------------------------------------------------------------ batch window and tiers

  describe('batch window and tiers', () => {
    const create = (user: TestUser, body: Record<string, unknown>) =>
      t.http().post(api('')).set(bearer(user)).send(body);
    const hour = 3600_000;

    it('refuses to create an application before the window opens', async () => {
      const batch = await openBatch(t, official, {
        submissionOpensAt: new Date(Date.now() + 24 * hour).toISOString(),
        submissionClosesAt: new Date(Date.now() + 48 * hour).toISOString(),
      });
      const { user } = await enterpriseUser(t);
      refused(
        await unchanged(() => create(user, { batchId: batch.id, tier: 'workshop' })),
        409,
        'outside_submission_window',
        /不在申报时间内（申报时间：.+北京时间）/,
      );
    });

    it('refuses to create an application after the window closed', async () => {
      const batch = await openBatch(t, official, {
        submissionOpensAt: new Date(Date.now() - 48 * hour).toISOString(),
        submissionClosesAt: new Date(Date.now() - 24 * hour).toISOString(),
      });
      const { user } = await enterpriseUser(t);
      refused(
        await unchanged(() => create(user, { batchId: batch.id, tier: 'workshop' })),
        409,
        'outside_submission_window',
        '不在申报时间内',
      );
    });

    it('hides a batch that was never opened (404)', async () => {
      const draft = await t
        .http()
        .post('/api/v1/batches')
        .set(bearer(official))
        .send({
          code: `NOPEN${Date.now().toString(36)}`,
          title: '未开放批次',
          tiers: ['workshop'],
          submissionOpensAt: new Date(Date.now() - hour).toISOString(),
          submissionClosesAt: new Date(Date.now() + hour).toISOString(),
        })
        .expect(201);
      const { user } = await enterpriseUser(t);
      refused(
        await unchanged(() => create(user, { batchId: draft.body.id, tier: 'workshop' })),
        404,
        'not_found',
        '申报批次不存在或无权访问',
      );
    });

    it('refuses a tier the batch does not offer, on create and on change', async () => {
      const { user } = await enterpriseUser(t);
      const res = await unchanged(() =>
        create(user, { batchId, tier: 'future_factory', constructionType: 'chain_leader' }),
      );
      refused(res, 400, 'tier_not_offered', '本批次不受理“未来工厂”申报');
      expect(res.body.details[0]).toMatchObject({ field: 'tier', message: '本批次受理：省级数字化车间、省级智能工厂' });
      const patch = await unchanged(() =>
        t
          .http()
          .patch(api(`/${appId}`))
          .set(bearer(ent))
          .send({ tier: 'future_factory' }),
      );
      refused(patch, 400, 'tier_not_offered', '本批次不受理“未来工厂”申报');
    });

    it('refuses a construction type outside the future-factory tier', async () => {
      const { user } = await enterpriseUser(t);
      const res = await unchanged(() => create(user, { batchId, tier: 'workshop', constructionType: 'chain_leader' }));
      refused(res, 400, 'validation_failed', '建设类型仅适用于未来工厂');
    });

    it('refuses to submit once the window has closed, and once the batch is closed', async () => {
      const batch = await openBatch(t, official);
      const { user } = await enterpriseUser(t);
      const draft = await completeDraft(t, user, batch.id);
      await ds.query(`UPDATE batches SET submission_closes_at = now() - interval '1 minute' WHERE id = $1`, [batch.id]);
      const late = await unchanged(() =>
        t
          .http()
          .post(api(`/${draft.id}/submit`))
          .set(bearer(user)),
      );
      refused(late, 409, 'outside_submission_window', '不在申报时间内');

      await ds.query(
        `UPDATE batches SET submission_opens_at = now() + interval '1 day', submission_closes_at = now() + interval '2 days' WHERE id = $1`,
        [batch.id],
      );
      const early = await unchanged(() =>
        t
          .http()
          .post(api(`/${draft.id}/submit`))
          .set(bearer(user)),
      );
      refused(early, 409, 'outside_submission_window', '不在申报时间内');

      await ds.query(`UPDATE batches SET submission_opens_at = now() - interval '1 day' WHERE id = $1`, [batch.id]);
      await t.http().post(`/api/v1/batches/${batch.id}/close`).set(bearer(official)).expect(200);
      const closed = await unchanged(() =>
        t
          .http()
          .post(api(`/${draft.id}/submit`))
          .set(bearer(user)),
      );
      refused(closed, 409, 'batch_not_open', '已截止申报');

      const app = await t
        .http()
        .get(api(`/${draft.id}`))
        .set(bearer(user))
        .expect(200);
      expect(app.body).toMatchObject({ status: 'draft', submissionCount: 0, currentSubmissionId: null });
    });
  });

  // ------------------------------------------------------------------ mass assignment

  describe('mass assignment', () => {
    const FORGED: Record<string, unknown> = {
      status: 'city_recommended',
      enterpriseId: '7d0b3f0e-5a47-4c4b-9a59-2d2f0f5c1e11',
      id: '7d0b3f0e-5a47-4c4b-9a59-2d2f0f5c1e12',
      submissionCount: 3,
      currentSubmissionId: '7d0b3f0e-5a47-4c4b-9a59-2d2f0f5c1e13',
      version: 99,
      regionCode: '330200',
    };

    it.each(Object.keys(FORGED))('POST refuses the field “%s” and creates nothing', async (field) => {
      const { user } = await enterpriseUser(t);
      const res = await unchanged(() =>
        t
          .http()
          .post(api(''))
          .set(bearer(user))
          .send({ batchId, tier: 'workshop', [field]: FORGED[field] }),
      );
      refused(res, 400, 'validation_failed', `不允许提交字段“${field}”`);
      expect(res.body.details).toEqual([expect.objectContaining({ field, code: 'whitelistValidation' })]);
    });

    it.each(Object.keys(FORGED))('PATCH refuses the field “%s” and changes nothing', async (field) => {
      const res = await unchanged(() =>
        t
          .http()
          .patch(api(`/${appId}`))
          .set(bearer(ent))
          .send({ tier: 'smart_factory', [field]: FORGED[field] }),
      );
      refused(res, 400, 'validation_failed', `不允许提交字段“${field}”`);
    });

    it('refuses forged fields inside declarations and recommendations', async () => {
      const nested = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment`))
          .set(bearer(ent))
          .send({ declarations: [{ clauseId, status: 'met', narrative: NARRATIVE, applicationId: appId }] }),
      );
      refused(nested, 400, 'validation_failed', '不允许提交字段“declarations[0].applicationId”');
      const rec = await unchanged(() =>
        t
          .http()
          .post(api(`/${appId}/recommendation`))
          .set(bearer(county))
          .send({ decision: 'recommend', level: 'city' }),
      );
      refused(rec, 400, 'validation_failed', '不允许提交字段“level”');
      const withdraw = await unchanged(() =>
        t
          .http()
          .post(api(`/${appId}/withdraw`))
          .set(bearer(ent))
          .send({ status: 'draft' }),
      );
      refused(withdraw, 400, 'validation_failed', '不允许提交字段“status”');
    });
  });

  // ------------------------------------------------------------------ ids and bodies

  describe('malformed ids and bodies', () => {
    it.each([
      ['get', '/not-a-uuid'],
      ['get', '/123'],
      ['get', '/00000000-0000-1000-8000-000000000000'], // a UUID, but not version 4
      ['get', `/${encodeURIComponent("1' OR '1'='1")}`],
      ['get', '/not-a-uuid/self-assessment'],
      ['get', '/not-a-uuid/evidence'],
      ['get', '/not-a-uuid/precheck'],
      ['get', '/not-a-uuid/history'],
      ['patch', '/not-a-uuid'],
      ['put', '/not-a-uuid/self-assessment'],
      ['put', '/not-a-uuid/self-assessment/sd01.ws.a'],
      ['post', '/not-a-uuid/evidence'],
      ['post', '/not-a-uuid/submit'],
      ['post', '/not-a-uuid/withdraw'],
      ['get', '/{app}/evidence/not-a-uuid/content'],
    ] as const)('%s %s → 400 invalid_id', async (method, path) => {
      const http = t.http();
      const res = await unchanged(() =>
        http[method](api(path.replace('{app}', appId)))
          .set(bearer(ent))
          .send(
            method === 'get'
              ? undefined
              : method === 'put' && path.endsWith('assessment')
                ? { declarations: [] }
                : { status: 'met' },
          ),
      );
      refused(res, 400, 'invalid_id', '编号格式不正确（应为 UUID）');
    });

    it('a recommender’s malformed id is a 400 as well', async () => {
      const res = await t
        .http()
        .post(api('/not-a-uuid/recommendation'))
        .set(bearer(county))
        .send({ decision: 'recommend' });
      refused(res, 400, 'invalid_id', '编号格式不正确');
    });

    it('refuses malformed ids in bodies and queries by field', async () => {
      const { user } = await enterpriseUser(t);
      const body = await unchanged(() =>
        t.http().post(api('')).set(bearer(user)).send({ batchId: 'not-a-uuid', tier: 'workshop' }),
      );
      refused(body, 400, 'validation_failed', '“申报批次”必须是有效的编号（UUID）');
      const query = await t.http().get(api('')).query({ batchId: 'not-a-uuid' }).set(bearer(ent));
      refused(query, 400, 'validation_failed', '“申报批次”必须是有效的编号（UUID）');
      const evidence = await unchanged(() =>
        t
          .http()
          .put(api(`/${appId}/self-assessment/${clauseId}`))
          .set(bearer(ent))
          .send({ status: 'met', evidenceIds: ['not-a-uuid'] }),
      );
      refused(evidence, 400, 'validation_failed', '必须是有效的编号（UUID）');
    });

    it('refuses malformed JSON, a missing tier and a return without a reason', async () => {
      const json = await unchanged(() =>
        t.http().post(api('')).set(bearer(ent)).set('Content-Type', 'application/json').send('{"batchId": "x", tier'),
      );
      refused(json, 400, 'malformed_json', '请求体不是有效的 JSON');
      const missing = await unchanged(() => t.http().post(api('')).set(bearer(ent)).send({ batchId }));
      refused(missing, 400, 'validation_failed', '“申报层级”为必填项');
      // A return needs an application the county may see: a submitted one that passed the pre-check.
      await t
        .http()
        .post(api(`/${otherAppId}/submit`))
        .set(bearer(other))
        .expect(200);
      expect(await waitForStatus(t, otherAppId, other, 'submitted')).toMatchObject({ status: 'precheck_passed' });
      const rec = await unchanged(() =>
        t
          .http()
          .post(api(`/${otherAppId}/recommendation`))
          .set(bearer(county))
          .send({ decision: 'return', comment: '不行' }),
      );
      refused(rec, 400, 'validation_failed', '退回时须填写退回理由（至少5个字）');
    });
  });
});
