import { randomUUID } from 'node:crypto';
import { AccessCase, Expected, accessMatrix, each } from './support/access-matrix';
import { TestApp, TestUser, createUser, startTestApp } from './support/test-app';

type Method = 'get' | 'post' | 'put';
type Who = 'enterprise' | 'recommender' | 'expert' | 'official' | 'admin' | 'anonymous';
const id = randomUUID();

/**
 * Every non-public route of the designations context (re-review rounds and outcomes included) and
 * the ban store, with a body that passes validation.
 */
const ROUTES: {
  method: Method;
  path: string;
  body?: object;
  admin?: boolean;
  officialToo?: boolean;
  /** What an official gets for a guessed id in the body, and the error code when it is not a 404. */
  official?: number;
  officialCode?: string;
  /** What an expert gets (a route experts may call). */
  expert?: number;
}[] = [
  { method: 'get', path: `/decision-candidates?batchId=${id}` },
  {
    method: 'post',
    path: '/decisions',
    body: { applicationId: id, outcome: 'reject', reasonCode: 'below_threshold' },
    official: 404,
  },
  {
    method: 'post',
    path: '/decisions/bulk-propose',
    body: { applicationIds: [id], outcome: 'reject', reasonCode: 'below_threshold' },
    official: 400,
    officialCode: 'decision_bulk_refused',
  },
  {
    method: 'post',
    path: '/decisions/bulk-confirm',
    body: { decisionIds: [id] },
    official: 400,
    officialCode: 'decision_bulk_refused',
  },
  { method: 'get', path: '/decisions' },
  { method: 'get', path: `/decisions/${id}` },
  { method: 'post', path: `/decisions/${id}/confirm` },
  { method: 'put', path: `/review-rounds/${id}/result-basis`, body: { resultBasis: 'severity_adjusted' } },
  { method: 'get', path: `/batches/${id}/designation-policy` },
  {
    method: 'put',
    path: `/batches/${id}/designation-policy`,
    body: {
      publicityWorkingDays: 5,
      validityYears: 3,
      banYears: { failed_re_review: 2, fraud: 3, closure: 0, voluntary: 0 },
    },
  },
  { method: 'post', path: '/publicities', body: { batchId: id }, official: 404 },
  { method: 'get', path: '/publicities' },
  { method: 'get', path: `/publicities/${id}` },
  { method: 'get', path: `/publicities/${id}/objections` },
  { method: 'post', path: `/objections/${id}/notes`, body: { note: '调查记录' } },
  { method: 'post', path: `/objections/${id}/material-requests`, body: { materialRequest: '请补充投产证明' } },
  {
    method: 'post',
    path: `/objections/${id}/resolve`,
    body: { resolution: 'dismissed', resolutionReason: '经核查不成立' },
  },
  { method: 'post', path: `/objections/${id}/attachments` },
  { method: 'get', path: `/objections/${id}/attachments/${id}/content` },
  { method: 'get', path: '/designations' },
  { method: 'get', path: `/designations/${id}` },
  {
    method: 'post',
    path: `/designations/${id}/revoke`,
    body: { revocationReason: 'fraud', revocationNote: '经查实弄虚作假' },
  },
  { method: 'post', path: `/designations/${id}/re-review`, body: { reReviewNote: '有效期届满前复核' } },
  {
    method: 'post',
    path: `/designations/${id}/re-review/complete`,
    body: { passed: true, reReviewNote: '复核通过，继续保持' },
  },
  {
    method: 'post',
    path: '/re-review-rounds',
    body: {
      batchId: id,
      title: '有效期届满前复核',
      dueAt: '2099-01-10T18:00:00+08:00',
      closesAt: '2099-01-15T18:00:00+08:00',
    },
    official: 404,
  },
  { method: 'get', path: `/re-review-rounds/${id}/designations` },
  {
    method: 'post',
    path: '/re-review-outcomes',
    body: { designationId: id, reReviewOutcome: 'maintained', reReviewNote: '复核评分达到通过线' },
    official: 404,
  },
  { method: 'get', path: `/re-review-outcomes/${id}` },
  { method: 'post', path: `/re-review-outcomes/${id}/confirm` },
  { method: 'get', path: '/reapplication-bans' },
  {
    method: 'post',
    path: '/reapplication-bans',
    body: { enterpriseId: id, banReason: '提供虚假材料', endsOn: '2099-01-01' },
    official: 404,
  },
  { method: 'post', path: `/reapplication-bans/${id}/lift`, body: { liftReason: '经复议撤销原决定' } },
  {
    method: 'post',
    path: '/onsite-verifications',
    body: { applicationId: id, scheduledOn: '2026-12-10', expertIds: [id] },
    official: 404,
  },
  { method: 'get', path: `/onsite-verifications/${id}`, expert: 404 },
  {
    method: 'put',
    path: `/onsite-verifications/${id}/findings`,
    body: { findings: [{ clauseId: 'sd01.ws.a', met: true }] },
    expert: 404,
    official: 403,
  },
  {
    method: 'post',
    path: `/onsite-verifications/${id}/conclude`,
    body: { conclusion: 'confirmed', summary: '核查情况与申报一致' },
  },
  { method: 'get', path: '/calendars', admin: true, officialToo: true },
  { method: 'get', path: '/calendars/working-days?start=2025-09-29&days=5', admin: true, officialToo: true },
  {
    method: 'put',
    path: '/calendars/2030',
    admin: true,
    body: {
      notice: '国务院办公厅关于2030年部分节假日安排的通知（国办发明电〔2029〕1号）',
      holidays: ['2030-01-01'],
      workingWeekends: [],
    },
  },
];

