import { DataSource } from 'typeorm';
import { makeCreditCode } from '@ff/enterprises';
import { TestApp, TestUser, bearer, createUser } from './test-app';

let serial = 0;
/** A valid, unique 统一社会信用代码 for region 330106 (西湖区). */
export function uniqueCreditCode(): string {
  serial++;
  const body = `${Date.now().toString().slice(-6)}${String(serial).padStart(3, '0')}`.slice(-9);
  return makeCreditCode(`91330106${body}`);
}

/** An open batch whose window contains now. */
export async function openBatch(t: TestApp, official: TestUser, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  const res = await t
    .http()
    .post('/api/v1/batches')
    .set(bearer(official))
    .send({
      code: `B${now.toString(36)}${serial++}`,
      title: '测试批次',
      tiers: ['workshop', 'smart_factory', 'future_factory'],
      submissionOpensAt: new Date(now - 3600_000).toISOString(),
      submissionClosesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
      ...overrides,
    })
    .expect(201);
  await t.http().post(`/api/v1/batches/${res.body.id}/open`).set(bearer(official)).expect(200);
  return res.body as { id: string; code: string };
}

/** An enterprise user bound to a freshly registered enterprise in `regionCode`. */
export async function enterpriseUser(t: TestApp, regionCode = '330106', industryMode = 'discrete') {
  const user = await createUser(t, 'enterprise');
  const res = await t
    .http()
    .post('/api/v1/enterprises')
    .set(bearer(user))
    .send({
      name: `测试企业${serial++}有限公司`,
      creditCode: uniqueCreditCode(),
      regionCode,
      industryMode,
      profile: { chainLeader: true },
    })
    .expect(201);
  return { user, enterprise: res.body as { id: string; creditCode: string; regionCode: string } };
}

/** A real (tiny) PDF: what an enterprise would upload as evidence. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The same PDF with a comment line, so its sha256 is new: lets a test tell whether it was stored. */
export const uniquePdf = (marker = `${Date.now()}-${serial++}`) =>
  Buffer.concat([PDF.subarray(0, PDF.length - '%%EOF\n'.length), Buffer.from(`% ${marker}\n%%EOF\n`, 'latin1')]);

/** Long enough for the batch's default minimum narrative length. */
export const NARRATIVE = '已建成覆盖全部产线的设备联网与数据采集系统，实时采集设备运行参数并用于生产调度和质量追溯。';

export interface FormClause {
  clauseId: string;
  obligation: 'mandatory' | 'recommended';
}

/** Polls the application as `user` until its status is no longer `not` (the queued pre-check has run). */
export async function waitForStatus(t: TestApp, id: string, user: { token: string }, not: string, timeoutMs = 15_000) {
  const started = Date.now();
  for (;;) {
    const res = await t.http().get(`/api/v1/applications/${id}`).set(bearer(user)).expect(200);
    if (res.body.status !== not) return res.body as { status: string; submissionCount: number };
    if (Date.now() - started > timeoutMs)
      throw new Error(`application ${id}: status still ${not} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A draft the pre-check will pass: created by `owner` (an enterprise user with a registered
 * enterprise) in `batchId`, with one evidence PDF, every mandatory clause declared met with a
 * narrative and that evidence, and 申报条件事项 meeting the default thresholds.
 */
export async function completeDraft(t: TestApp, owner: { token: string }, batchId: string, tier = 'workshop') {
  const api = (path: string) => `/api/v1/applications${path}`;
  const created = await t.http().post(api('')).set(bearer(owner)).send({ batchId, tier }).expect(201);
  const id: string = created.body.id;
  const evidence = await t
    .http()
    .post(api(`/${id}/evidence`))
    .set(bearer(owner))
    .attach('file', PDF, { filename: '佐证材料.pdf', contentType: 'application/pdf' })
    .expect(201);
  const evidenceId: string = evidence.body.id;
  const form = await t
    .http()
    .get(api(`/${id}/self-assessment`))
    .set(bearer(owner))
    .expect(200);
  const clauses: FormClause[] = form.body.clauses;
  const declarations = clauses
    .filter((c) => c.obligation === 'mandatory')
    .map((c) => ({ clauseId: c.clauseId, status: 'met', narrative: NARRATIVE, evidenceIds: [evidenceId] }));
  await t
    .http()
    .put(api(`/${id}/self-assessment`))
    .set(bearer(owner))
    .send({ declarations })
    .expect(200);
  await t
    .http()
    .patch(api(`/${id}`))
    .set(bearer(owner))
    .send({ eligibilityFacts: passingFacts(evidenceId) })
    .expect(200);
  return { id, evidenceId, clauses };
}

/** 申报条件事项 meeting every default threshold (浙经信产数〔2025〕174号) of every tier. */
export const passingFacts = (evidenceId: string) => ({
  digitalLevel: { value: 3.0, evidenceIds: [evidenceId] },
  investment: { value: 5000, evidenceIds: [evidenceId] },
  creditRating: { value: 'good', evidenceIds: [evidenceId] },
  violations: { value: false },
  independentLegalPerson: { value: true, evidenceIds: [evidenceId] },
  completionDate: { value: '2025-06-30', evidenceIds: [evidenceId] },
});

/** `completeDraft`, submitted, and pre-checked by the worker: status `precheck_passed`. */
export async function precheckPassedApplication(
  t: TestApp,
  owner: { token: string },
  batchId: string,
  tier = 'workshop',
) {
  const draft = await completeDraft(t, owner, batchId, tier);
  await t.http().post(`/api/v1/applications/${draft.id}/submit`).set(bearer(owner)).expect(200);
  const after = await waitForStatus(t, draft.id, owner, 'submitted');
  if (after.status !== 'precheck_passed') throw new Error(`application ${draft.id}: pre-check gave ${after.status}`);
  return draft;
}

/** The tables a request of the applications slice can write. */
export const SLICE_TABLES = [
  'applications',
  'application_declarations',
  'evidence_files',
  'application_submissions',
  'recommendations',
  'enterprises',
  'batches',
] as const;

/**
 * Row count and content hash of each table, and the number of audit events other than denials:
 * equal before and after a request means the request wrote nothing.
 */
export async function fingerprint(
  t: TestApp,
  tables: readonly string[] = SLICE_TABLES,
): Promise<Record<string, string>> {
  const ds = t.app.get(DataSource);
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [r] = await ds.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${table} x`,
    );
    out[table] = `${r.n}:${r.h}`;
  }
  const [a] = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action <> 'access.denied'`);
  out.audit_events = String(a.n);
  return out;
}