/**
 * The access matrix of decisions, 公示, designations, calendars and bans: without a session 401;
 * enterprises, recommenders and experts 403 on every route; officials (and the admin for the
 * calendar) reach them, and a guessed id is 404. The public routes answer without a session and
 * show only their fields.
 */
describe('designations: access matrix', () => {
  let t: TestApp;
  const users: Partial<Record<Who, TestUser>> = {};

  beforeAll(async () => {
    // Proxies on this host are believed, so the rate-limit test can speak for its own client address.
    t = await startTestApp({ TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' });
    users.enterprise = await createUser(t, 'enterprise');
    users.recommender = await createUser(t, 'recommender', { regionCode: '330106' });
    users.expert = await createUser(t, 'expert');
    users.official = await createUser(t, 'official', { regionCode: '330000' });
    users.admin = await createUser(t, 'admin');
  });
  afterAll(() => t?.close());

  /**
   * Per route: 401 without a session; enterprises, recommenders and experts 403 (experts reach the
   * routes they may call, and a guessed id there is 404); officials reach their routes and a guessed
   * id is 404; the calendar is the admin's to edit, and the official's routes are not the admin's.
   */
  const expectations = (r: (typeof ROUTES)[number]): Partial<Record<Who, Expected>> => ({
    anonymous: 401,
    enterprise: 403,
    recommender: 403,
    expert: r.expert ?? 403,
    official: r.admin && !r.officialToo ? 403 : (r.official ?? (r.path.includes(id) ? 404 : 'ok')),
    admin: r.admin ? 'ok' : 403,
  });
  const { cases } = accessMatrix<Who>({ app: () => t, users, ids: {} });
  cases(
    ROUTES.flatMap((r): AccessCase<Who>[] =>
      each(r.method, r.path, expectations(r), { body: r.body }).map((c) =>
        c.as === 'official' && r.officialCode ? { ...c, code: r.officialCode } : c,
      ),
    ),
  );

  it('serves the public routes without a session, and a guessed id leaks nothing', async () => {
    await t.http().get('/api/v1/public/publicities').expect(200);
    await t.http().get('/api/v1/public/designations').expect(200);
    const missing = await t.http().get(`/api/v1/public/publicities/${id}/entries`).expect(404);
    expect(Object.keys(missing.body).sort()).toEqual(['code', 'details', 'message', 'requestId']);
    await t
      .http()
      .post(`/api/v1/public/publicity-entries/${id}/objections`)
      .set('X-Forwarded-For', '203.0.113.79')
      .send({
        objectorName: '李四',
        organisation: '某某大学',
        contact: '13800001111',
        statement: '对该条目有异议，申报材料中的数据与实际不符，请核查。',
      })
      .expect(404);
    await t
      .http()
      .get('/api/v1/public/designations/verify')
      .query({ certificateNumber: 'ZJFF-X-WS-0001', verificationCode: 'ABCDEFGH' })
      .expect(404);
    await t
      .http()
      .post(`/api/v1/public/objections/${id}/attachments`)
      .set('X-Objection-Token', 'guess')
      .set('X-Forwarded-For', '203.0.113.78')
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(404);
  });

  it('rate-limits objections per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await t
            .http()
            .post(`/api/v1/public/publicity-entries/${randomUUID()}/objections`)
            .set('X-Forwarded-For', '203.0.113.77')
            .send({
              objectorName: '李四',
              organisation: '某某大学',
              contact: '13800001111',
              statement: '对该条目有异议，申报材料中的数据与实际不符，请核查。',
            })
        ).status,
      );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
